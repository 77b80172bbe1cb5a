import type { Integration, IntegrationConnection, StripeMode } from '@referkit/core';
import Bottleneck from 'bottleneck';
import type { Database } from './database';
import { newId } from './ids';
import type { SecretBox } from './secret-box';

/** A Stripe connection row. The key is only ever held sealed. */
export interface ConnectionRow {
  id: string;
  account_id: string;
  method: 'key' | 'oauth';
  mode: StripeMode;
  secret_ciphertext: string;
  key_last4: string;
  stripe_account_id: string;
  account_name: string;
  status: 'connected' | 'error';
  error: string | null;
  checked_at: Date;
  webhook: 'registered' | 'manual' | 'none';
  webhook_endpoint_id: string | null;
  webhook_secret_ciphertext: string | null;
  events_cursor: string | null;
  connected_at: Date;
  updated_at: Date;
}

/** What a successful connection check learned. */
export interface VerifiedConnection {
  method: 'key' | 'oauth';
  mode: StripeMode;
  secretKey: string;
  stripeAccountId: string;
  accountName: string;
}

/** The Sync screen's Stripe entry for a connection row (or none). */
export function toStripeIntegration(
  row: ConnectionRow | null,
  oauthAvailable: boolean,
): Integration {
  const connection: IntegrationConnection | null = row
    ? {
        externalAccountId: row.stripe_account_id,
        accountName: row.account_name,
        mode: row.mode,
        method: row.method,
        connectedAt: row.connected_at.toISOString(),
        webhook: row.webhook,
      }
    : null;
  return {
    id: 'stripe',
    name: 'Stripe',
    category: 'payment',
    available: true,
    status: row ? row.status : 'not_connected',
    connection,
    error: row?.status === 'error' ? row.error : null,
    oauthAvailable,
  };
}

/** What the Sync screen says about a connection whose saved key no configured key opens. */
export const UNREADABLE_KEY_PROBLEM =
  'Reconnect Stripe: the saved key was sealed under an encryption key this server no longer has.';

/** Stripe connections: one per tenant account. */
export function connectionStore(db: Database, secrets: SecretBox) {
  // In this process, one change per tenant waits for the advisory lock at a time,
  // so waiting changes never hold more than one pooled connection per tenant.
  const queues = new Map<string, Promise<unknown>>();
  // Each change holds a pooled connection for its lock and uses another for its
  // queries: at most half the pool hold locks at once, so changes of many tenants
  // never take every connection and wait for each other.
  const poolSize = (db.pool as unknown as { options?: { max?: number } }).options?.max ?? 10;
  const lockHolders = new Bottleneck({ maxConcurrent: Math.max(1, Math.floor(poolSize / 2)) });
  const exclusive = async <T>(accountId: string, work: () => Promise<T>): Promise<T> => {
    const before = queues.get(accountId) ?? Promise.resolve();
    const mine = before
      .catch(() => {})
      .then(() => lockHolders.schedule(() => locked(accountId, work)));
    queues.set(accountId, mine);
    try {
      return await mine;
    } finally {
      if (queues.get(accountId) === mine) queues.delete(accountId);
    }
  };
  const locked = async <T>(accountId: string, work: () => Promise<T>): Promise<T> => {
    const client = await db.pool.connect();
    try {
      // Across processes: one session lock per tenant (hashtextextended is stable).
      await client.query(
        "SELECT pg_advisory_lock(hashtextextended('referkit:connection:' || $1, 0))",
        [accountId],
      );
      try {
        return await work();
      } finally {
        await client.query(
          "SELECT pg_advisory_unlock(hashtextextended('referkit:connection:' || $1, 0))",
          [accountId],
        );
      }
    } finally {
      client.release();
    }
  };
  return {
    /**
     * Runs `work` while no other connection change of the tenant runs, in this
     * process or another: connect, reconnect and disconnect take turns.
     */
    exclusive,

    /** Whether the saved key opens under one of the server's encryption keys. */
    readable(row: ConnectionRow): boolean {
      return secrets.canOpen(row.secret_ciphertext);
    },

    async get(accountId: string): Promise<ConnectionRow | null> {
      return db.maybeOne<ConnectionRow>(
        'SELECT * FROM referkit.stripe_connections WHERE account_id = $1',
        [accountId],
      );
    },

    async byId(id: string): Promise<ConnectionRow | null> {
      return db.maybeOne<ConnectionRow>('SELECT * FROM referkit.stripe_connections WHERE id = $1', [
        id,
      ]);
    },

    /** Saves a verified connection, replacing the tenant's previous one. */
    async save(accountId: string, verified: VerifiedConnection): Promise<ConnectionRow> {
      return db.one<ConnectionRow>(
        `INSERT INTO referkit.stripe_connections
           (id, account_id, method, mode, secret_ciphertext, key_last4, stripe_account_id, account_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (account_id) DO UPDATE SET
           method = EXCLUDED.method, mode = EXCLUDED.mode,
           secret_ciphertext = EXCLUDED.secret_ciphertext, key_last4 = EXCLUDED.key_last4,
           stripe_account_id = EXCLUDED.stripe_account_id, account_name = EXCLUDED.account_name,
           status = 'connected', error = NULL, checked_at = now(), connected_at = now(),
           updated_at = now(), events_cursor = NULL
         RETURNING *`,
        [
          newId('con'),
          accountId,
          verified.method,
          verified.mode,
          secrets.seal(verified.secretKey),
          verified.secretKey.slice(-4),
          verified.stripeAccountId,
          verified.accountName,
        ],
      );
    },

    async delete(accountId: string): Promise<boolean> {
      const result = await db.pool.query(
        'DELETE FROM referkit.stripe_connections WHERE account_id = $1',
        [accountId],
      );
      return (result.rowCount ?? 0) > 0;
    },

    /** Records the outcome of a re-check: `null` for healthy, else why it failed. */
    async markChecked(id: string, error: string | null): Promise<ConnectionRow | null> {
      return db.maybeOne<ConnectionRow>(
        `UPDATE referkit.stripe_connections
         SET status = CASE WHEN $2::text IS NULL THEN 'connected' ELSE 'error' END,
             error = $2, checked_at = now(), updated_at = now()
         WHERE id = $1 RETURNING *`,
        [id, error],
      );
    },

    /** The connection's Stripe key, unsealed for a call. */
    secretKey(row: ConnectionRow): string {
      return secrets.open(row.secret_ciphertext);
    },
  };
}
