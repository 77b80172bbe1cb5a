import type { ApiResponse, CreateSyncRequest, SyncOutcome } from '@referkit/core';
import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type {
  CreateRequestOptions,
  ListSyncsQuery,
  UpdateSyncRequest,
} from './create-referkit-client';
import { idempotencyKeyFor } from './idempotency-key';
import { referkitKeys } from './referkit-keys';
import {
  holdUntil,
  invalidate,
  type ReferkitMutationOptions,
  type ReferkitQueryOptions,
  useReferkitMutation,
  useReferkitQuery,
  useReferkitQueryById,
} from './referkit-query';
import { useReferkit } from './use-referkit';

type SyncData = ApiResponse<'getSync'>;

/** Options of {@link useSync} and {@link useSyncs}. */
export interface UseSyncOptions<TData> extends ReferkitQueryOptions<TData> {
  /** How often to refetch while a run is queued or running, in ms. Default: `1000`. */
  pollIntervalMs?: number | undefined;
}

/** Options of {@link useSyncOutcomes}. */
export interface UseSyncOutcomesOptions
  extends ReferkitQueryOptions<ApiResponse<'listSyncOutcomes'>> {
  /** Only records with this outcome (e.g. `skipped`). Default: every outcome. */
  outcome?: SyncOutcome['outcome'] | undefined;
  /** How many, 1–500. Default: the server's (100). */
  limit?: number | undefined;
  /** The page after this cursor (a previous page's `nextCursor`). Default: the first page. */
  cursor?: string | undefined;
  /** Only records whose email (or name) contains this text. Default: every record. */
  q?: string | undefined;
}

/**
 * Variables of {@link useCreateSync}'s `mutate`: the campaign, the
 * configuration and optionally the action's `idempotencyKey` (default: one
 * generated for this `mutate` call, reused by its retries).
 */
export type CreateSyncVariables = CreateSyncRequest & CreateRequestOptions;

/** Variables of {@link useUpdateSync}'s `mutate`. */
export interface UpdateSyncVariables extends UpdateSyncRequest {
  syncId: string;
}

/** A sync's result changed: its lists, runs and the referrers it writes refresh. */
function syncChanged(queryClient: QueryClient, campaignId?: string) {
  return invalidate(
    queryClient,
    referkitKeys.syncs(),
    referkitKeys.referrers(campaignId),
    referkitKeys.campaigns(),
  );
}

/**
 * A campaign's syncs (or every sync). Refetches every `pollIntervalMs` while
 * any of them has a run in progress.
 */
export function useSyncs(
  { campaignId }: ListSyncsQuery = {},
  { pollIntervalMs = 1000, ...options }: UseSyncOptions<ApiResponse<'listSyncs'>> = {},
) {
  return useReferkitQuery(
    referkitKeys.syncList({ campaignId }),
    (client) => client.listSyncs(campaignId === undefined ? undefined : { campaignId }),
    {
      refetchInterval: (query) =>
        query.state.data?.syncs.some((sync) => sync.currentRun !== null) ? pollIntervalMs : false,
      ...options,
    },
  );
}

/**
 * One sync with its current run's progress. Refetches every `pollIntervalMs`
 * (1 s) while `currentRun` is queued or running and stops when it is idle;
 * when a run finishes, the campaign's referrers, counts and the run history
 * refresh. Waits while `syncId` is empty.
 */
export function useSync(
  syncId: string | null | undefined,
  { pollIntervalMs = 1000, ...options }: UseSyncOptions<SyncData> = {},
) {
  const { queryClient } = useReferkit();
  const result = useReferkitQueryById(
    syncId,
    referkitKeys.sync,
    (client, id) => client.getSync(id),
    {
      refetchInterval: (query) => (query.state.data?.sync.currentRun ? pollIntervalMs : false),
      ...options,
    },
  );

  const sync = result.data?.sync;
  const runningId = sync?.currentRun?.id ?? null;
  const lastRunningId = useRef<string | null>(null);
  useEffect(() => {
    if (!sync) return;
    if (lastRunningId.current !== null && runningId === null) {
      void syncChanged(queryClient, sync.campaignId);
    }
    lastRunningId.current = runningId;
  }, [sync, runningId, queryClient]);

  return result;
}

