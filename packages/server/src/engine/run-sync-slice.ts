import { randomUUID } from 'node:crypto';
import type { ConnectionRow } from '../store/connection-store';
import type { CampaignRef } from '../store/referrer-store';
import type { RunRow } from '../store/sync-store';
import { ENDPOINT } from '../stripe/account-limiter';
import { RequestTally } from '../stripe/request-tally';
import type { EngineDeps } from './engine-deps';
import { finishRun } from './finish-run';
import { judgeSliceFailure } from './judge-slice-failure';
import { listCustomers, PAGE_SIZE, takeEventsSnapshot } from './list-customers';
import { processChangedCustomers } from './process-changed-customers';
import { LeaseLostError } from './process-record-batch';
import { EventsUnavailableError, readEventChanges, readWebhookChanges } from './read-event-changes';
import { removeSyncLinks } from './remove-sync-links';
import { renewLease } from './renew-lease';
import type { PhaseResult, SliceContext } from './slice-context';
import { enqueueRun } from './sync-queue';
import { WriteBackPipeline } from './write-back-pipeline';

/** How a slice of work on a run ended. */
export type SliceResult =
  | 'completed'
  | 'cancelled'
  | 'failed'
  | 'continued'
  /** The run had already finished, or another worker holds it. */
  | 'skipped';

export { PAGE_SIZE };

/** Why a run fails when its account has no Stripe connection. */
const NOT_CONNECTED = 'Stripe is not connected. Connect Stripe and run the sync again.';

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

/** What the slice's heartbeat learned, and the pipeline it stops when the lease is lost. */
interface Heartbeat {
  /** Another worker took the run over: this one stalled past its lease. */
  leaseLost: boolean;
  pipeline: WriteBackPipeline | null;
  stop(): void;
}

/** This worker's hold on a run for one slice. */
interface SliceHold {
  deps: EngineDeps;
  run: RunRow;
  /** The lease token this worker took the run with. */
  token: string;
  tally: RequestTally;
  heartbeat: Heartbeat;
}

/**
 * Every third of a lease: renews the lease (stopping the pipeline when
 * another worker has taken the run) and counts the Stripe requests so far.
 */
function startHeartbeat(
  deps: EngineDeps,
  runId: string,
  token: string,
  tally: RequestTally,
): Heartbeat {
  const { db, jobs } = deps;
  const heartbeat: Heartbeat = { leaseLost: false, pipeline: null, stop: () => {} };
  const timer = setInterval(
    () => {
      renewLease(db.pool, runId, token, jobs.leaseSeconds)
        .then((held) => {
          if (!held) {
            heartbeat.leaseLost = true;
            heartbeat.pipeline?.abort(new LeaseLostError(runId));
          }
        })
        .catch(() => {});
      tally.flush(db.pool).catch(() => {});
    },
    (jobs.leaseSeconds * 1000) / 3,
  );
  timer.unref();
  heartbeat.stop = () => clearInterval(timer);
  return heartbeat;
}

/** The sync's campaign and its account's Stripe connection, or `null` when the sync is gone. */
async function loadCampaignAndConnection(
  deps: EngineDeps,
  syncId: string,
): Promise<{ campaign: CampaignRef; connection: ConnectionRow | null } | null> {
  const { db } = deps;
  const context = await db.maybeOne<CampaignRef & { connection_id: string | null }>(
    `SELECT c.id, c.account_id, c.link_base_url, sc.id AS connection_id
     FROM referkit.syncs s JOIN referkit.campaigns c ON c.id = s.campaign_id
     LEFT JOIN referkit.stripe_connections sc ON sc.account_id = s.account_id
     WHERE s.id = $1`,
    [syncId],
  );
  if (!context) return null;
  const connection = context.connection_id
    ? await db.maybeOne<ConnectionRow>('SELECT * FROM referkit.stripe_connections WHERE id = $1', [
        context.connection_id,
      ])
    : null;
  const { id, account_id, link_base_url } = context;
  return { campaign: { id, account_id, link_base_url }, connection };
}

/**
 * Sets up the slice's Stripe access: the client, the account's limiter (its
 * write pace shown on the run) and the write-back pipeline, which the
 * heartbeat stops if the lease is lost; then the context every phase works in.
 */
async function openSlice(
  hold: SliceHold,
  campaign: CampaignRef,
  connection: ConnectionRow,
  signal: AbortSignal | undefined,
): Promise<SliceContext> {
  const { deps, run, token, tally, heartbeat } = hold;
  const { db, jobs } = deps;
  const stripe = deps.stripeFor(connection);
  const limiter = deps.limiters.get(connection.stripe_account_id, connection.mode);
  await db.pool.query('UPDATE referkit.sync_runs SET writes_per_second = $2 WHERE id = $1', [
    run.id,
    limiter.pace(ENDPOINT.updateCustomer),
  ]);
  const pipeline = new WriteBackPipeline({
    db,
    runId: run.id,
    stripe,
    limiter,
    maxBatches: deps.writeBatchesInFlight,
    onRequest: tally.write,
    ...(deps.retry ? { retry: deps.retry } : {}),
  });
  heartbeat.pipeline = pipeline;
  const deadline = Date.now() + jobs.sliceSeconds * 1000;
  return {
    deps,
    run,
    stripe,
    limiter,
    pipeline,
    tally,
    batch: {
      id: run.id,
      config: run.config,
      campaign,
      leaseToken: token,
      leaseSeconds: jobs.leaseSeconds,
    },
    timeUp: () => Date.now() >= deadline || signal?.aborted === true || heartbeat.leaseLost,
    async cancelRequested() {
      const state = await db.one<{ cancel_requested: boolean }>(
        'SELECT cancel_requested FROM referkit.sync_runs WHERE id = $1',
        [run.id],
      );
      return state.cancel_requested;
    },
    withLease: (task) =>
      db.transaction(async (client) => {
        if (!(await renewLease(client, run.id, token, jobs.leaseSeconds))) {
          throw new LeaseLostError(run.id);
        }
        return task(client);
      }),
  };
}

