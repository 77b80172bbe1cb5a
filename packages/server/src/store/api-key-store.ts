import { createHash } from 'node:crypto';
import type { Database } from './database';
import { newApiKeySecret, newId } from './ids';

/** What the API shows of a key: never the secret, only its first characters. */
export interface ApiKeySummary {
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

interface ApiKeyRow {
  id: string;
  account_id: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
}

const PREFIX_LENGTH = 9; // "refk_" and four characters

function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function toSummary(row: ApiKeyRow): ApiKeySummary {
  return {
    prefix: `${row.prefix}…`,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

/** API keys: one active key per account, stored as a SHA-256 hash. */
export function apiKeyStore(db: Database) {
  return {
    async get(accountId: string): Promise<ApiKeySummary | null> {
      const row = await db.maybeOne<ApiKeyRow>(
        'SELECT * FROM referkit.api_keys WHERE account_id = $1 AND revoked_at IS NULL',
        [accountId],
      );
      return row ? toSummary(row) : null;
    },

    /**
     * Creates a key, revoking the previous one in the same transaction (one
     * rotation of an account at a time; the last one wins). The secret is returned once.
     */
    async rotate(accountId: string): Promise<{ apiKey: ApiKeySummary; secret: string }> {
      const secret = newApiKeySecret();
      const row = await db.transaction(async (client) => {
        // Concurrent rotations of one account take turns: each answers with its own key.
        await client.query(
          "SELECT pg_advisory_xact_lock(hashtextextended('referkit:api-key:' || $1, 0))",
          [accountId],
        );
        await client.query(
          'UPDATE referkit.api_keys SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL',
          [accountId],
        );
        return db.one<ApiKeyRow>(
          `INSERT INTO referkit.api_keys (id, account_id, key_hash, prefix)
           VALUES ($1, $2, $3, $4) RETURNING *`,
          [newId('key'), accountId, hashKey(secret), secret.slice(0, PREFIX_LENGTH)],
          client,
        );
      });
      return { apiKey: toSummary(row), secret };
    },

    /** The account an active key belongs to (and records its use), or `null`. */
    async authenticate(secret: string): Promise<string | null> {
      const row = await db.maybeOne<{ account_id: string }>(
        `UPDATE referkit.api_keys SET last_used_at = now()
         WHERE key_hash = $1 AND revoked_at IS NULL RETURNING account_id`,
        [hashKey(secret)],
      );
      return row?.account_id ?? null;
    },
  };
}