/**
 * Creates a sync (`mutate({ campaignId, config, idempotencyKey? })`) and
 * starts its first run. The request carries an `Idempotency-Key`, so a
 * retried or doubled request creates one sync. An invalid configuration fails
 * with `invalid_sync_config` and `error.issues`; without a Stripe connection,
 * `integration_not_connected`.
 */
export function useCreateSync(
  options?: ReferkitMutationOptions<ApiResponse<'createSync'>, CreateSyncVariables>,
) {
  return useReferkitMutation(
    (client, variables: CreateSyncVariables) => {
      const { idempotencyKey, ...body } = variables;
      return client.createSync(body, {
        idempotencyKey: idempotencyKeyFor(variables, idempotencyKey),
      });
    },
    (queryClient, data) => {
      queryClient.setQueryData<SyncData>(referkitKeys.sync(data.sync.id), data);
      return syncChanged(queryClient, data.sync.campaignId);
    },
    options,
  );
}

/** Changes a sync's mapping or pauses/resumes it (`mutate({ syncId, config?, paused? })`). */
export function useUpdateSync(
  options?: ReferkitMutationOptions<ApiResponse<'updateSync'>, UpdateSyncVariables>,
) {
  return useReferkitMutation(
    (client, { syncId, ...body }: UpdateSyncVariables) => client.updateSync(syncId, body),
    (queryClient, data) => {
      queryClient.setQueryData<SyncData>(referkitKeys.sync(data.sync.id), data);
      return syncChanged(queryClient, data.sync.campaignId);
    },
    options,
  );
}

/** Deletes a sync (`mutate(syncId)`); its referrers stay. */
export function useDeleteSync(options?: ReferkitMutationOptions<void, string>) {
  return useReferkitMutation(
    (client, syncId: string) => client.deleteSync(syncId),
    (queryClient, _data, syncId) => {
      queryClient.removeQueries({ queryKey: referkitKeys.sync(syncId) });
      return syncChanged(queryClient);
    },
    options,
  );
}

/** Runs a sync now (`mutate(syncId)`); `sync_running` if a run is in progress. */
export function useRunSync(options?: ReferkitMutationOptions<ApiResponse<'runSync'>, string>) {
  return useReferkitMutation(
    (client, syncId: string) => client.runSync(syncId),
    (queryClient) => syncChanged(queryClient),
    options,
  );
}

/** Cancels the run in progress (`mutate(syncId)`). */
export function useCancelSync(
  options?: ReferkitMutationOptions<ApiResponse<'cancelSync'>, string>,
) {
  return useReferkitMutation(
    (client, syncId: string) => client.cancelSync(syncId),
    (queryClient, data) => {
      queryClient.setQueryData<SyncData>(referkitKeys.sync(data.sync.id), data);
      return syncChanged(queryClient, data.sync.campaignId);
    },
    options,
  );
}

/** A sync's run history, newest first. Waits while `syncId` is empty. */
export function useSyncRuns(
  syncId: string | null | undefined,
  options?: ReferkitQueryOptions<ApiResponse<'listSyncRuns'>>,
) {
  return useReferkitQueryById(
    syncId,
    referkitKeys.syncRuns,
    (client, id) => client.listSyncRuns(id),
    options,
  );
}

/**
 * What happened to each record of a run, e.g. `{ outcome: 'skipped' }` for
 * the skipped records and their reasons. Waits while either id is empty.
 */
export function useSyncOutcomes(
  syncId: string | null | undefined,
  runId: string | null | undefined,
  { outcome, limit, cursor, q, ...options }: UseSyncOutcomesOptions = {},
) {
  const search = q?.trim() || undefined;
  return useReferkitQuery(
    referkitKeys.syncOutcomes(syncId ?? '', runId ?? '', { outcome, limit, cursor, q: search }),
    (client) =>
      client.listSyncOutcomes(syncId as string, runId as string, {
        outcome,
        limit,
        cursor,
        ...(search ? { q: search } : {}),
      }),
    holdUntil(Boolean(syncId) && Boolean(runId), options),
  );
}
