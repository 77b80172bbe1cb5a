import { describeSkipReason, type SyncOutcome } from '@referkit/core';
import { useReferkit, useSyncOutcomes, useSyncRuns } from '@referkit/react';
import { useDeferredValue, useId, useState } from 'react';
import { ErrorAlert } from './error-alert';
import { useRootProps } from './referkit-theme';
import { runDetailMessages } from './run-detail-messages';
import { ScrollRegion } from './scroll-region';
import { type HeadingLevel, StepHeader } from './step-header';
import { useMessages } from './use-messages';

/** Props of `SyncRunDetail` (which loads this view when first shown). */
export interface SyncRunDetailProps {
  syncId: string;
  runId: string;
  /** Records a page. Default: `25`. */
  pageSize?: number | undefined;
  /** Level of the heading. Default: `3`. */
  headingLevel?: HeadingLevel | undefined;
  className?: string | undefined;
}

type OutcomeFilter = 'all' | SyncOutcome['outcome'];
const FILTERS: readonly OutcomeFilter[] = [
  'all',
  'created',
  'updated',
  'unchanged',
  'skipped',
  'failed',
];

/**
 * One run, record by record: what happened to each customer (created,
 * updated, unchanged, skipped with the reason and how to fix it, failed with
 * Stripe's message), filterable by outcome, searchable by email, paged, and
 * downloadable as CSV. Rendered through `SyncRunDetail`, which loads it.
 */
export function SyncRunRecords({
  syncId,
  runId,
  pageSize = 25,
  headingLevel = 3,
  className,
}: SyncRunDetailProps) {
  const t = useMessages(runDetailMessages);
  const id = useId();
  const root = useRootProps(undefined, 'rk-run-detail', className);
  const { client } = useReferkit();
  const [filter, setFilter] = useState<OutcomeFilter>('all');
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search);
  // The cursors of the pages before the current one (the first page has none).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const runs = useSyncRuns(syncId);
  const run = runs.data?.runs.find((r) => r.id === runId);
  const outcomes = useSyncOutcomes(syncId, runId, {
    outcome: filter === 'all' ? undefined : filter,
    q,
    cursor,
    limit: pageSize,
    placeholderData: (previous) => previous,
  });
  const rows = outcomes.data?.outcomes ?? [];
  const nextCursor = outcomes.data?.nextCursor ?? null;
  const restart = () => setCursors([undefined]);

  return (
    <section aria-labelledby={id} {...root} data-slot="sync-run-detail">
      <StepHeader
        id={id}
        level={headingLevel}
        title={t('run.title', {
          when: run ? new Date(run.startedAt ?? run.createdAt).toLocaleString() : '…',
        })}
        description={
          run
            ? t('run.summary', {
                seen: run.counts.seen,
                created: run.counts.created,
                updated: run.counts.updated,
                unchanged: run.counts.unchanged,
                skipped: run.counts.skipped,
                failed: run.counts.failed,
              })
            : undefined
        }
      />
      <div className="rk-run-tools" data-slot="run-tools">
        <label className="rk-field">
          <span className="rk-label">{t('run.filter')}</span>
          <select
            className="rk-select"
            value={filter}
            onChange={(event) => {
              setFilter(event.target.value as OutcomeFilter);
              restart();
            }}
          >
            {FILTERS.map((value) => (
              <option key={value} value={value}>
                {value === 'all' ? t('run.filter.all') : t(`run.outcome.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="rk-field">
          <span className="rk-label">{t('run.search')}</span>
          <input
            className="rk-input"
            type="search"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              restart();
            }}
          />
        </label>
        <a
          className="rk-button"
          data-slot="run-download"
          href={client.syncOutcomesCsvUrl(syncId, runId, {
            outcome: filter === 'all' ? undefined : filter,
            q: q.trim() || undefined,
          })}
          download
        >
          {t('run.download')}
        </a>
      </div>
      {outcomes.error ? (
        <ErrorAlert onRetry={() => void outcomes.refetch()}>
          <p>{t('run.loadError', { message: outcomes.error.message })}</p>
        </ErrorAlert>
      ) : null}
      {outcomes.isPending ? (
        <p className="rk-loading" role="status">
          {t('common.loading')}
        </p>
      ) : rows.length === 0 ? (
        <p className="rk-empty" role="status">
          {t('run.none')}
        </p>
      ) : (
        <ScrollRegion labelledBy={`${id}-caption`}>
          <table className="rk-table" data-slot="run-outcomes">
            <caption id={`${id}-caption`} className="rk-table-caption">
              {t('run.table')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('run.customer')}</th>
                <th scope="col">{t('run.outcome')}</th>
                <th scope="col">{t('run.reason')}</th>
                <th scope="col">{t('run.fix')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((outcome) => (
                <tr key={outcome.id} data-outcome={outcome.outcome}>
                  <th scope="row" className="rk-cell-label">
                    {outcome.email || outcome.name || outcome.externalId}
                    {outcome.name && outcome.email ? (
                      <span className="rk-cell-sub">{outcome.name}</span>
                    ) : null}
                    <span className="rk-cell-sub rk-mono">{outcome.externalId}</span>
                  </th>
                  <td>
                    <span className="rk-badge" data-variant={outcome.outcome}>
                      {t(`run.outcome.${outcome.outcome}`)}
                    </span>
                  </td>
                  <ReasonCells outcome={outcome} />
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <nav className="rk-actions" aria-label={t('run.table')} data-slot="run-pages">
        <span className="rk-muted" aria-live="polite">
          {t('run.page', { page: cursors.length })}
        </span>
        <span className="rk-spacer" />
        <button
          type="button"
          className="rk-button"
          disabled={cursors.length === 1}
          onClick={() => setCursors((list) => list.slice(0, -1))}
        >
          {t('run.previous')}
        </button>
        <button
          type="button"
          className="rk-button"
          disabled={nextCursor === null}
          onClick={() => nextCursor && setCursors((list) => [...list, nextCursor])}
        >
          {t('run.next')}
        </button>
      </nav>
    </section>
  );
}

/** The reason in words (core's `describeSkipReason`, or Stripe's message) and how to fix it. */
function ReasonCells({ outcome }: { outcome: SyncOutcome }) {
  const explained =
    (outcome.outcome === 'skipped' || outcome.outcome === 'failed') && outcome.reasonCode
      ? describeSkipReason(outcome.reasonCode, { duplicateOf: outcome.duplicateOf })
      : null;
  const reason =
    outcome.outcome === 'failed' && outcome.message ? outcome.message : explained?.summary;
  return (
    <>
      <td>{reason ?? outcome.message ?? ''}</td>
      <td>{explained?.fix ?? ''}</td>
    </>
  );
}
