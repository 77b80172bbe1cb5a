import { randomUUID } from 'node:crypto';
import type { ConnectionRow } from '../store/connection-store';
import type { CampaignRef } from '../store/referrer-store';
import type { RunRow } from '../store/sync-store';
import { ENDPOINT } from '../stripe/account-limiter';
import { StripeCallError } from '../stripe/call-stripe';
import { RequestTally } from '../stripe/request-tally';
import { connectionProblem } from '../stripe/verify-stripe-key';
import type { EngineDeps } from './engine-deps';
import { finishRun } from './finish-run';
import { listCustomers, PAGE_SIZE, takeEventsSnapshot } from './list-customers';
import { processChangedCustomers } from './process-changed-customers';
import { LeaseLostError } from './process-record-batch';
import { EventsUnavailableError, readEventChanges, readWebhookChanges } from './read-event-changes';
import { removeSyncLinks } from './remove-sync-links';
import { renewLease } from './renew-lease';
import type { PhaseResult, SliceContext } from './slice-context';
import { enqueueRun } from './sync-queue';
import { RunStoppingError, WriteBackPipeline } from './write-back-pipeline';

/** How a slice of work on a run ended. */
export type SliceResult =
  | 'completed'
  | 'cancelled'
  | 'failed'
  | 'continued'
  /** The run had already finished, or another worker holds it. */
  | 'skipped';

export { PAGE_SIZE };

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

/**
 * An incremental run whose events cannot be read becomes a full run, and says
 * why in its note.
 */
async function fallBackToFull(sc: SliceContext, note: string): Promise<void> {
  await sc.withLease(async (client) => {
    await client.query('DELETE FROM referkit.sync_run_changes WHERE run_id = $1', [sc.run.id]);
    const row = await client.query<RunRow>(
      `UPDATE referkit.sync_runs SET mode = 'full', note = $2, cursor = NULL, cursor_created = NULL,
         listing_done = false, events_done = false, events_snapshot_taken = false,
         events_high_id = NULL, events_high_created = NULL
       WHERE id = $1 RETURNING *`,
      [sc.run.id, note],
    );
    sc.run = row.rows[0] as RunRow;
  });
}

/** The run's work in this slice: incremental (events, then the changed customers) or full. */
async function work(sc: SliceContext): Promise<PhaseResult> {
  if (sc.run.mode === 'remove_links') return removeSyncLinks(sc);
  if (sc.run.mode === 'incremental') {
    try {
      if (!sc.run.events_done) {
        const read =
          sc.run.trigger === 'webhook' ? await readWebhookChanges(sc) : await readEventChanges(sc);
        if (read !== 'done') return read;
      }
      return await processChangedCustomers(sc);
    } catch (error) {
      if (!(error instanceof EventsUnavailableError)) throw error;
      await fallBackToFull(sc, error.note);
    }
  }
  if (sc.run.listing_done) return 'done';
  if (sc.run.config.syncType === 'ongoing' && !sc.run.events_snapshot_taken) {
    await takeEventsSnapshot(sc);
  }
  return listCustomers(sc);
}