/**
 * Both lanes: reads (unless the pipeline already failed) while writing back,
 * then, reading done, drains what is left unless out of time or cancelled.
 */
async function readAndWriteBack(sc: SliceContext): Promise<PhaseResult> {
  const { pipeline } = sc;
  pipeline.start();
  const read = pipeline.error ? 'more' : await work(sc);
  const stopped = await pipeline.finish(read === 'done', async () => {
    if (sc.timeUp()) return 'more';
    return (await sc.cancelRequested()) ? 'cancelled' : null;
  });
  return read === 'done' && stopped ? stopped : read;
}

/** Lets the lease go and queues a fresh job for the run, in one transaction. */
async function handOver(deps: EngineDeps, runId: string, token: string): Promise<void> {
  await deps.db.transaction(async (client) => {
    await client.query(
      'UPDATE referkit.sync_runs SET lease_token = NULL, lease_until = NULL WHERE id = $1 AND lease_token = $2',
      [runId, token],
    );
    await enqueueRun(deps.boss, deps.jobs, runId, client);
  });
  // The next slice starts now rather than at the next poll: no gap in the write pace.
  setTimeout(() => deps.wake?.(), 25).unref();
}

/** Ends the run, or hands it to a fresh job when the slice ran out of time. */
async function endSlice(hold: SliceHold, result: PhaseResult): Promise<SliceResult> {
  const { deps, run, token } = hold;
  if (result === 'cancelled') {
    await finishRun(deps.db, deps, run, token, 'cancelled');
    return 'cancelled';
  }
  if (result === 'done') {
    await finishRun(deps.db, deps, run, token, 'completed');
    return 'completed';
  }
  await handOver(deps, run.id, token);
  return 'continued';
}

/** Lets the lease go with a note, so the job's next attempt takes the run up again. */
async function releaseForRetry(
  deps: EngineDeps,
  runId: string,
  token: string,
  reason: string,
): Promise<void> {
  await deps.db.pool
    .query(
      `UPDATE referkit.sync_runs SET lease_token = NULL, lease_until = NULL, note = $3
       WHERE id = $1 AND lease_token = $2`,
      [runId, token, `Retrying after: ${reason}`],
    )
    .catch(() => {});
}

/**
 * A slice stopped on an error: stops the pipeline, then, as judged, leaves
 * the run to the worker that took it over, marks the connection broken and
 * fails the run, fails it for good, or lets the job retry it (rethrowing).
 */
async function failSlice(
  hold: SliceHold,
  connection: ConnectionRow | null,
  caught: unknown,
  isLastAttempt: boolean,
): Promise<SliceResult> {
  const { deps, run, token, heartbeat } = hold;
  const error = caught instanceof Error ? caught : new Error(String(caught));
  if (heartbeat.pipeline) {
    heartbeat.pipeline.abort(error);
    await heartbeat.pipeline.finish(false, async () => 'more').catch(() => {});
  }
  const judged = judgeSliceFailure(error, heartbeat.leaseLost, connection !== null, isLastAttempt);
  if (judged.outcome === 'skipped') return 'skipped';
  if (judged.outcome === 'reconnect' && connection) {
    await deps.markConnectionError(connection.id, judged.problem);
    await finishRun(deps.db, deps, run, token, 'failed', judged.problem);
    return 'failed';
  }
  deps.logger.warn('Sync run slice failed', { runId: run.id, error, lastAttempt: isLastAttempt });
  if (judged.outcome === 'failed') {
    await finishRun(deps.db, deps, run, token, 'failed', judged.reason);
    return 'failed';
  }
  if (judged.outcome === 'retry') await releaseForRetry(deps, run.id, token, judged.reason);
  throw error;
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
  const { db } = deps;
  const token = randomUUID();
  const run = await acquireLease(deps, runId, token);
  if (run === 'skipped') return 'skipped';
  const tally = new RequestTally(run.sync_id);
  const hold: SliceHold = {
    deps,
    run,
    token,
    tally,
    heartbeat: startHeartbeat(deps, runId, token, tally),
  };
  let connection: ConnectionRow | null = null;
  try {
    const found = await loadCampaignAndConnection(deps, run.sync_id);
    if (!found) return 'skipped';
    connection = found.connection;
    if (!connection) {
      await finishRun(db, deps, run, token, 'failed', NOT_CONNECTED);
      return 'failed';
    }
    const sc = await openSlice(hold, found.campaign, connection, options.signal);
    const result = await readAndWriteBack(sc);
    // Counted before the run ends, so a finished run's sync shows all it cost.
    await tally.flush(db.pool).catch(() => {});
    // Another worker took the run over (this one stalled past its lease): leave it to them.
    if (hold.heartbeat.leaseLost) return 'skipped';
    return await endSlice(hold, result);
  } catch (caught) {
    return await failSlice(hold, connection, caught, options.isLastAttempt);
  } finally {
    hold.heartbeat.stop();
    await tally.flush(db.pool).catch(() => {});
  }
}
