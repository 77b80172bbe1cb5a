import { API_ERROR_MESSAGES } from '@referkit/core';
import type Stripe from 'stripe';
import type { Database } from '../store/database';
import { addRunCounts, type CountsDelta } from '../store/sync-store';
import { type AccountLimiter, ENDPOINT } from '../stripe/account-limiter';
import { PRIORITY } from '../stripe/adaptive-rate-limiter';
import { callStripe, StripeCallError, type StripeRetryOptions } from '../stripe/call-stripe';
import type { StripeFailure } from '../stripe/stripe-errors';
import type { PlannedWrite } from './process-record-batch';

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
 * `writesPerSecond` (the pace the engine keeps to now) goes to the run's progress.
 */
export async function recordWriteResults(
  db: Database,
  runId: string,
  results: readonly WriteResult[],
  writesPerSecond: number | null = null,
): Promise<void> {
  if (results.length === 0) return;
  await db.transaction(async (client) => {
    if (writesPerSecond !== null) {
      await client.query('UPDATE referkit.sync_runs SET writes_per_second = $2 WHERE id = $1', [
        runId,
        writesPerSecond,
      ]);
    }
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
                ? API_ERROR_MESSAGES.writeBackRefused(r.failure.message)
                : null,
          ),
        ],
      );
      for (const row of moved.rows) {
        delta[row.old_outcome] = (delta[row.old_outcome] ?? 0) - 1;
        delta[row.outcome] = (delta[row.outcome] ?? 0) + 1;
        if (row.outcome === 'skipped') reasons.deleted = (reasons.deleted ?? 0) + 1;
      }
      if (moved.rows.length > 0) {
        await client.query(
          'UPDATE referkit.sync_runs SET write_backs_refused = write_backs_refused + $2 WHERE id = $1',
          [runId, moved.rows.length],
        );
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
  limiter: AccountLimiter;
  /** Batches whose writes may be in flight at once. */
  maxBatches: number;
  /** Write-backs taken from the database at a time. Default: 25 (about a second at the default write budget). */
  batchSize?: number;
  retry?: StripeRetryOptions;
  /** Called for every write request sent (retries included). */
  onRequest?: () => void;
}

/** Why {@link WriteBackPipeline.finish} stopped before every write-back was sent. */
export type StopReason = 'more' | 'cancelled';

/**
 * Drains a run's planned write-backs — already persisted as `pending`
 * outcomes — to Stripe at the account's write budget, in the order they were
 * planned, while the run reads on at its read budget: reading never waits for
 * writing. Each batch's writes go out concurrently (paced by the limiter's
 * `POST /v1/customers/:id` layer) and their results are recorded together; at
 * most `maxBatches` batches are in flight, so memory stays flat however far
 * reading is ahead. Every write carries the idempotency key it was planned
 * with, so a write a crashed worker may already have sent is replayed by
 * Stripe, never applied twice. A failure that stops the run (revoked key, lost
 * permission, Stripe unreachable past the retries) aborts every queued write
 * and is rethrown by {@link WriteBackPipeline.finish}.
 */
export class WriteBackPipeline {
  readonly #options: WriteBackPipelineOptions;
  readonly #inFlight = new Set<Promise<void>>();
  /** One controller per write in flight: a shared signal would gather a listener per retrying write. */
  readonly #controllers = new Set<AbortController>();
  #error: Error | null = null;
  /** Outcome id up to which pending write-backs were taken. */
  #after = 0;
  #loop: Promise<void> | null = null;
  #readingDone = false;
  #stop: (() => Promise<StopReason | null>) | null = null;
  #stopped: StopReason | null = null;
  #wake: (() => void) | null = null;
  /** Reading committed write-backs since the drainer last looked. */
  #notified = false;
  #sent = 0;

  constructor(options: WriteBackPipelineOptions) {
    this.#options = options;
  }

  /** The failure that stopped the pipeline, if any. */
  get error(): Error | null {
    return this.#error;
  }

  /** Write-backs this pipeline settled (sent, or refused for good). */
  get settled(): number {
    return this.#sent;
  }

