import type { SyncConfig } from '@referkit/core';
import type PgBoss from 'pg-boss';
import type { Logger } from '../logger';
import type { Database } from '../store/database';
import { finishRun } from './finish-run';
import { nextRunAt } from './next-run-at';
import { startRun } from './start-run';
import { enqueueRun, type ResolvedJobOptions, SYNC_RUN_QUEUE } from './sync-queue';

/** What the scheduler needs. */
export interface SchedulerDeps {
  db: Database;
  boss: PgBoss;
  jobs: ResolvedJobOptions;
  logger: Logger;
}

/** What one tick of the scheduler did. */
export interface SchedulerTick {
  /** Syncs whose scheduled run it started. */
  started: string[];
  /** Runs whose worker died (after pg-boss's last retry) that it handed to a fresh job. */
  recovered: string[];
  /** Runs it ended as failed because workers kept dying on them. */
  abandoned: string[];
}

/** Due syncs handled per transaction. */
const DUE_BATCH = 100;

/** Times a run whose worker died is handed to a fresh job before it is failed. */
export const MAX_RECOVERIES = 3;

const NOT_CONNECTED = 'Stripe is not connected. Connect Stripe to resume this sync.';

/**
 * One tick of the scheduler — the handler of the pg-boss schedule that fires
 * once a minute across all workers, and safe to run from many processes at
 * once:
 *
 * 1. **Due syncs.** Every ongoing sync whose `next_run_at` has come (active,
 *    or failing — it may have recovered) gets its next time from its cron and
 *    a run (trigger `schedule`; none when one is still in progress). Rows are
 *    claimed `FOR UPDATE SKIP LOCKED` and moved forward in the same
 *    transaction, so a schedule fires once. A sync whose Stripe connection is
 *    missing or failing is marked `failing` with why instead (no request is
 *    made); reconnecting makes it due at once.
 * 2. **Runs nobody works on.** A run still queued or running, with no lease
 *    and no live pg-boss job (its worker died during pg-boss's last retry), is
 *    handed to a fresh job; after {@link MAX_RECOVERIES} such hand-overs it is
 *    failed, with why.
 * 3. **Housekeeping.** Webhook events older than 30 days are forgotten.
 */
export async function runScheduler(deps: SchedulerDeps): Promise<SchedulerTick> {
  const tick: SchedulerTick = { started: [], recovered: [], abandoned: [] };
  for (;;) {
    const handled = await deps.db.transaction(async (client) => {
      const due = await client.query<{
        id: string;
        config: SyncConfig;
        connection_status: 'connected' | 'error' | null;
        connection_error: string | null;
      }>(
        `SELECT s.id, s.config, sc.status AS connection_status, sc.error AS connection_error
         FROM referkit.syncs s
         LEFT JOIN referkit.stripe_connections sc ON sc.account_id = s.account_id
         WHERE s.next_run_at <= now() AND s.status IN ('active', 'failing')
           AND s.config->>'syncType' = 'ongoing'
         ORDER BY s.next_run_at LIMIT $1
         FOR UPDATE OF s SKIP LOCKED`,
        [DUE_BATCH],
      );
      for (const sync of due.rows) {
        let next: Date | null = null;
        try {
          next = nextRunAt(sync.config.schedule);
        } catch {
          // Checked when the sync was saved; should a schedule ever not parse, it stops here, saying so.
        }
        const problem = !next
          ? 'This sync’s schedule never comes round: choose another schedule.'
          : sync.connection_status === null
            ? NOT_CONNECTED
            : sync.connection_status === 'error'
              ? (sync.connection_error ?? NOT_CONNECTED)
              : null;
        await client.query(
          `UPDATE referkit.syncs SET next_run_at = $2,
             status = CASE WHEN $3::text IS NULL THEN status ELSE 'failing' END,
             status_reason = coalesce($3, status_reason), updated_at = now()
           WHERE id = $1`,
          [sync.id, next, problem],
        );
        if (problem) continue;
        const result = await startRun(client, deps, sync.id, 'schedule');
        if ('started' in result) tick.started.push(sync.id);
      }
      return due.rows.length;
    });
    if (handled < DUE_BATCH) break;
  }
  await recoverOrphanedRuns(deps, tick);
  // Webhook events are kept to recognise repeated deliveries; Stripe stops retrying after 3 days.
  await deps.db.pool.query(
    "DELETE FROM referkit.stripe_webhook_events WHERE received_at < now() - interval '30 days'",
  );
  // Idempotency keys are remembered for 24 hours (IDEMPOTENCY_KEY_TTL_SECONDS).
  await deps.db.pool.query('DELETE FROM referkit.idempotency_keys WHERE expires_at < now()');
  return tick;
}

async function recoverOrphanedRuns(deps: SchedulerDeps, tick: SchedulerTick): Promise<void> {
  const { db, jobs } = deps;
  const orphans = await db.rows<{ id: string; sync_id: string; recoveries: number }>(
    `SELECT r.id, r.sync_id, r.recoveries FROM referkit.sync_runs r
     WHERE r.status IN ('queued', 'running') AND (r.lease_until IS NULL OR r.lease_until < now())
       AND NOT EXISTS (
         SELECT 1 FROM ${jobs.schema}.job j
         WHERE j.name = $1 AND j.state < 'completed' AND j.data->>'runId' = r.id)`,
    [SYNC_RUN_QUEUE],
  );
  for (const orphan of orphans) {
    if (orphan.recoveries >= MAX_RECOVERIES) {
      const ended = await finishRun(
        db,
        deps,
        orphan,
        null,
        'failed',
        `Workers stopped ${MAX_RECOVERIES + 1} times while running this sync, so it was stopped. Check the workers' logs, then run it again.`,
      );
      if (ended) tick.abandoned.push(orphan.id);
      continue;
    }
    const recovered = await db.transaction(async (client) => {
      // Claimed only if still orphaned (another scheduler may have got here first).
      const claimed = await client.query(
        `UPDATE referkit.sync_runs SET recoveries = recoveries + 1, lease_token = NULL, lease_until = NULL,
           note = 'Resumed by another worker after its worker stopped.'
         WHERE id = $1 AND recoveries = $2 AND status IN ('queued', 'running')
           AND (lease_until IS NULL OR lease_until < now())`,
        [orphan.id, orphan.recoveries],
      );
      if (claimed.rowCount === 0) return false;
      await enqueueRun(deps.boss, jobs, orphan.id, client);
      return true;
    });
    if (recovered) {
      tick.recovered.push(orphan.id);
      deps.logger.warn('Resumed a sync run whose worker stopped', { runId: orphan.id });
    }
  }
}
