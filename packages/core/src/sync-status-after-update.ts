import type { Sync } from './api-syncs';
import type { SyncType } from './sync-config';

/** The status reason of a sync the user paused. */
export const SYNC_PAUSED_REASON = 'Paused.';

/**
 * What an update (`PATCH /syncs/:id`) does to a sync's status — the rule the
 * server and the mock API share: `paused: true` pauses (reason "Paused.");
 * resuming a paused sync, or turning a finished one-time sync into an ongoing
 * one, makes it active again unless it stays paused; anything else leaves the
 * status as it is (`null`), so a failing sync keeps its reason.
 *
 * @param status - the sync's status before the update.
 * @param syncType - its sync type after the update.
 * @param paused - the update's `paused`, if it has one.
 */
export function syncStatusAfterUpdate(
  status: Sync['status'],
  syncType: SyncType,
  paused: boolean | undefined,
): { status: Sync['status']; statusReason: string | null } | null {
  if (paused === true) return { status: 'paused', statusReason: SYNC_PAUSED_REASON };
  if (paused === undefined && status === 'paused') return null;
  const resumed = paused === false && status === 'paused';
  const madeOngoing = syncType === 'ongoing' && status === 'completed';
  return resumed || madeOngoing ? { status: 'active', statusReason: null } : null;
}
