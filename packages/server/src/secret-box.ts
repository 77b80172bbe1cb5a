import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Encrypts and decrypts secrets (Stripe keys, webhook secrets) for storage. */
export interface SecretBox {
  /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts; a fresh IV each call. */
  seal(plaintext: string): string;
  /** The plaintext of a sealed value; throws when it was tampered with or sealed under another key. */
  open(sealed: string): string;
}

const VERSION = 'v1';

/**
 * Turns the host's `encryptionKey` into 32 key bytes: 64 hex characters or the
 * base64 of 32 bytes are used as they are; any other string of at least 32
 * characters is stretched with HKDF-SHA-256.
 */
export function deriveEncryptionKey(encryptionKey: string): Buffer {
  if (/^[0-9a-fA-F]{64}$/.test(encryptionKey)) return Buffer.from(encryptionKey, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(encryptionKey)) {
    const bytes = Buffer.from(encryptionKey, 'base64');
    if (bytes.length === 32) return bytes;
  }
  if (encryptionKey.length < 32) {
    throw new Error(
      'encryptionKey must be 32 random bytes as 64 hex characters or base64, or a passphrase of at least 32 characters (e.g. `openssl rand -hex 32`).',
    );
  }
  return Buffer.from(hkdfSync('sha256', encryptionKey, 'referkit', 'secret-box v1', 32));
}

/** AES-256-GCM under the host's `encryptionKey`. */
export function createSecretBox(encryptionKey: string): SecretBox {
  const key = deriveEncryptionKey(encryptionKey);
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), ciphertext]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, ciphertext] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
        throw new Error('Not a sealed secret');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}
