import type Stripe from 'stripe';
import { type AdaptiveRateLimiter, PRIORITY } from './adaptive-rate-limiter';
import { callStripe, StripeCallError, type StripeRetryOptions } from './call-stripe';
import type { Database } from './database';
import type { PlannedWrite } from './process-record-batch';
import type { StripeFailure } from './stripe-errors';
import { addRunCounts, type CountsDelta } from './sync-store';

/** How one write-back ended. */
export type WriteResult =
  | { outcomeId: number; status: 'done' }
  | { outcomeId: number; status: 'deleted' | 'failed'; failure: StripeFailure };

/** A failure that stops the run: the key stopped working, or Stripe stayed unreachable. */
export class RunStoppingError extends Error {
  readonly failure: StripeFailure;
  constructor(failure: StripeFailure) {
    super(failure.message);
    this.name = 'RunStoppingError';
    this.failure = failure;
  }
}

/**
 * Records write-back results in one transaction: confirmed writes count as
 * written back; a customer deleted in Stripe meanwhile becomes `skipped`
 * (`deleted`); a write Stripe refused becomes `failed` with its reason. Only
 * outcomes still `pending` change, so replaying results never counts twice.
 */
export async function recordWriteResults(
  db: Database,
  runId: string,
  results: readonly WriteResult[],
): Promise<void> {
  if (results.length === 0) return;
  await db.transaction(async (client) => {
    const delta: CountsDelta = {};
    const reasons: Record<string, number> = {};
    const done = results.filter((r) => r.status === 'done').map((r) => r.outcomeId);
    if (done.length > 0) {
      const updated = await client.query(
        `UPDATE referkit.sync_outcomes SET write_status = 'done', written_back = true
         WHERE run_id = $1 AND id = ANY($2) AND write_status = 'pending'`,
        [runId, done],
      );
      delta.writtenBack = updated.rowCount ?? 0;
    }
    const refused = results.filter((r) => r.status !== 'done');
    if (refused.length > 0) {
      const moved = await client.query<{
        old_outcome: keyof CountsDelta;
        outcome: keyof CountsDelta;
      }>(
        `WITH t AS (
           SELECT * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[])
             AS t(id, outcome, reason_code, message)
         ), old AS (
           SELECT o.id, o.outcome FROM referkit.sync_outcomes o JOIN t ON t.id = o.id
           WHERE o.run_id = $1 AND o.write_status = 'pending' FOR UPDATE
         )
         UPDATE referkit.sync_outcomes o SET
           write_status = 'failed', outcome = t.outcome, reason_code = t.reason_code, message = t.message
         FROM t, old WHERE o.id = t.id AND old.id = t.id
         RETURNING old.outcome AS old_outcome, o.outcome AS outcome`,
        [
          runId,
          refused.map((r) => r.outcomeId),
          refused.map((r) => (r.status === 'deleted' ? 'skipped' : 'failed')),
          refused.map((r) =>
            r.status === 'deleted'
              ? 'deleted'
              : r.status === 'failed'
                ? (r.failure.code ?? 'stripe_error')
                : null,
          ),
          refused.map((r) =>
            r.status === 'deleted'
              ? 'The customer was deleted in Stripe before its values were written back; the referrer is kept.'
              : r.status === 'failed'
                ? `Stripe refused the write-back: ${r.failure.message}`
                : null,
          ),
        ],
      );
      for (const row of moved.rows) {
        delta[row.old_outcome] = (delta[row.old_outcome] ?? 0) - 1;
        delta[row.outcome] = (delta[row.outcome] ?? 0) + 1;
        if (row.outcome === 'skipped') reasons.deleted = (reasons.deleted ?? 0) + 1;
      }
    }
    await addRunCounts(client, runId, delta, reasons);
  });
}

/** Settings of a {@link WriteBackPipeline}. */
export interface WriteBackPipelineOptions {
  db: Database;
  runId: string;
  stripe: Stripe;
  limiter: AdaptiveRateLimiter;
  /** Batches whose writes may be in flight at once. */
  maxBatches: number;
  retry?: StripeRetryOptions;
}

/**
 * Sends write-backs through the account's limiter while the run reads on: each
 * batch's writes go out concurrently (paced by the limiter), and when all of a
 * batch's writes have settled their results are recorded together. At most
 * `maxBatches` batches are in flight, so memory stays flat however big the
 * account. A failure that stops the run (revoked key, lost permission, Stripe
 * unreachable past the retries) aborts every queued write and is rethrown by
 * {@link WriteBackPipeline.drain}.
 */
export class WriteBackPipeline {
  readonly #options: WriteBackPipelineOptions;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #abort = new AbortController();
  #error: Error | null = null;

  constructor(options: WriteBackPipelineOptions) {
    this.#options = options;
  }

  /** The failure that stopped the pipeline, if any. */
  get error(): Error | null {
    return this.#error;
  }

  /** Starts one batch's writes. */
  add(writes: readonly PlannedWrite[]): void {
    if (writes.length === 0 || this.#error) return;
    const batch = this.#runBatch(writes).catch((error: unknown) => {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
    });
    const tracked = batch.finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }

  /** Resolves once fewer than `maxBatches` batches are in flight. */
  async waitForRoom(): Promise<void> {
    while (this.#inFlight.size >= this.#options.maxBatches && !this.#error) {
      await Promise.race(this.#inFlight);
    }
  }

  /** Waits for every batch; throws the failure that stopped the pipeline, if any. */
  async drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
    if (this.#error) throw this.#error;
  }

  /** Stops queued writes (e.g. the run lost its lease). */
  abort(reason: Error): void {
    this.#fail(reason);
  }

  #fail(error: Error): void {
    if (!this.#error) {
      this.#error = error;
      this.#abort.abort(error);
    }
  }

  async #runBatch(writes: readonly PlannedWrite[]): Promise<void> {
    const { stripe, limiter, retry } = this.#options;
    const signal = this.#abort.signal;
    const settled = await Promise.all(
      writes.map(async (write): Promise<WriteResult | null> => {
        try {
          await callStripe(
            limiter,
            PRIORITY.write,
            () =>
              stripe.customers.update(write.customerId, write.params, {
                idempotencyKey: write.idempotencyKey,
              }),
            { ...retry, signal },
          );
          return { outcomeId: write.outcomeId, status: 'done' };
        } catch (error) {
          if (!(error instanceof StripeCallError)) {
            if (signal.aborted) return null;
            throw error;
          }
          const { failure } = error;
          if (failure.kind === 'missing')
            return { outcomeId: write.outcomeId, status: 'deleted', failure };
          if (failure.kind === 'rejected')
            return { outcomeId: write.outcomeId, status: 'failed', failure };
          // Unauthorized, forbidden, or still unavailable after every retry: stop the run.
          this.#fail(new RunStoppingError(failure));
          return null;
        }
      }),
    );
    // Results that did settle are kept even when the run stops; the rest stay pending.
    await recordWriteResults(
      this.#options.db,
      this.#options.runId,
      settled.filter((result): result is WriteResult => result !== null),
    );
  }
}
