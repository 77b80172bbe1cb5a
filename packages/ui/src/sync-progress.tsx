import {
  describeSkipReason,
  type Sync,
  type SyncOutcome,
  type SyncRun,
  type SyncRunCounts,
} from '@referkit/core';
import { useSync, useSyncOutcomes } from '@referkit/react';
import { type Ref, useEffect, useId, useRef } from 'react';
import { ErrorAlert } from './error-alert';
import { useRootProps } from './referkit-theme';
import { RunProgress } from './run-progress';
import { ScrollRegion } from './scroll-region';
import { type HeadingLevel, StepHeader } from './step-header';
import { useMessages } from './use-messages';
import { wizardMessages } from './wizard-messages';

/** The completion summary's primary action, chosen by the host (e.g. "View referrers"). */
export interface SyncCompletionAction {
  /** The button's text. */
  label: string;
  /** Called with the sync when the person chooses it. */
  onSelect: (sync: Sync) => void;
}

/** Props of {@link SyncProgress}. */
export interface SyncProgressProps {
  /** The sync whose current (or last) run to follow. */
  syncId: string;
  /** Called by the Done button once the run has finished. No Done button without it. */
  onDone?: ((sync: Sync) => void) | undefined;
  /** The primary button of the completion summary. Default: none (Done is primary). */
  primaryAction?: SyncCompletionAction | undefined;
  /** Called once when the followed run finishes (completed, failed or cancelled). */
  onRunFinished?: ((sync: Sync, run: SyncRun) => void) | undefined;
  /** Receives the heading, so a wizard can focus it. */
  headingRef?: Ref<HTMLHeadingElement> | undefined;
  /** Level of the heading. Default: `3`. */
  headingLevel?: HeadingLevel | undefined;
  className?: string | undefined;
}

const COUNT_KEYS: readonly (keyof SyncRunCounts)[] = [
  'seen',
  'created',
  'updated',
  'unchanged',
  'skipped',
  'failed',
  'writtenBack',
];

const FINISHED: ReadonlySet<SyncRun['status']> = new Set(['completed', 'failed', 'cancelled']);

/**
 * A sync run's progress: a progress bar with an accessible name, the counts
 * (seen, created, updated, unchanged, skipped, failed, written back) as they
 * grow, and once the run has finished the skipped and failed records with
 * their reasons, and a Done button. Polls through `useSync`.
 */
export function SyncProgress({
  syncId,
  onDone,
  primaryAction,
  onRunFinished,
  headingRef,
  headingLevel,
  className,
}: SyncProgressProps) {
  const t = useMessages(wizardMessages);
  const root = useRootProps(undefined, 'rk-progress', className);
  const id = useId();
  const query = useSync(syncId);
  const sync = query.data?.sync;
  const run = sync?.currentRun ?? sync?.lastRun ?? null;
  const finished = run !== null && FINISHED.has(run.status);
  const finishedRunId = finished ? run.id : null;
  const skipped = useSyncOutcomes(syncId, finishedRunId, { outcome: 'skipped' });
  const failed = useSyncOutcomes(syncId, finishedRunId, { outcome: 'failed' });

  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (!sync || !run || !finished || reported.current === run.id) return;
    reported.current = run.id;
    onRunFinished?.(sync, run);
  }, [sync, run, finished, onRunFinished]);

  const title = !run
    ? t('progress.title')
    : run.status === 'completed'
      ? t('progress.titleCompleted')
      : run.status === 'failed'
        ? t('progress.titleFailed')
        : run.status === 'cancelled'
          ? t('progress.titleCancelled')
          : t('progress.title');
  const counts = run?.counts;
  const statusText = !run
    ? t('common.loading')
    : run.status === 'queued'
      ? t('progress.queued')
      : finished
        ? `${t('progress.completed', { seen: run.counts.seen })} ${t('progress.summary', { ...run.counts })}`
        : t('progress.running', { seen: run.counts.seen });

  return (
    <section
      aria-labelledby={id}
      {...root}
      data-slot="sync-progress"
      data-state={run?.status ?? 'loading'}
    >
      <StepHeader id={id} title={title} headingRef={headingRef} level={headingLevel} />
      {query.error ? (
        <ErrorAlert onRetry={() => void query.refetch()}>
          <p>{t('progress.loadError', { message: query.error.message })}</p>
        </ErrorAlert>
      ) : null}
      {run ? <RunProgress run={run} /> : null}
      <p className="rk-progress-status" role="status">
        {statusText}
      </p>
      {run?.status === 'failed' && run.error ? (
        <ErrorAlert>
          <p>{run.error}</p>
        </ErrorAlert>
      ) : null}
      {run?.note ? <p className="rk-hint">{run.note}</p> : null}
      {counts ? (
        <dl className="rk-counts" data-slot="counts">
          {COUNT_KEYS.map((key) => (
            <div key={key} className="rk-count" data-count={key}>
              <dt>{t(`progress.count.${key}`)}</dt>
              <dd>{counts[key].toLocaleString()}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {finished ? (
        <>
          <OutcomeTable title={t('progress.skipped')} outcomes={skipped.data?.outcomes ?? []} />
          <OutcomeTable title={t('progress.failed')} outcomes={failed.data?.outcomes ?? []} />
        </>
      ) : null}
      {finished && sync && (onDone || primaryAction) ? (
        <div className="rk-actions">
          {onDone ? (
            <button
              type="button"
              className="rk-button"
              data-variant={primaryAction ? undefined : 'primary'}
              onClick={() => onDone(sync)}
            >
              {t('progress.done')}
            </button>
          ) : null}
          {primaryAction ? (
            <button
              type="button"
              className="rk-button"
              data-variant="primary"
              onClick={() => primaryAction.onSelect(sync)}
            >
              {primaryAction.label}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function OutcomeTable({ title, outcomes }: { title: string; outcomes: readonly SyncOutcome[] }) {
  const t = useMessages(wizardMessages);
  const id = useId();
  if (outcomes.length === 0) return null;
  return (
    <ScrollRegion labelledBy={id}>
      <table className="rk-table" data-slot="outcomes">
        <caption id={id} className="rk-table-caption">
          {title}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('progress.record')}</th>
            <th scope="col">{t('progress.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {outcomes.map((outcome) => (
            <tr key={outcome.id}>
              <th scope="row" className="rk-cell-label">
                {outcome.name || outcome.email || outcome.externalId}
                {outcome.email && outcome.name ? (
                  <span className="rk-cell-sub">{outcome.email}</span>
                ) : null}
                {outcome.name || outcome.email ? (
                  <span className="rk-cell-sub rk-mono">{outcome.externalId}</span>
                ) : null}
              </th>
              <td>
                {outcome.outcome === 'skipped' && outcome.reasonCode
                  ? (() => {
                      const words = describeSkipReason(outcome.reasonCode, {
                        duplicateOf: outcome.duplicateOf,
                      });
                      return `${words.summary} ${words.fix}`;
                    })()
                  : (outcome.message ?? outcome.reasonCode ?? '')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
