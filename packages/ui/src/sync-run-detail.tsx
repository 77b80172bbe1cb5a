import { lazy, Suspense } from 'react';
import type { SyncRunDetailProps } from './sync-run-records';
import { useMessages } from './use-messages';

export type { SyncRunDetailProps } from './sync-run-records';

const SyncRunRecords = lazy(() =>
  import('./sync-run-records').then((module) => ({ default: module.SyncRunRecords })),
);

/**
 * One run, record by record: what happened to each customer (created,
 * updated, unchanged, skipped with the reason and how to fix it, failed with
 * Stripe's message), filterable by outcome, searchable by email, paged, and
 * downloadable as CSV. Its table, filters and reasons load when it is first
 * shown (a "Loading…" status until then), so the sync manager's own first
 * render does not carry them.
 */
export function SyncRunDetail(props: SyncRunDetailProps) {
  const t = useMessages();
  return (
    <Suspense
      fallback={
        <p className="rk-loading" role="status">
          {t('common.loading')}
        </p>
      }
    >
      <SyncRunRecords {...props} />
    </Suspense>
  );
}