  /** Starts draining pending write-backs (those a previous worker left first). */
  start(): void {
    this.#loop ??= this.#run().catch((error: unknown) => {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
    });
  }

  /** New write-backs were committed: take them. */
  notify(): void {
    this.#notified = true;
    this.#wake?.();
  }

  /**
   * Reading is over for this slice. With `readingDone`, drains every pending
   * write-back, asking `stop` before each batch whether to stop early (out of
   * time, cancelled); without it, stops taking new batches at once. Waits for
   * the batches in flight and returns why it stopped (`null`: nothing is left
   * pending). Throws the failure that stopped the pipeline, if any.
   */
  async finish(
    readingDone: boolean,
    stop: () => Promise<StopReason | null>,
  ): Promise<StopReason | null> {
    this.#readingDone = readingDone;
    this.#stop = readingDone ? stop : async () => 'more';
    this.start();
    this.#wake?.();
    await this.#loop;
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
    if (this.#error) throw this.#error;
    return this.#stopped;
  }

  /** Stops queued writes (e.g. the run lost its lease). */
  abort(reason: Error): void {
    this.#fail(reason);
    this.#wake?.();
  }

  #fail(error: Error): void {
    if (this.#error) return;
    this.#error = error;
    for (const controller of this.#controllers) controller.abort(error);
  }

  async #run(): Promise<void> {
    const { db, runId } = this.#options;
    const size = this.#options.batchSize ?? 25;
    while (!this.#error) {
      while (this.#inFlight.size >= this.#options.maxBatches && !this.#error) {
        await Promise.race(this.#inFlight);
      }
      if (this.#error) return;
      if (this.#stop) {
        this.#stopped = await this.#stop();
        if (this.#stopped) return;
      }
      this.#notified = false;
      const rows = await db.rows<{
        id: number;
        external_id: string;
        write_params: PlannedWrite['params'];
        idempotency_key: string;
      }>(
        `SELECT id::float8 AS id, external_id, write_params, idempotency_key FROM referkit.sync_outcomes
         WHERE run_id = $1 AND write_status = 'pending' AND id > $2 ORDER BY id LIMIT $3`,
        [runId, this.#after, size],
      );
      if (rows.length > 0) {
        this.#after = rows.at(-1)?.id ?? this.#after;
        this.#add(
          rows.map((row) => ({
            outcomeId: row.id,
            customerId: row.external_id,
            params: row.write_params,
            idempotencyKey: row.idempotency_key,
          })),
        );
        continue;
      }
      if (this.#readingDone) {
        // Everything taken; once the last batches settle, nothing is left pending.
        return;
      }
      if (this.#notified) continue;
      // Caught up with reading: wait for the next batch it commits (or for reading to end).
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = null;
    }
  }

  #add(writes: readonly PlannedWrite[]): void {
    const batch = this.#runBatch(writes).catch((error: unknown) => {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
    });
    const tracked = batch.finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }

  async #runBatch(writes: readonly PlannedWrite[]): Promise<void> {
    const { stripe, limiter, retry, onRequest } = this.#options;
    const settled = await Promise.all(
      writes.map(async (write): Promise<WriteResult | null> => {
        if (this.#error) return null;
        const controller = new AbortController();
        this.#controllers.add(controller);
        try {
          await callStripe(
            limiter,
            PRIORITY.write,
            () =>
              stripe.customers.update(write.customerId, write.params, {
                idempotencyKey: write.idempotencyKey,
              }),
            {
              ...retry,
              endpoint: ENDPOINT.updateCustomer,
              signal: controller.signal,
              ...(onRequest ? { onRequest } : {}),
            },
          );
          return { outcomeId: write.outcomeId, status: 'done' };
        } catch (error) {
          if (!(error instanceof StripeCallError)) {
            if (controller.signal.aborted) return null;
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
        } finally {
          this.#controllers.delete(controller);
        }
      }),
    );
    // Results that did settle are kept even when the run stops; the rest stay pending.
    const results = settled.filter((result): result is WriteResult => result !== null);
    await recordWriteResults(
      this.#options.db,
      this.#options.runId,
      results,
      limiter.pace(ENDPOINT.updateCustomer),
    );
    this.#sent += results.length;
  }
}
