import { lazyPart } from './lazy-part';
import type { SyncRunDetailProps } from './sync-run-records';

export type { SyncRunDetailProps } from './sync-run-records';

/**
 * One run, record by record: what happened to each customer (created,
 * updated, unchanged, skipped with the reason and how to fix it, failed with
 * Stripe's message), filterable by outcome, searchable by email, paged, and
 * downloadable as CSV. Its table, filters and reasons load when it is first
 * shown (a "Loading…" status until then; "Try again" if loading fails), so
 * the sync manager's own first render does not carry them.
 */
export const SyncRunDetail = lazyPart<SyncRunDetailProps>(() =>
  import('./sync-run-records').then((module) => module.SyncRunRecords),
);
