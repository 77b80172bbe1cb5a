import { API_ERROR_MESSAGES, IDEMPOTENCY_KEY_TTL_SECONDS } from '@referkit/core';
import { ApiError } from '../api-error';
import type { Database } from './database';

/** Settings of {@link idempotencyStore}; the defaults suit production. */
export interface IdempotencyStoreOptions {
  /** How long a key is remembered, in seconds. Default: `IDEMPOTENCY_KEY_TTL_SECONDS` (24 h). */
  ttlSeconds?: number;
  /**
   * How long a request may hold its key before another with the same key may
   * take over (its process died), in seconds. Default: 300.
   */
  lockSeconds?: number;
  /** How long a repeat waits for the first request's answer, in milliseconds. Default: 30 000. */
  waitMs?: number;
}

/** The first answer to a key, or a fresh claim on it. */
export type IdempotentResult<T> =
  | { replayed: true; response: unknown }
  | { replayed: false; response: T };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `Idempotency-Key`s of the tenant's creates, in Postgres so every process
 * agrees: the first request with a key claims it (a row, committed at once),
 * runs, and stores its answer; a repeat with the same request gets that
 * answer — waiting while the first is still running — and a repeat with
 * another request is refused (`idempotency_key_reused`). A request that fails
 * gives its key back, so a retry runs again. Keys expire after `ttlSeconds`.
 */
export function idempotencyStore(db: Database, options: IdempotencyStoreOptions = {}) {
  const ttlSeconds = options.ttlSeconds ?? IDEMPOTENCY_KEY_TTL_SECONDS;
  const lockSeconds = options.lockSeconds ?? 300;
  const waitMs = options.waitMs ?? 30_000;

  const claim = async (accountId: string, key: string, hash: string): Promise<boolean> => {
    const row = await db.maybeOne<{ key: string }>(
      `INSERT INTO referkit.idempotency_keys
         (account_id, key, request_hash, locked_until, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4), now() + make_interval(secs => $5))
       ON CONFLICT (account_id, key) DO UPDATE SET
         request_hash = EXCLUDED.request_hash, state = 'pending', response = NULL,
         locked_until = EXCLUDED.locked_until, created_at = now(), expires_at = EXCLUDED.expires_at
       WHERE referkit.idempotency_keys.expires_at < now()
          OR (referkit.idempotency_keys.state = 'pending'
              AND referkit.idempotency_keys.locked_until < now()
              AND referkit.idempotency_keys.request_hash = EXCLUDED.request_hash)
       RETURNING key`,
      [accountId, key, hash, lockSeconds, ttlSeconds],
    );
    return row !== null;
  };

  return {
    /**
     * Runs `execute` once per (tenant, key): see {@link idempotencyStore}.
     * `hash` identifies the request (route, parameters and body).
     */
    async run<T>(
      accountId: string,
      key: string,
      hash: string,
      execute: () => Promise<T>,
    ): Promise<IdempotentResult<T>> {
      const deadline = Date.now() + waitMs;
      for (let attempt = 0; ; attempt++) {
        if (await claim(accountId, key, hash)) {
          let response: T;
          try {
            response = await execute();
          } catch (error) {
            await db.pool.query(
              'DELETE FROM referkit.idempotency_keys WHERE account_id = $1 AND key = $2',
              [accountId, key],
            );
            throw error;
          }
          await db.pool.query(
            `UPDATE referkit.idempotency_keys SET state = 'done', response = $3::jsonb
             WHERE account_id = $1 AND key = $2`,
            [accountId, key, JSON.stringify(response ?? null)],
          );
          // Forget the tenant's expired keys while here (the primary key finds them).
          await db.pool.query(
            'DELETE FROM referkit.idempotency_keys WHERE account_id = $1 AND expires_at < now()',
            [accountId],
          );
          return { replayed: false, response };
        }
        const first = await db.maybeOne<{
          request_hash: string;
          state: 'pending' | 'done';
          response: unknown;
        }>(
          `SELECT request_hash, state, response FROM referkit.idempotency_keys
           WHERE account_id = $1 AND key = $2 AND expires_at >= now()`,
          [accountId, key],
        );
        if (!first) continue; // The first request failed and gave the key back: claim it.
        if (first.request_hash !== hash) {
          throw new ApiError('idempotency_key_reused', API_ERROR_MESSAGES.idempotencyKeyReused);
        }
        if (first.state === 'done') return { replayed: true, response: first.response };
        if (Date.now() >= deadline) {
          throw new ApiError(
            'idempotency_key_in_use',
            'A request with this Idempotency-Key is still being answered. Try again in a moment.',
          );
        }
        await sleep(Math.min(25 * 2 ** Math.min(attempt, 4), 400));
      }
    },
  };
}
