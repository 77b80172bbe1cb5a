import { randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type Stripe from 'stripe';
import { PRIORITY } from './adaptive-rate-limiter';
import { callStripe, StripeCallError, type StripeRetryOptions } from './call-stripe';
import type { ConnectionRow } from './connection-store';
import type { Database } from './database';
import type { Logger } from './logger';
import { LeaseLostError, type PlannedWrite, processRecordBatch } from './process-record-batch';
import type { CampaignRef } from './referrer-store';
import type { StripeLimiters } from './stripe-limiters';
import { enqueueRun, type ResolvedJobOptions } from './sync-queue';
import type { RunRow } from './sync-store';
import { toStripeRecord } from './to-stripe-record';
import { connectionProblem } from './verify-stripe-key';
import { RunStoppingError, WriteBackPipeline } from './write-back-pipeline';

/** What the engine needs from the server. */
export interface EngineDeps {
  db: Database;
  boss: PgBoss;
  jobs: ResolvedJobOptions;
  logger: Logger;
  limiters: StripeLimiters;
  /** The Stripe client and limiter key for a connection. */
  stripeFor(connection: ConnectionRow): Stripe;
  /** Marks a connection as failing with a reason the Sync screen shows. */
  markConnectionError(connectionId: string, reason: string): Promise<void>;
  /** Pages whose write-backs may be in flight at once. */
  pagesInFlight: number;
  retry?: StripeRetryOptions;
}

/** How a slice of work on a run ended. */
export type SliceResult =
  | 'completed'
  | 'cancelled'
  | 'failed'
  | 'continued'
  /** The run had already finished, or another worker holds it. */
  | 'skipped';

/** Page size of a full read: Stripe's maximum. */
export const PAGE_SIZE = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function acquireLease(
  deps: EngineDeps,
  runId: string,
  token: string,
): Promise<RunRow | 'skipped'> {
  const { db, jobs } = deps;
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await db.maybeOne<RunRow>(
      `UPDATE referkit.sync_runs SET
         lease_token = $2, lease_until = now() + make_interval(secs => $3),
         status = 'running', started_at = coalesce(started_at, now())
       WHERE id = $1 AND status IN ('queued', 'running')
         AND (lease_token IS NULL OR lease_until < now())
       RETURNING *`,
      [runId, token, jobs.leaseSeconds],
    );
    if (row) return row;
    const held = await db.maybeOne<{ status: string; wait_ms: number }>(
      `SELECT status, greatest(0, extract(epoch FROM lease_until - now()) * 1000)::int AS wait_ms
       FROM referkit.sync_runs WHERE id = $1`,
      [runId],
    );
    if (!held || (held.status !== 'queued' && held.status !== 'running')) return 'skipped';
    // Held by a worker that may have died: wait for its lease to lapse, then try again.
    await sleep(Math.min(held.wait_ms + 250, jobs.leaseSeconds * 1000 + 250));
  }
  return 'skipped';
}

async function finishRun(
  db: Database,
  run: RunRow,
  token: string,
  status: 'completed' | 'failed' | 'cancelled',
  error: string | null = null,
): Promise<void> {
  await db.transaction(async (client) => {
    const finished = await client.query(
      `UPDATE referkit.sync_runs SET status = $3, error = $4, finished_at = now(),
         lease_token = NULL, lease_until = NULL
       WHERE id = $1 AND lease_token = $2 AND status IN ('queued', 'running')`,
      [run.id, token, status, error],
    );
    if (finished.rowCount === 0) return;
    const syncStatus =
      status === 'failed'
        ? 'failing'
        : status === 'completed' && run.config.syncType === 'one_time'
          ? 'completed'
          : 'active';
    await client.query(
      `UPDATE referkit.syncs SET status = CASE WHEN status = 'paused' THEN status ELSE $2 END,
         status_reason = $3, updated_at = now()
       WHERE id = $1`,
      [run.sync_id, syncStatus, status === 'failed' ? error : null],
    );
  });
}

