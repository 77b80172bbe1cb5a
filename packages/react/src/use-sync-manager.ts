import type { Integration, Sync, SyncConfig } from '@referkit/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DeleteSyncOptions, ReferkitClient } from './create-referkit-client';
import { createIdempotencyKey } from './idempotency-key';
import { useIntegrations } from './integration-hooks';
import { isReferkitApiError, ReferkitApiError } from './referkit-api-error';
import { referkitKeys } from './referkit-keys';
import { invalidate } from './referkit-query';
import { useSyncs } from './sync-hooks';
import { useReferkit } from './use-referkit';

/** What a person can do to a sync (or, for `disconnect`, to the Stripe connection). */
export type SyncManagerAction =
  | 'run'
  | 'pause'
  | 'resume'
  | 'cancel'
  | 'edit'
  | 'delete'
  | 'disconnect';

/** Where one action stands: `idle` until used, then `pending`, `success` or `error`. */
export interface SyncActionState {
  status: 'idle' | 'pending' | 'success' | 'error';
  /** Why it failed (with `status: 'error'`). */
  error: ReferkitApiError | null;
}

/**
 * What {@link useSyncManager} tells the host through `onEvent`: each action
 * as it starts, succeeds or fails. `syncId` is `null` for `disconnect`.
 */
export type SyncManagerEvent =
  | { type: 'sync_action_started'; action: SyncManagerAction; syncId: string | null }
  | { type: 'sync_action_succeeded'; action: SyncManagerAction; syncId: string | null }
  | {
      type: 'sync_action_failed';
      action: SyncManagerAction;
      syncId: string | null;
      error: { code: string; message: string };
    };

/** Options of {@link useSyncManager}. */
export interface UseSyncManagerOptions {
  /** The campaign whose syncs to manage. */
  campaignId: string;
  /** Receives every action's start, success and failure. Default: none. */
  onEvent?: ((event: SyncManagerEvent) => void) | undefined;
  /** How often to refetch while a run is in progress, in ms. Default: `1000`. */
  pollIntervalMs?: number | undefined;
  /**
   * How often to refetch while an ongoing sync follows Stripe (to see runs a
   * schedule or webhook started), in ms; `false` never. Default: `5000`.
   */
  followIntervalMs?: number | false | undefined;
}

/**
 * How a sync stands, for a status badge: `deleting` while its links come off
 * Stripe, `running`/`queued` while a run is in progress, else the sync's own
 * `status` (`active`, `paused`, `failing`, `completed`).
 */
export type SyncDisplayStatus = 'running' | 'queued' | Sync['status'];

/** The status a badge shows for `sync`: see {@link SyncDisplayStatus}. */
export function syncDisplayStatus(sync: Sync): SyncDisplayStatus {
  if (sync.status === 'deleting') return 'deleting';
  if (sync.currentRun) return sync.currentRun.status === 'queued' ? 'queued' : 'running';
  return sync.status;
}

/**
 * Whether a sync would stop if Stripe were disconnected: an ongoing sync that
 * is not paused, or any sync with a run in progress.
 */
export function syncStopsOnDisconnect(sync: Sync): boolean {
  return (
    sync.currentRun !== null ||
    (sync.config.syncType === 'ongoing' && sync.status !== 'paused' && sync.status !== 'completed')
  );
}

/** What {@link useSyncManager} returns. */
export interface UseSyncManagerResult {
  /** The campaign's syncs, oldest first (empty while loading). */
  syncs: Sync[];
  /** The syncs query (loading and error states, `refetch`). */
  query: ReturnType<typeof useSyncs>;
  /** The Stripe integration with its connection, once loaded. */
  stripe: Integration | null;
  /** The syncs that stop when Stripe is disconnected (or its key changes to another account). */
  stoppingOnDisconnect: Sync[];
  /** Where an action on a sync (or `disconnect`, with no id) stands. */
  actionState(action: SyncManagerAction, syncId?: string | null): SyncActionState;
  /** Whether any action on this sync is in flight (to disable its other buttons). */
  isBusy(syncId: string): boolean;
  /** Starts a run now. Resolves `true` on success. */
  runNow(syncId: string): Promise<boolean>;
  /** Pauses an ongoing sync. */
  pause(syncId: string): Promise<boolean>;
  /** Resumes a paused ongoing sync. */
  resume(syncId: string): Promise<boolean>;
  /** Cancels the run in progress. */
  cancel(syncId: string): Promise<boolean>;
  /** Saves a new version of the sync's configuration; the next run applies it. */
  saveConfig(syncId: string, config: SyncConfig): Promise<boolean>;
  /**
   * Deletes the sync; the referrers it created stay. With `removeLinks` its
   * links come off Stripe first, as a job: the sync shows `deleting` with its
   * progress (`currentRun`, mode `remove_links`) until it is gone.
   */
  remove(syncId: string, options?: DeleteSyncOptions): Promise<boolean>;
  /** Disconnects Stripe: every sync in {@link UseSyncManagerResult.stoppingOnDisconnect} stops. */
  disconnect(): Promise<boolean>;
  /** Forgets an action's success or error (e.g. when its message is dismissed). */
  reset(action: SyncManagerAction, syncId?: string | null): void;
}

