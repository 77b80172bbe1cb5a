import {
  createSyncWizardStore,
  type SyncWizardActions,
  type SyncWizardState,
  type SyncWizardStoreOptions,
} from '@referkit/core';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';

/** The wizard's current state and its actions, as {@link useSyncWizard} returns them. */
export type UseSyncWizardResult = SyncWizardState & SyncWizardActions;

/**
 * The Stripe sync wizard (core's `createSyncWizardStore`) bound to React. The
 * store is created once per mount from `options`; later changes to
 * `options.context` (the campaign's link base, the account's metadata keys
 * once they load) are passed on with `setContext`, other options are read
 * only on mount. The result is the same object until the state changes, and
 * the actions never change.
 */
export function useSyncWizard(options: SyncWizardStoreOptions = {}): UseSyncWizardResult {
  const [store] = useState(() => createSyncWizardStore(options));
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);

  const contextKey = JSON.stringify(options.context ?? null);
  const appliedContext = useRef(contextKey);
  const context = options.context;
  useEffect(() => {
    if (appliedContext.current === contextKey) return;
    appliedContext.current = contextKey;
    store.setContext(context ?? {});
  }, [store, contextKey, context]);

  const actions = useMemo<SyncWizardActions>(
    () => ({
      setObjectType: store.setObjectType,
      setInboundTarget: store.setInboundTarget,
      setReturnDestination: store.setReturnDestination,
      setNameVersion: store.setNameVersion,
      setBlankName: store.setBlankName,
      setSyncType: store.setSyncType,
      setSchedule: store.setSchedule,
      setContext: store.setContext,
      next: store.next,
      back: store.back,
      goTo: store.goTo,
      reset: store.reset,
    }),
    [store],
  );
  return useMemo(() => ({ ...state, ...actions }), [state, actions]);
}
