import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../logger';
import { createSecretBox, deriveEncryptionKey, UnreadableSecretError } from './secret-box';

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
    const [version, id, iv, tag, data] = box.seal('rk_live_secret').split('.');
    const flipped = Buffer.from(data as string, 'base64url');
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(() => box.open([version, id, iv, tag, flipped.toString('base64url')].join('.'))).toThrow(
      UnreadableSecretError,
    );
  });

  it('takes hex, base64 or a long passphrase, and refuses a short one', () => {
    expect(deriveEncryptionKey(key)).toEqual(Buffer.from(key, 'hex'));
    const base64 = randomBytes(32).toString('base64');
    expect(deriveEncryptionKey(base64)).toEqual(Buffer.from(base64, 'base64'));
    expect(deriveEncryptionKey('correct horse battery staple, stapled twice')).toHaveLength(32);
    expect(() => deriveEncryptionKey('short')).toThrow('at least 32 characters');
  });

  it('refuses weak keys: one repeated byte or character', () => {
    expect(() => deriveEncryptionKey('0'.repeat(64))).toThrow('repeats a single byte');
    expect(() => deriveEncryptionKey('aa'.repeat(32))).toThrow('repeats a single byte');
    expect(() => deriveEncryptionKey(Buffer.alloc(32, 7).toString('base64'))).toThrow(
      'repeats a single byte',
    );
    expect(() => deriveEncryptionKey('x'.repeat(40))).toThrow('repeats a single character');
    expect(() => createSecretBox([])).toThrow('none was given');
  });

  it('rotates keys: the first key seals, every key of the list opens', () => {
    const oldKey = randomBytes(32).toString('hex');
    const newKey = randomBytes(32).toString('hex');
    const sealedBefore = createSecretBox(oldKey).seal('sk_test_old');
    const rotated = createSecretBox([newKey, oldKey]);
    expect(rotated.open(sealedBefore)).toBe('sk_test_old');
    const sealedAfter = rotated.seal('sk_test_new');
    expect(createSecretBox(newKey).open(sealedAfter)).toBe('sk_test_new');
    // The key id tells which key sealed a value; a box without that key says so.
    expect(sealedAfter.split('.')[1]).not.toBe(sealedBefore.split('.')[1]);
    expect(() => createSecretBox(oldKey).open(sealedAfter)).toThrow(UnreadableSecretError);
    expect(createSecretBox(oldKey).canOpen(sealedAfter)).toBe(false);
    expect(rotated.canOpen(sealedAfter)).toBe(true);
  });

  it('opens values sealed before key ids existed (v1) under any key of the list', () => {
    const oldKey = randomBytes(32).toString('hex');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(oldKey, 'hex'), iv);
    const data = Buffer.concat([cipher.update('whsec_legacy', 'utf8'), cipher.final()]);
    const legacy = ['v1', iv, cipher.getAuthTag(), data]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
    expect(createSecretBox([randomBytes(32).toString('hex'), oldKey]).open(legacy)).toBe(
      'whsec_legacy',
    );
    expect(() => createSecretBox(randomBytes(32).toString('hex')).open(legacy)).toThrow(
      UnreadableSecretError,
    );
  });
});

describe('redactSecrets', () => {
  it('hides Stripe keys, webhook secrets and API keys', () => {
    expect(
      redactSecrets('key sk_test_51Abc, rk_live_9Z, whsec_abc and refk_XYZ-1 in one line'),
    ).toBe('key sk_[redacted], rk_[redacted], whsec_[redacted] and refk_[redacted] in one line');
  });
});
