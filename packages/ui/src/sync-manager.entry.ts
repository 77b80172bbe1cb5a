// `@referkit/ui/sync-manager`: the sync manager, its run details and progress,
// and their strings. A lazy part (see `stripe-sync-wizard.entry.ts`): a host
// renders it with import(), so none of it is in the modal's first load.
export { manageMessages } from './manage-messages';
export { progressMessages } from './progress-messages';
export { RunProgress, type RunProgressProps } from './run-progress';
export { SyncManager, type SyncManagerProps } from './sync-manager';
export { SyncRunDetail, type SyncRunDetailProps } from './sync-run-detail';
