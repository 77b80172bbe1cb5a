/**
 * The English strings of a run's detail view (`SyncRunDetail`): they load
 * with its records, when a run is first shown; it looks them up with
 * `useMessages(runDetailMessages)`.
 */
export const runDetailMessages = {
  'run.title': 'Run of {when}',
  'run.summary':
    '{seen} read: {created} created, {updated} updated, {unchanged} unchanged, {skipped} skipped, {failed} failed.',
  'run.filter': 'Show',
  'run.filter.all': 'All',
  'run.search': 'Search by email',
  'run.download': 'Download CSV of this run',
  'run.table': 'Records of this run',
  'run.customer': 'Customer',
  'run.outcome': 'Outcome',
  'run.reason': 'Reason',
  'run.fix': 'How to fix',
  'run.none': 'No records match.',
  'run.loadError': "Couldn't load the records: {message}",
  'run.previous': 'Previous page',
  'run.next': 'Next page',
  'run.page': 'Page {page}',
  'run.outcome.created': 'Created',
  'run.outcome.updated': 'Updated',
  'run.outcome.unchanged': 'Unchanged',
  'run.outcome.skipped': 'Skipped',
  'run.outcome.failed': 'Failed',
} as const;
