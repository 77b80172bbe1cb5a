import type { ObjectType } from '@referkit/core';

const all = ['referkit'] as const;

/**
 * The query keys of every Referkit query, nested so one prefix invalidates a
 * family (TanStack's query-key factory pattern):
 *
 * - `referkitKeys.all` — everything
 * - `integrations()` — the Sync screen's list
 * - `stripe()` ⊃ `objectTypes()`, `fields(objectType)`, `samples(objectType, limit)`
 * - `campaigns()` ⊃ `campaign(campaignId)`
 * - `referrers(campaignId?)` ⊃ `referrerList(campaignId, filters)`
 * - `apiKey()`
 * - `syncs()` ⊃ `syncList(filters)`, `sync(syncId)` ⊃ `syncRuns(syncId)`, `syncOutcomes(…)`
 */
export const referkitKeys = {
  all,
  integrations: () => [...all, 'integrations'] as const,
  stripe: () => [...all, 'stripe'] as const,
  objectTypes: () => [...all, 'stripe', 'object-types'] as const,
  fields: (objectType: ObjectType) => [...all, 'stripe', 'fields', objectType] as const,
  samples: (objectType: ObjectType, limit?: number) =>
    [...all, 'stripe', 'samples', objectType, { limit }] as const,
  campaigns: () => [...all, 'campaigns'] as const,
  campaign: (campaignId: string) => [...all, 'campaigns', campaignId] as const,
  /** Every referrer list, or one campaign's. */
  referrers: (campaignId?: string) =>
    campaignId === undefined
      ? ([...all, 'referrers'] as const)
      : ([...all, 'referrers', campaignId] as const),
  referrerList: (campaignId: string, filters: { q?: string; limit?: number }) =>
    [...all, 'referrers', campaignId, { q: filters.q, limit: filters.limit }] as const,
  apiKey: () => [...all, 'api-key'] as const,
  syncs: () => [...all, 'syncs'] as const,
  syncList: (filters: { campaignId?: string }) =>
    [...all, 'syncs', 'list', { campaignId: filters.campaignId }] as const,
  sync: (syncId: string) => [...all, 'syncs', 'detail', syncId] as const,
  syncRuns: (syncId: string) => [...all, 'syncs', 'detail', syncId, 'runs'] as const,
  syncOutcomes: (
    syncId: string,
    runId: string,
    filters: { outcome?: string; limit?: number; cursor?: string; q?: string },
  ) =>
    [
      ...all,
      'syncs',
      'detail',
      syncId,
      'runs',
      runId,
      { outcome: filters.outcome, limit: filters.limit, cursor: filters.cursor, q: filters.q },
    ] as const,
};
