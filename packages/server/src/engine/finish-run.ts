import { syncMappingChanged } from '@referkit/core';
import type pg from 'pg';
import type { Database } from '../store/database';
import type { RunRow, SyncRow } from '../store/sync-store';
import { type StartRunDeps, startRun } from './start-run';

/** Why a sync stays `deleting` after its removal of links was cancelled. */
export const REMOVAL_CANCELLED =
  'Removing the links was cancelled. Delete the sync again to remove the rest, or delete it and keep them.';

/**
 * A run of a sync being deleted has ended: when its links are off Stripe the
 * sync goes (its referrers stay); when removing them failed or was cancelled
 * the sync stays `deleting` with the reason (deleting it again retries); a
 * run the deletion cancelled hands over to the removal of the links.
 */
async function finishDeleting(
  client: pg.PoolClient,
  deps: StartRunDeps,
  sync: SyncRow,
  done: RunRow,
  status: RunEnd,
  error: string | null,
): Promise<void> {
  if (done.mode !== 'remove_links') {
    await startRun(client, deps, sync.id, 'delete');
    return;
  }
  if (status === 'completed') {
    await client.query('DELETE FROM referkit.syncs WHERE id = $1', [sync.id]);
    return;
  }
  const reason =
    status === 'cancelled'
      ? REMOVAL_CANCELLED
      : `Removing the links stopped: ${error ?? 'an unexpected error'}. Delete the sync again to retry.`;
  await client.query(
    'UPDATE referkit.syncs SET status_reason = $2, updated_at = now() WHERE id = $1',
    [sync.id, reason],
  );
}

/** How a run ended. */
export type RunEnd = 'completed' | 'failed' | 'cancelled';

/**
 * Ends a run in one transaction, the sync row locked first (as every path that
 * starts a run locks it): the run's status; the sync's status (`failing` with
 * the reason, `completed` for a one-time sync, else `active`; a paused sync
 * stays paused); on success, the sync's event cursor moves to where the run
 * read up to, and past the webhook deliveries it took in (unless the
 * mapping changed meanwhile: then the next run reads everything); and if a change arrived while the run was in progress, the next
 * run starts at once. `token` is the caller's lease (`null`: whoever holds it,
 * for runs whose worker is gone). Returns whether this call ended the run.
 */
export async function finishRun(
  db: Database,
  deps: StartRunDeps,
  run: Pick<RunRow, 'id' | 'sync_id'>,
  token: string | null,
  status: RunEnd,
  error: string | null = null,
): Promise<boolean> {
  return db.transaction(async (client) => {
    const sync = (
      await client.query<SyncRow>('SELECT * FROM referkit.syncs WHERE id = $1 FOR UPDATE', [
        run.sync_id,
      ])
    ).rows[0];
    const done = (
      await client.query<RunRow>(
        `UPDATE referkit.sync_runs SET status = $3, error = $4, finished_at = now(),
           lease_token = NULL, lease_until = NULL
         WHERE id = $1 AND ($2::text IS NULL OR lease_token = $2) AND status IN ('queued', 'running')
         RETURNING *`,
        [run.id, token, status, error],
      )
    ).rows[0];
    if (!done || !sync) return Boolean(done);
    // The changes an incremental run worked through are done with.
    await client.query('DELETE FROM referkit.sync_run_changes WHERE run_id = $1', [run.id]);
    if (status === 'cancelled') {
      // Reading runs ahead of writing back: write-backs a cancelled run planned
      // but did not send are dropped (the referrers stay); the next run plans
      // them again, as Stripe still lacks the values.
      await client.query(
        `UPDATE referkit.sync_outcomes SET write_status = 'none', write_params = NULL
         WHERE run_id = $1 AND write_status = 'pending'`,
        [run.id],
      );
    }
    if (sync.status === 'deleting') {
      await finishDeleting(client, deps, sync, done, status, error);
      return true;
    }
    const ongoing = sync.config.syncType === 'ongoing';
    const syncStatus =
      status === 'failed' ? 'failing' : status === 'completed' && !ongoing ? 'completed' : 'active';
    const kept = status === 'completed' && !syncMappingChanged(done.config, sync.config);
    const advance = kept && done.events_high_created !== null;
    await client.query(
      `UPDATE referkit.syncs SET
         status = CASE WHEN status = 'paused' THEN status ELSE $2 END,
         status_reason = CASE WHEN status = 'paused' THEN status_reason ELSE $3 END,
         events_cursor_created = CASE WHEN $4 THEN $5::bigint ELSE events_cursor_created END,
         events_cursor_id = CASE WHEN $4 THEN $6 ELSE events_cursor_id END,
         counts_checked_at = CASE WHEN $8 AND $7::timestamptz IS NOT NULL THEN $7 ELSE counts_checked_at END,
         webhook_seq = CASE WHEN $8 THEN greatest(webhook_seq, $9::bigint) ELSE webhook_seq END,
         rerun_requested = false, updated_at = now()
       WHERE id = $1`,
      [
        sync.id,
        syncStatus,
        status === 'failed' ? error : null,
        advance,
        done.events_high_created,
        done.events_high_id,
        done.counts_mark,
        kept,
        done.webhook_high_seq,
      ],
    );
    if (sync.rerun_requested && status === 'completed' && ongoing && sync.status !== 'paused') {
      await startRun(client, deps, sync.id, 'webhook', { incrementalOnly: true });
    }
    return true;
  });
}
