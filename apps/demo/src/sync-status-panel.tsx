import type { Schedule, Sync, SyncRun } from '@referkit/core';
import { referkitKeys, useReferkit, useSync, useSyncs } from '@referkit/react';
import { useEffect, useId, useRef } from 'react';
import { formatDateTime, plural } from './format';

/** How often the panel looks for runs an ongoing sync started on its own (webhooks, schedule). */
export const ONGOING_POLL_MS = 2000;

const PRESET_LABELS: Record<string, string> = {
  every_15_minutes: 'every 15 minutes',
  hourly: 'hourly',
  daily: 'daily',
};

/** "hourly", "cron 0 6 * * 1 (UTC)". */
export function describeSchedule(schedule: Schedule): string {
  return schedule.kind === 'preset'
    ? (PRESET_LABELS[schedule.preset] ?? schedule.preset)
    : `cron ${schedule.expression} (UTC)`;
}

/** "312 read · 300 added · 0 updated · 10 skipped · 2 failed · 300 written back to Stripe". */
export function describeCounts(run: SyncRun): string {
  const { seen, created, updated, unchanged, skipped, failed, writtenBack } = run.counts;
  return [
    `${seen} read`,
    `${created} added`,
    `${updated} updated`,
    `${unchanged} unchanged`,
    `${skipped} skipped`,
    `${failed} failed`,
    `${writtenBack} written back to Stripe`,
  ].join(' · ');
}

const isFollowing = (sync: Sync) =>
  sync.config.syncType === 'ongoing' && sync.status !== 'paused' && sync.status !== 'completed';

/**
 * The state of a campaign's syncs: a running one with its progress, the last
 * run, the next run of an ongoing sync, and a failing one with its reason.
 * While an ongoing sync follows Stripe, the panel polls, and the referrer
 * table refreshes whenever a run (say, one a webhook started) finishes.
 */
export function SyncStatusPanel({ campaignId }: { campaignId: string }) {
  const { queryClient } = useReferkit();
  const titleId = useId();
  const syncs = useSyncs(
    { campaignId },
    {
      refetchInterval: (query) => {
        const list = query.state.data?.syncs ?? [];
        if (list.some((sync) => sync.currentRun !== null)) return 1000;
        return list.some(isFollowing) ? ONGOING_POLL_MS : false;
      },
    },
  );
  const list = syncs.data?.syncs ?? [];

  // A run that finished between two polls still refreshes the referrers.
  const finished = list.map((sync) => `${sync.id}:${sync.lastRun?.id ?? ''}`).join('|');
  const lastFinished = useRef<string | null>(null);
  useEffect(() => {
    if (lastFinished.current !== null && lastFinished.current !== finished) {
      void queryClient.invalidateQueries({ queryKey: referkitKeys.referrers(campaignId) });
      void queryClient.invalidateQueries({ queryKey: referkitKeys.campaigns() });
    }
    lastFinished.current = finished;
  }, [finished, campaignId, queryClient]);

  if (syncs.isError) {
    return (
      <section className="demo-panel" aria-labelledby={titleId}>
        <h2 id={titleId}>Syncs</h2>
        <p role="alert" className="demo-error-text">
          Could not load this campaign's syncs: {syncs.error.message}
        </p>
      </section>
    );
  }
  if (list.length === 0) return null;

  return (
    <section className="demo-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Syncs</h2>
      <ul className="demo-sync-list">
        {list.map((sync) => (
          <SyncStatusItem key={sync.id} sync={sync} />
        ))}
      </ul>
    </section>
  );
}

function SyncStatusItem({ sync: listed }: { sync: Sync }) {
  // The detail query polls every second while a run is in progress.
  const detail = useSync(listed.id);
  const sync = detail.data?.sync ?? listed;
  const run = sync.currentRun;
  const title =
    sync.config.syncType === 'ongoing'
      ? `Ongoing Sync from Stripe (${describeSchedule(sync.config.schedule)})`
      : 'One-Time Sync from Stripe';

  return (
    <li className="demo-sync" data-sync-status={sync.status}>
      <div className="demo-sync-head">
        <h3>{title}</h3>
        <span className={`demo-badge demo-badge-${sync.status}`}>{statusLabel(sync)}</span>
      </div>
      {run ? (
        <div className="demo-sync-run">
          <p>
            {run.status === 'queued'
              ? 'Queued — starting shortly…'
              : `Running${run.mode === 'incremental' ? ' (changes since the last run)' : ''}: ${plural(run.counts.seen, 'customer')} read so far`}
          </p>
          <div
            className="demo-progress"
            role="progressbar"
            aria-label="Sync progress"
            aria-valuetext={describeCounts(run)}
          >
            <div className="demo-progress-bar" />
          </div>
          <p className="demo-muted">{describeCounts(run)}</p>
        </div>
      ) : null}
      {sync.status === 'failing' ? (
        <p className="demo-sync-failing" role="alert">
          <strong>Failing:</strong> {sync.statusReason ?? 'the last run failed.'}
        </p>
      ) : null}
      <dl className="demo-sync-facts">
        <div>
          <dt>Last run</dt>
          <dd>
            {sync.lastRun ? (
              <>
                {formatDateTime(sync.lastRun.finishedAt ?? sync.lastRun.createdAt)} —{' '}
                {runStatusLabel(sync.lastRun)}. {describeCounts(sync.lastRun)}
                {sync.lastRun.error ? `. ${sync.lastRun.error}` : ''}
              </>
            ) : (
              'Not yet'
            )}
          </dd>
        </div>
        {sync.config.syncType === 'ongoing' ? (
          <div>
            <dt>Next run</dt>
            <dd>
              {sync.status === 'paused'
                ? 'Paused'
                : sync.nextRunAt
                  ? formatDateTime(sync.nextRunAt)
                  : 'Not scheduled'}
            </dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

function statusLabel(sync: Sync): string {
  if (sync.currentRun?.status === 'running') return 'Running';
  if (sync.currentRun?.status === 'queued') return 'Queued';
  switch (sync.status) {
    case 'active':
      return sync.config.syncType === 'ongoing' ? 'Following Stripe' : 'Pending';
    case 'paused':
      return 'Paused';
    case 'failing':
      return 'Failing';
    case 'completed':
      return 'Completed';
    case 'deleting':
      return 'Deleting';
  }
}

function runStatusLabel(run: SyncRun): string {
  switch (run.status) {
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
    default:
      return run.status;
  }
}
