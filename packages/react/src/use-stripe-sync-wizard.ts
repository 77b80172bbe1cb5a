import {
  type ApiResponse,
  metadataKeyOf,
  type Sync,
  type SyncConfig,
  type WizardStepId,
} from '@referkit/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useCampaign } from './campaign-hooks';
import { createIdempotencyKey } from './idempotency-key';
import type { ReferkitApiError } from './referkit-api-error';
import { useObjectTypes, useStripeFields, useStripeSamples } from './stripe-object-hooks';
import { useCreateSync } from './sync-hooks';
import { type UseSyncWizardResult, useSyncWizard } from './use-sync-wizard';

/** Options of {@link useStripeSyncWizard}. */
export interface UseStripeSyncWizardOptions {
  /**
   * The campaign the synced customers join. Its link base tells validation
   * how long a referral link can be.
   */
  campaignId: string;
  /**
   * The configuration to start from (read on mount only). Default: core's
   * `createDefaultSyncConfig()`.
   */
  initialConfig?: SyncConfig | undefined;
  /**
   * Edit mode: `start()` calls this with the configuration instead of
   * creating a sync (e.g. to save it as an existing sync's next version).
   * Default: none (`start()` creates a sync).
   */
  onSave?: ((config: SyncConfig) => void) | undefined;
  /** Edit mode: the host's save is in flight (it becomes `pending`). Default: `false`. */
  saving?: boolean | undefined;
  /** Edit mode: why the host's last save failed (it becomes `startError`). Default: `null`. */
  saveError?: { message: string } | null | undefined;
  /**
   * Called after the wizard moves to another step (not on mount), with the
   * new step and its index. Default: none.
   */
  onStepChange?: ((step: WizardStepId, stepIndex: number) => void) | undefined;
  /** Called once the sync `start()` created exists, with it (not in edit mode). Default: none. */
  onSyncStarted?: ((sync: Sync) => void) | undefined;
  /**
   * Called with `dirty` on mount and whenever it changes (e.g. to ask before
   * closing). Default: none.
   */
  onDirtyChange?: ((dirty: boolean) => void) | undefined;
}

/**
 * What {@link useStripeSyncWizard} returns: the wizard's state and actions
 * (as {@link useSyncWizard} returns them) and everything around them that a
 * host needs to render its own Stripe sync wizard.
 */
export interface UseStripeSyncWizardResult extends UseSyncWizardResult {
  /** The object types the connected account offers (empty while loading). */
  objectTypes: ApiResponse<'listObjectTypes'>['objectTypes'];
  /** The chosen object type's fields, with the metadata keys seen on records (empty while loading). */
  fields: ApiResponse<'listFields'>['fields'];
  /** A few recent records of the chosen object type, for the name preview; `undefined` until they load. */
  samples: ApiResponse<'listSamples'>['records'] | undefined;
  /** The object types or the fields are loading (Continue and Start should wait). */
  loading: boolean;
  /** Why the object types or the fields could not load; `retry()` tries again. */
  loadError: ReferkitApiError | null;
  /** Loads the object types and the fields again (after `loadError`). */
  retry(): void;
  /**
   * The furthest step a step list may jump to: the furthest one visited, and
   * never past {@link UseSyncWizardResult.reachableIndex}.
   */
  maxSelectableIndex: number;
  /** There are unsaved choices: the configuration changed and no sync has started yet. */
  dirty: boolean;
  /**
   * Starts the sync with the current configuration: creates it (`POST /syncs`,
   * one `Idempotency-Key` per configuration, so retrying the same
   * configuration creates one sync), or in edit mode calls `onSave`. Does
   * nothing, and returns `false`, while loading, while a start is pending,
   * once a sync has started, or while the configuration has issues.
   */
  start(): boolean;
  /** The sync is being created (in edit mode: `saving`). */
  pending: boolean;
  /**
   * Why the last start failed: the create's {@link ReferkitApiError} (with
   * `issues` for `invalid_sync_config`), in edit mode the host's `saveError`.
   */
  startError: ReferkitApiError | { message: string } | null;
  /**
   * The sync `start()` created, as the server answered (follow its run with
   * `useSync(startedSync.id)`); `null` until then.
   */
  startedSync: Sync | null;
}

