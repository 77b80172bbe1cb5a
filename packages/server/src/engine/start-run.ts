import type { SyncRun } from '@referkit/core';
import type PgBoss from 'pg-boss';
import type { Queryable } from '../store/database';
import { newId } from '../store/ids';
import type { RunRow, SyncRow } from '../store/sync-store';
import { enqueueRun, type ResolvedJobOptions } from './sync-queue';

/** What starting a run needs. */
export interface StartRunDeps {
  boss: PgBoss;
  jobs: ResolvedJobOptions;
}

/** Options of {@link startRun}. */
export interface StartRunOptions {
  /** Seconds the job waits before a worker may take it, so a burst of changes joins one run. Default: 0. */
  delaySeconds?: number;
  /**
   * When a run is already in progress: `rerun` asks for one more run after it
   * (it may have read Stripe before this change); `nothing` leaves it. Default: `nothing`.
   */
  whenBusy?: 'rerun' | 'nothing';
  /** Start only an incremental run: a sync with no event cursor yet is left to its schedule. Default: `false`. */
  incrementalOnly?: boolean;
}

/** What {@link startRun} did. */
export type StartRunResult =
  | { started: RunRow }
  /** A run was already queued or running (and, with `whenBusy: 'rerun'`, one more was asked for). */
  | { busy: 'queued' | 'running' }
  /** The sync is gone, or (with `incrementalOnly`) has no event cursor yet. */
  | { skipped: 'no_sync' | 'no_cursor' };

/**
 * Starts a run of a sync inside the caller's transaction: locks the sync row
 * (every path that starts or finishes a run locks it first, so they never
 * interleave), chooses the mode — incremental from the sync's event cursor
 * for an ongoing sync that has one, else full — inserts the run unless one is
 * already queued or running (at most one per sync, by a unique index), and
 * sends its job in the same transaction, so the job exists exactly when the
 * run does. Runs of one sync never overlap, whoever starts them: the API, the
 * schedule or a webhook, in any process. A sync being deleted (`deleting`)
 * starts only its `remove_links` run (trigger `delete`), nothing else.
 */
export async function startRun(
  on: Queryable,
  deps: StartRunDeps,
  syncId: string,
  trigger: SyncRun['trigger'],
  options: StartRunOptions = {},
): Promise<StartRunResult> {
  const sync = (
    await on.query<SyncRow>('SELECT * FROM referkit.syncs WHERE id = $1 FOR UPDATE', [syncId])
  ).rows[0];
  if (!sync) return { skipped: 'no_sync' };
  // A sync being deleted runs nothing but the removal of its links.
  if ((sync.status === 'deleting') !== (trigger === 'delete')) return { skipped: 'no_sync' };
  const incremental =
    trigger !== 'delete' &&
    sync.config.syncType === 'ongoing' &&
    sync.events_cursor_created !== null;
  const mode = trigger === 'delete' ? 'remove_links' : incremental ? 'incremental' : 'full';
  const busy = async (): Promise<StartRunResult | null> => {
    const active = (
      await on.query<{ status: 'queued' | 'running' }>(
        `SELECT status FROM referkit.sync_runs WHERE sync_id = $1 AND status IN ('queued', 'running')`,
        [syncId],
      )
    ).rows[0];
    if (!active) return null;
    if (active.status === 'running' && options.whenBusy === 'rerun') {
      await on.query('UPDATE referkit.syncs SET rerun_requested = true WHERE id = $1', [syncId]);
    }
    return { busy: active.status };
  };
  if (options.incrementalOnly && !incremental) {
    return (await busy()) ?? { skipped: 'no_cursor' };
  }
  // Under the sync's lock no other run can start: look before inserting, as
  // an insert that meets the unique index of a run in progress waits on the
  // worker's updates to that run (and can deadlock with them).
  const running = await on.query(
    `SELECT 1 FROM referkit.sync_runs WHERE sync_id = $1 AND status IN ('queued', 'running')`,
    [syncId],
  );
  if ((running.rowCount ?? 0) > 0) return (await busy()) ?? { skipped: 'no_sync' };
  const inserted = (
    await on.query<RunRow>(
      `INSERT INTO referkit.sync_runs
         (id, sync_id, account_id, trigger, mode, config, cursor, cursor_created, counts_since,
          records_estimate, config_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
         -- A full run expects as many records as the sync's last completed full run read.
         CASE WHEN $5::text = 'full' THEN (
           SELECT seen FROM referkit.sync_runs
           WHERE sync_id = $2 AND mode = 'full' AND status = 'completed' ORDER BY seq DESC LIMIT 1)
         END,
         $10)
       ON CONFLICT (sync_id) WHERE status IN ('queued', 'running') DO NOTHING
       RETURNING *`,
      [
        newId('run'),
        sync.id,
        sync.account_id,
        trigger,
        mode,
        JSON.stringify(sync.config),
        incremental ? sync.events_cursor_id : null,
        incremental ? sync.events_cursor_created : null,
        sync.counts_checked_at,
        sync.config_version,
      ],
    )
  ).rows[0];
  if (!inserted) return (await busy()) ?? { busy: 'queued' };
  await on.query('UPDATE referkit.syncs SET rerun_requested = false WHERE id = $1', [syncId]);
  await enqueueRun(deps.boss, deps.jobs, inserted.id, on, options.delaySeconds);
  return { started: inserted };
}