/**
 * Works on one run for up to `sliceSeconds`, in two lanes at once: reading —
 * a full run lists customers page by page from its checkpoint; an incremental
 * run reads Stripe's events since the sync's cursor and then the customers
 * they touched — each batch through `processRecordBatch`, which creates the
 * referrers and persists their write-backs as pending; and writing back —
 * the {@link WriteBackPipeline} drains pending write-backs (a previous
 * worker's first, with the same idempotency keys, so Stripe replays rather
 * than writes twice) at the write budget, never holding reading up. Once
 * reading is done the slice keeps draining. When the slice ends before the
 * work does, it hands the run to a fresh job. Cancel is honoured at the next
 * batch boundary. Only one worker works on a run at a time (a lease renewed
 * with every batch and by a heartbeat).
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
  const tally = new RequestTally(run.sync_id);
  const heartbeat = setInterval(
    () => {
      renewLease(db.pool, runId, token, jobs.leaseSeconds)
        .then((held) => {
          if (!held) {
            leaseLost = true;
            pipeline?.abort(new LeaseLostError(runId));
          }
        })
        .catch(() => {});
      tally.flush(db.pool).catch(() => {});
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
        deps,
        run,
        token,
        'failed',
        'Stripe is not connected. Connect Stripe and run the sync again.',
      );
      return 'failed';
    }
    const stripe = deps.stripeFor(connection);
    const limiter = deps.limiters.get(connection.stripe_account_id, connection.mode);
    await db.pool.query('UPDATE referkit.sync_runs SET writes_per_second = $2 WHERE id = $1', [
      runId,
      limiter.pace(ENDPOINT.updateCustomer),
    ]);
    const active = new WriteBackPipeline({
      db,
      runId,
      stripe,
      limiter,
      maxBatches: deps.writeBatchesInFlight,
      onRequest: tally.write,
      ...(deps.retry ? { retry: deps.retry } : {}),
    });
    pipeline = active;
    const deadline = Date.now() + jobs.sliceSeconds * 1000;
    const sc: SliceContext = {
      deps,
      run,
      stripe,
      limiter,
      pipeline: active,
      tally,
      batch: {
        id: runId,
        config: run.config,
        campaign: {
          id: context.id,
          account_id: context.account_id,
          link_base_url: context.link_base_url,
        },
        leaseToken: token,
        leaseSeconds: jobs.leaseSeconds,
      },
      timeUp: () => Date.now() >= deadline || options.signal?.aborted === true || leaseLost,
      async cancelRequested() {
        const state = await db.one<{ cancel_requested: boolean }>(
          'SELECT cancel_requested FROM referkit.sync_runs WHERE id = $1',
          [runId],
        );
        return state.cancel_requested;
      },
      withLease: (task) =>
        db.transaction(async (client) => {
          if (!(await renewLease(client, runId, token, jobs.leaseSeconds))) {
            throw new LeaseLostError(runId);
          }
          return task(client);
        }),
    };

    active.start();
    const read = active.error ? 'more' : await work(sc);
    // Reading is done: drain what is left (unless out of time or cancelled).
    const stopped = await active.finish(read === 'done', async () => {
      if (sc.timeUp()) return 'more';
      return (await sc.cancelRequested()) ? 'cancelled' : null;
    });
    const result: PhaseResult = read === 'done' && stopped ? stopped : read;
    // Counted before the run ends, so a finished run's sync shows all it cost.
    await tally.flush(db.pool).catch(() => {});

    // Another worker took the run over (this one stalled past its lease): leave it to them.
    if (leaseLost) return 'skipped';
    if (result === 'cancelled') {
      await finishRun(db, deps, run, token, 'cancelled');
      return 'cancelled';
    }
    if (result === 'done') {
      await finishRun(db, deps, run, token, 'completed');
      return 'completed';
    }
    await db.transaction(async (client) => {
      await client.query(
        'UPDATE referkit.sync_runs SET lease_token = NULL, lease_until = NULL WHERE id = $1 AND lease_token = $2',
        [runId, token],
      );
      await enqueueRun(deps.boss, jobs, runId, client);
    });
    // The next slice starts now rather than at the next poll: no gap in the write pace.
    setTimeout(() => deps.wake?.(), 25).unref();
    return 'continued';
  } catch (caught) {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    if (pipeline) {
      pipeline.abort(error);
      await pipeline.finish(false, async () => 'more').catch(() => {});
    }
    if (error instanceof LeaseLostError || leaseLost) return 'skipped';
    const failure =
      error instanceof RunStoppingError || error instanceof StripeCallError ? error.failure : null;
    const problem = failure ? connectionProblem(failure) : null;
    if (problem && connection) {
      await deps.markConnectionError(connection.id, problem);
      await finishRun(db, deps, run, token, 'failed', problem);
      return 'failed';
    }
    const reason = failure
      ? `Stripe kept failing: ${failure.message}`
      : 'The sync stopped on an unexpected error.';
    logger.warn('Sync run slice failed', { runId, error, lastAttempt: options.isLastAttempt });
    if (options.isLastAttempt) {
      await finishRun(db, deps, run, token, 'failed', reason);
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
    await tally.flush(db.pool).catch(() => {});
  }
}
