import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from './logger';
import { createSecretBox, deriveEncryptionKey } from './secret-box';

describe('secret box', () => {
  const key = randomBytes(32).toString('hex');

  it('seals with a fresh IV each time and opens only under the same key', () => {
    const box = createSecretBox(key);
    const a = box.seal('sk_test_51abcdef');
    const b = box.seal('sk_test_51abcdef');
    expect(a).not.toBe(b);
    expect(a).not.toContain('51abcdef');
    expect(box.open(a)).toBe('sk_test_51abcdef');
    expect(() => createSecretBox(randomBytes(32).toString('base64')).open(a)).toThrow();
  });

  it('refuses a tampered value', () => {
    const box = createSecretBox(key);
    const [version, iv, tag, data] = box.seal('rk_live_secret').split('.');
    const flipped = Buffer.from(data as string, 'base64url');
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(() => box.open([version, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
  });

  it('takes hex, base64 or a long passphrase, and refuses a short one', () => {
    expect(deriveEncryptionKey(key)).toEqual(Buffer.from(key, 'hex'));
    const base64 = randomBytes(32).toString('base64');
    expect(deriveEncryptionKey(base64)).toEqual(Buffer.from(base64, 'base64'));
    expect(deriveEncryptionKey('correct horse battery staple, stapled twice')).toHaveLength(32);
    expect(() => deriveEncryptionKey('short')).toThrow('at least 32 characters');
  });
});

describe('redactSecrets', () => {
  it('hides Stripe keys, webhook secrets and API keys', () => {
    expect(
      redactSecrets('key sk_test_51Abc, rk_live_9Z, whsec_abc and refk_XYZ-1 in one line'),
    ).toBe('key sk_[redacted], rk_[redacted], whsec_[redacted] and refk_[redacted] in one line');
  });
});