/**
 * Works on one run for up to `sliceSeconds`: first re-sends write-backs a
 * previous worker left pending (same idempotency keys, so Stripe replays
 * rather than writes twice), then reads customers page by page from the
 * checkpoint — the next page's read overlapping this page's writes — passing
 * each page to {@link processRecordBatch} with the new checkpoint. When the
 * slice ends before the listing does, it hands the run to a fresh job. Cancel
 * is honoured at the next page boundary. Only one worker works on a run at a
 * time (a lease renewed with every page and by a heartbeat).
 */
export async function runSyncSlice(
  deps: EngineDeps,
  runId: string,
  options: { isLastAttempt: boolean; signal?: AbortSignal },
): Promise<SliceResult> {
  const { db, jobs, logger } = deps;
  const token = randomUUID();
  const acquired = await acquireLease(deps, runId, token);
  if (acquired === 'skipped') return 'skipped';
  const run = acquired;
  let leaseLost = false;
  let pipeline: WriteBackPipeline | null = null;
  const heartbeat = setInterval(
    () => {
      db.pool
        .query(
          `UPDATE referkit.sync_runs SET lease_until = now() + make_interval(secs => $3)
           WHERE id = $1 AND lease_token = $2`,
          [runId, token, jobs.leaseSeconds],
        )
        .then((result) => {
          if (result.rowCount === 0) {
            leaseLost = true;
            pipeline?.abort(new LeaseLostError(runId));
          }
        })
        .catch(() => {});
    },
    (jobs.leaseSeconds * 1000) / 3,
  );
  heartbeat.unref();

  let connection: ConnectionRow | null = null;
  try {
    const context = await db.maybeOne<CampaignRef & { connection_id: string | null }>(
      `SELECT c.id, c.account_id, c.link_base_url, sc.id AS connection_id
       FROM referkit.syncs s JOIN referkit.campaigns c ON c.id = s.campaign_id
       LEFT JOIN referkit.stripe_connections sc ON sc.account_id = s.account_id
       WHERE s.id = $1`,
      [run.sync_id],
    );
    if (!context) return 'skipped';
    connection = context.connection_id
      ? await db.maybeOne<ConnectionRow>(
          'SELECT * FROM referkit.stripe_connections WHERE id = $1',
          [context.connection_id],
        )
      : null;
    if (!connection) {
      await finishRun(
        db,
        run,
        token,
        'failed',
        'Stripe is not connected. Connect Stripe and run the sync again.',
      );
      return 'failed';
    }
    const stripe = deps.stripeFor(connection);
    const limiter = deps.limiters.get(connection.stripe_account_id);
    const active = new WriteBackPipeline({
      db,
      runId,
      stripe,
      limiter,
      maxBatches: deps.pagesInFlight,
      ...(deps.retry ? { retry: deps.retry } : {}),
    });
    pipeline = active;
    const deadline = Date.now() + jobs.sliceSeconds * 1000;
    const timeUp = () => Date.now() >= deadline || options.signal?.aborted === true || leaseLost;

    // 1. Write-backs a previous worker planned but may not have sent.
    let afterId = 0;
    while (!active.error) {
      const pending = await db.rows<{
        id: number;
        external_id: string;
        write_params: PlannedWrite['params'];
        idempotency_key: string;
      }>(
        `SELECT id::float8 AS id, external_id, write_params, idempotency_key FROM referkit.sync_outcomes
         WHERE run_id = $1 AND write_status = 'pending' AND id > $2 ORDER BY id LIMIT $3`,
        [runId, afterId, PAGE_SIZE],
      );
      if (pending.length === 0) break;
      afterId = pending.at(-1)?.id ?? afterId;
      active.add(
        pending.map((row) => ({
          outcomeId: row.id,
          customerId: row.external_id,
          params: row.write_params,
          idempotencyKey: row.idempotency_key,
        })),
      );
      await active.waitForRoom();
    }

    // 2. The listing, page by page from the checkpoint.
    const batchRun = {
      id: runId,
      config: run.config,
      campaign: {
        id: context.id,
        account_id: context.account_id,
        link_base_url: context.link_base_url,
      },
      leaseToken: token,
      leaseSeconds: jobs.leaseSeconds,
    };
    let listingDone = run.listing_done;
    let cancelled = false;
    const fetchPage = (cursor: string | null, created: number | null) =>
      readCustomerPage(stripe, limiter, cursor, created, active, deps.retry);
    let next = listingDone ? null : fetchPage(run.cursor, run.cursor_created);
    next?.catch(() => {});
    while (next && !active.error) {
      const page = await next;
      next = null;
      const state = await db.one<{ cancel_requested: boolean }>(
        'SELECT cancel_requested FROM referkit.sync_runs WHERE id = $1',
        [runId],
      );
      if (state.cancel_requested) {
        cancelled = true;
        break;
      }
      const last = page.records.at(-1);
      const more = page.hasMore && last !== undefined;
      if (more && !timeUp()) {
        next = fetchPage(last.id, last.created ?? null);
        next.catch(() => {});
      }
      const writes = await processRecordBatch(db, batchRun, page.records, async (client) => {
        await client.query(
          `UPDATE referkit.sync_runs SET cursor = coalesce($2, cursor),
             cursor_created = coalesce($3, cursor_created), listing_done = $4
           WHERE id = $1`,
          [runId, last?.id ?? null, last?.created ?? null, !more],
        );
      });
      listingDone = !more;
      active.add(writes);
      await active.waitForRoom();
    }
    await active.drain();

    // Another worker took the run over (this one stalled past its lease): leave it to them.
    if (leaseLost) return 'skipped';
    if (cancelled) {
      await finishRun(db, run, token, 'cancelled');
      return 'cancelled';
    }
    if (listingDone) {
      await finishRun(db, run, token, 'completed');
      return 'completed';
    }
    await db.transaction(async (client) => {
      await client.query(
        'UPDATE referkit.sync_runs SET lease_token = NULL, lease_until = NULL WHERE id = $1 AND lease_token = $2',
        [runId, token],
      );
      await enqueueRun(deps.boss, jobs, runId, client);
    });
    return 'continued';
  } catch (caught) {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    if (pipeline) {
      pipeline.abort(error);
      await pipeline.drain().catch(() => {});
    }
    if (error instanceof LeaseLostError || leaseLost) return 'skipped';
    const failure =
      error instanceof RunStoppingError || error instanceof StripeCallError ? error.failure : null;
    const problem = failure ? connectionProblem(failure) : null;
    if (problem && connection) {
      await deps.markConnectionError(connection.id, problem);
      await finishRun(db, run, token, 'failed', problem);
      return 'failed';
    }
    const reason = failure
      ? `Stripe kept failing: ${failure.message}`
      : 'The sync stopped on an unexpected error.';
    logger.warn('Sync run slice failed', { runId, error, lastAttempt: options.isLastAttempt });
    if (options.isLastAttempt) {
      await finishRun(db, run, token, 'failed', reason);
      return 'failed';
    }
    await db.pool
      .query(
        `UPDATE referkit.sync_runs SET lease_token = NULL, lease_until = NULL, note = $3
         WHERE id = $1 AND lease_token = $2`,
        [runId, token, `Retrying after: ${reason}`],
      )
      .catch(() => {});
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}

/** One page of customers, read through the limiter. */
async function readCustomerPage(
  stripe: Stripe,
  limiter: ReturnType<StripeLimiters['get']>,
  cursor: string | null,
  created: number | null,
  pipeline: WriteBackPipeline,
  retry: StripeRetryOptions | undefined,
) {
  const list = (params: Stripe.CustomerListParams) =>
    callStripe(limiter, PRIORITY.read, () => stripe.customers.list(params), { ...retry });
  let page: Stripe.ApiList<Stripe.Customer>;
  try {
    page = await list({ limit: PAGE_SIZE, ...(cursor ? { starting_after: cursor } : {}) });
  } catch (error) {
    // The checkpoint's customer was deleted since: resume from its creation time instead
    // (records already done in this run are recognised and not counted again).
    const missing =
      error instanceof StripeCallError &&
      (error.failure.kind === 'missing' || error.failure.code === 'resource_missing');
    if (!missing || cursor === null || created === null) throw error;
    page = await list({ limit: PAGE_SIZE, created: { lte: created } });
  }
  if (pipeline.error) throw pipeline.error;
  return {
    records: page.data.map((customer) =>
      toStripeRecord(customer as unknown as Record<string, unknown>),
    ),
    hasMore: page.has_more,
  };
}