/**
 * The whole Stripe sync wizard without its markup: core's wizard store
 * ({@link useSyncWizard}), the campaign (its link base) and the account's
 * object types, fields and samples, validation told the link base and the
 * account's existing metadata keys, the steps visited, the dirty flag, and
 * starting the sync (or saving it in edit mode). `@referkit/ui`'s
 * `StripeSyncWizard` renders it; focus, announcements and confirmations are
 * the renderer's.
 */
export function useStripeSyncWizard({
  campaignId,
  initialConfig,
  onSave,
  saving = false,
  saveError = null,
  onStepChange,
  onSyncStarted,
  onDirtyChange,
}: UseStripeSyncWizardOptions): UseStripeSyncWizardResult {
  const objectTypes = useObjectTypes();
  const campaign = useCampaign(campaignId);
  const wizard = useSyncWizard({ initialConfig });
  const fields = useStripeFields(wizard.config.objectType);
  const samples = useStripeSamples(wizard.config.objectType);
  const createSync = useCreateSync();
  const [startedSync, setStartedSync] = useState<Sync | null>(null);

  // What validation may know: the campaign's link length and the account's metadata keys.
  // (The fields depend on the chosen object type, so the context follows the store.)
  const linkBaseUrl = campaign.data?.campaign.linkBaseUrl;
  const existingMetadataKeys = useMemo(
    () =>
      (fields.data?.fields ?? [])
        .map((field) => metadataKeyOf(field.path))
        .filter((key): key is string => key !== null),
    [fields.data],
  );
  const { setContext } = wizard;
  useEffect(
    () => setContext({ linkBaseUrl, existingMetadataKeys }),
    [setContext, linkBaseUrl, existingMetadataKeys],
  );

  const loading = objectTypes.isPending || fields.isPending;
  const loadError = objectTypes.error ?? fields.error;
  const dirty = wizard.dirty && startedSync === null;
  const pending = onSave ? saving : createSync.isPending;
  const startError = onSave ? saveError : createSync.error;

  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  // Every step visited so far may be jumped back to; the host hears of each change.
  const [maxVisited, setMaxVisited] = useState(wizard.stepIndex);
  const shownStep = useRef<WizardStepId>(wizard.step);
  useEffect(() => {
    if (shownStep.current === wizard.step) return;
    shownStep.current = wizard.step;
    setMaxVisited((max) => Math.max(max, wizard.stepIndex));
    onStepChange?.(wizard.step, wizard.stepIndex);
  }, [wizard.step, wizard.stepIndex, onStepChange]);

  // One key per configuration: a retry of the same start creates one sync.
  const idempotencyKey = useMemo(() => {
    void wizard.config;
    return createIdempotencyKey();
  }, [wizard.config]);

  // A second start before the first one's answer re-renders is not sent.
  const starting = useRef(false);
  const syncStarted = useRef(onSyncStarted);
  syncStarted.current = onSyncStarted;
  const { mutate } = createSync;
  const { config, issues } = wizard;
  const start = useCallback((): boolean => {
    if (loading || pending || starting.current || startedSync || issues.length > 0) return false;
    if (onSave) {
      onSave(config);
      return true;
    }
    starting.current = true;
    mutate(
      { campaignId, config, idempotencyKey },
      {
        onSuccess: ({ sync }) => {
          setStartedSync(sync);
          syncStarted.current?.(sync);
        },
        onSettled: () => {
          starting.current = false;
        },
      },
    );
    return true;
  }, [loading, pending, startedSync, issues, onSave, config, mutate, campaignId, idempotencyKey]);

  const { refetch: refetchObjectTypes } = objectTypes;
  const { refetch: refetchFields } = fields;
  const retry = useCallback(() => {
    void refetchObjectTypes();
    void refetchFields();
  }, [refetchObjectTypes, refetchFields]);

  const objectTypeList = objectTypes.data?.objectTypes;
  const fieldList = fields.data?.fields;
  return useMemo(
    () => ({
      ...wizard,
      objectTypes: objectTypeList ?? [],
      fields: fieldList ?? [],
      samples: samples.data?.records,
      loading,
      loadError,
      retry,
      maxSelectableIndex: Math.min(maxVisited, wizard.reachableIndex),
      dirty,
      start,
      pending,
      startError,
      startedSync,
    }),
    [
      wizard,
      objectTypeList,
      fieldList,
      samples.data,
      loading,
      loadError,
      retry,
      maxVisited,
      dirty,
      start,
      pending,
      startError,
      startedSync,
    ],
  );
}
