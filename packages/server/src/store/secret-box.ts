import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Encrypts and decrypts secrets (Stripe keys, webhook secrets) for storage. */
export interface SecretBox {
  /**
   * `v2.<key id>.<iv>.<tag>.<ciphertext>` under the newest key (the first of
   * the list), base64url parts; a fresh IV each call.
   */
  seal(plaintext: string): string;
  /**
   * The plaintext of a sealed value, under whichever key of the list sealed it;
   * throws {@link UnreadableSecretError} when no key opens it (sealed under a
   * key the server no longer has, or tampered with).
   */
  open(sealed: string): string;
  /** Whether a sealed value opens under one of the keys. */
  canOpen(sealed: string): boolean;
}

/** A sealed value no configured key opens. */
export class UnreadableSecretError extends Error {
  constructor(message = 'No configured encryption key opens this sealed secret') {
    super(message);
    this.name = 'UnreadableSecretError';
  }
}

const KEY_RULES =
  'encryptionKey must be 32 random bytes as 64 hex characters or base64, or a random passphrase of at least 32 characters (e.g. `openssl rand -hex 32`)';

/**
 * Turns one `encryptionKey` into 32 key bytes: 64 hex characters, or the
 * base64 (or base64url) of 32 bytes, are used as they are; any other string of
 * at least 32 characters goes through HKDF-SHA-256 (salt `referkit`, info
 * `secret-box v1`). HKDF is not a slow password hash: a passphrase must itself
 * be random. Weak keys are refused: shorter ones, and ones whose bytes (or
 * characters) are all the same.
 */
export function deriveEncryptionKey(encryptionKey: string): Buffer {
  if (typeof encryptionKey !== 'string') throw new Error(`${KEY_RULES}.`);
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(encryptionKey)) bytes = Buffer.from(encryptionKey, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(encryptionKey)) {
    const decoded = Buffer.from(encryptionKey, 'base64');
    if (decoded.length === 32) bytes = decoded;
  }
  if (bytes) {
    if (bytes.every((byte) => byte === bytes[0])) {
      throw new Error(`${KEY_RULES}: this one repeats a single byte.`);
    }
    return bytes;
  }
  if (encryptionKey.length < 32) throw new Error(`${KEY_RULES}: this one is too short.`);
  if (new Set(encryptionKey).size === 1) {
    throw new Error(`${KEY_RULES}: this one repeats a single character.`);
  }
  return Buffer.from(hkdfSync('sha256', encryptionKey, 'referkit', 'secret-box v1', 32));
}

const VERSION = 'v2';
const LEGACY_VERSION = 'v1';

/** A short, non-secret id of a key, stored beside what it sealed. */
function keyId(key: Buffer): string {
  return createHmac('sha256', key).update('referkit key id').digest('base64url').slice(0, 8);
}

function decrypt(key: Buffer, iv: string, tag: string, ciphertext: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(ciphertext, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}

/**
 * AES-256-GCM under the host's `encryptionKey`: one key, or a list whose first
 * key seals and every key opens (so keys can be rotated: put the new key first,
 * keep the old ones until every connection was re-saved). Values sealed before
 * key ids existed (`v1.…`) open under any key of the list.
 */
export function createSecretBox(encryptionKey: string | readonly string[]): SecretBox {
  const list = typeof encryptionKey === 'string' ? [encryptionKey] : [...encryptionKey];
  if (list.length === 0) throw new Error(`${KEY_RULES}: none was given.`);
  const keys = list.map((key) => {
    const bytes = deriveEncryptionKey(key);
    return { id: keyId(bytes), bytes };
  });
  const newest = keys[0] as (typeof keys)[number];
  const open = (sealed: string): string => {
    const parts = typeof sealed === 'string' ? sealed.split('.') : [];
    if (parts[0] === VERSION && parts.length === 5) {
      const [, id, iv, tag, ciphertext] = parts as [string, string, string, string, string];
      const key = keys.find((candidate) => candidate.id === id);
      if (!key)
        throw new UnreadableSecretError('The key that sealed this secret is not configured');
      try {
        return decrypt(key.bytes, iv, tag, ciphertext);
      } catch {
        throw new UnreadableSecretError('This sealed secret was tampered with');
      }
    }
    if (parts[0] === LEGACY_VERSION && parts.length === 4) {
      const [, iv, tag, ciphertext] = parts as [string, string, string, string];
      for (const key of keys) {
        try {
          return decrypt(key.bytes, iv, tag, ciphertext);
        } catch {
          // Another key of the list may have sealed it.
        }
      }
      throw new UnreadableSecretError();
    }
    throw new UnreadableSecretError('Not a sealed secret');
  };
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', newest.bytes, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, newest.id, iv, cipher.getAuthTag(), ciphertext]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open,
    canOpen(sealed) {
      try {
        open(sealed);
        return true;
      } catch {
        return false;
      }
    },
  };
}