const IDLE: SyncActionState = { status: 'idle', error: null };

const stateKey = (action: SyncManagerAction, syncId?: string | null) => `${action}:${syncId ?? ''}`;

/**
 * The headless state of a sync manager: a campaign's syncs (polled while a run
 * is in progress), the Stripe connection, and every action with its own
 * pending / success / error state. An action already in flight is not sent
 * again (a double click sends one request). `@referkit/ui`'s `SyncManager`
 * renders it.
 */
export function useSyncManager({
  campaignId,
  onEvent,
  pollIntervalMs = 1000,
  followIntervalMs = 5000,
}: UseSyncManagerOptions): UseSyncManagerResult {
  const { client, queryClient } = useReferkit();
  const query = useSyncs(
    { campaignId },
    {
      refetchInterval: (query) => {
        const list = query.state.data?.syncs ?? [];
        if (list.some((sync) => sync.currentRun !== null)) return pollIntervalMs;
        return list.some(syncStopsOnDisconnect) ? followIntervalMs : false;
      },
    },
  );
  const integrations = useIntegrations();
  const [states, setStates] = useState<ReadonlyMap<string, SyncActionState>>(new Map());
  const inFlight = useRef(new Set<string>());
  const eventHandler = useRef(onEvent);
  eventHandler.current = onEvent;

  const syncs = useMemo(() => query.data?.syncs ?? [], [query.data]);

  // A run that finished (Run now, a schedule, a webhook) refreshes the referrers it wrote.
  const finished = syncs.map((sync) => `${sync.id}:${sync.lastRun?.id ?? ''}`).join('|');
  const lastFinished = useRef<string | null>(null);
  useEffect(() => {
    if (lastFinished.current !== null && lastFinished.current !== finished) {
      void invalidate(queryClient, referkitKeys.referrers(campaignId), referkitKeys.campaigns());
    }
    lastFinished.current = finished;
  }, [finished, campaignId, queryClient]);
  const stripe = integrations.data?.integrations.find((i) => i.id === 'stripe') ?? null;

  const setState = useCallback((key: string, state: SyncActionState | null) => {
    setStates((previous) => {
      const next = new Map(previous);
      if (state) next.set(key, state);
      else next.delete(key);
      return next;
    });
  }, []);

  const perform = useCallback(
    async (
      action: SyncManagerAction,
      syncId: string | null,
      call: (client: ReferkitClient) => Promise<unknown>,
      removesLinks = false,
    ): Promise<boolean> => {
      const key = stateKey(action, syncId);
      if (inFlight.current.has(key)) return false;
      inFlight.current.add(key);
      setState(key, { status: 'pending', error: null });
      eventHandler.current?.({ type: 'sync_action_started', action, syncId });
      try {
        await call(client);
        if (action === 'delete' && syncId && !removesLinks) {
          queryClient.removeQueries({ queryKey: referkitKeys.sync(syncId) });
        }
        await invalidate(
          queryClient,
          referkitKeys.syncs(),
          referkitKeys.referrers(campaignId),
          referkitKeys.campaigns(),
          ...(action === 'disconnect' ? [referkitKeys.integrations(), referkitKeys.stripe()] : []),
        );
        setState(key, { status: 'success', error: null });
        eventHandler.current?.({ type: 'sync_action_succeeded', action, syncId });
        return true;
      } catch (cause) {
        const error = isReferkitApiError(cause)
          ? cause
          : new ReferkitApiError({
              status: 0,
              code: 'network_error',
              message: cause instanceof Error ? cause.message : String(cause),
              cause,
            });
        setState(key, { status: 'error', error });
        eventHandler.current?.({
          type: 'sync_action_failed',
          action,
          syncId,
          error: { code: error.code, message: error.message },
        });
        return false;
      } finally {
        inFlight.current.delete(key);
      }
    },
    [client, queryClient, campaignId, setState],
  );

  return {
    syncs,
    query,
    stripe,
    stoppingOnDisconnect: syncs.filter(syncStopsOnDisconnect),
    actionState: (action, syncId) => states.get(stateKey(action, syncId)) ?? IDLE,
    isBusy: (syncId) =>
      [...states].some(([key, state]) => state.status === 'pending' && key.endsWith(`:${syncId}`)),
    // One key per click: a retried request (a flaky network) starts one run.
    runNow: (syncId) => {
      const idempotencyKey = createIdempotencyKey();
      return perform('run', syncId, (c) => c.runSync(syncId, { idempotencyKey }));
    },
    pause: (syncId) => perform('pause', syncId, (c) => c.updateSync(syncId, { paused: true })),
    resume: (syncId) => perform('resume', syncId, (c) => c.updateSync(syncId, { paused: false })),
    cancel: (syncId) => perform('cancel', syncId, (c) => c.cancelSync(syncId)),
    saveConfig: (syncId, config) =>
      perform('edit', syncId, (c) => c.updateSync(syncId, { config })),
    remove: (syncId, options) =>
      perform('delete', syncId, (c) => c.deleteSync(syncId, options), options?.removeLinks),
    disconnect: () => perform('disconnect', null, (c) => c.disconnectStripe()),
    reset: (action, syncId) => setState(stateKey(action, syncId), null),
  };
}
