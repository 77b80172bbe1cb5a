import type { NameVersion } from './name-version-definitions';
import type { InboundTarget, ReturnSource } from './referrer-fields';
import { stableJson } from './stable-json';
import {
  type BlankNameRule,
  createDefaultSyncConfig,
  type ObjectType,
  type ReturnDestination,
  type Schedule,
  type SyncConfig,
  type SyncType,
} from './sync-config';
import type { SyncConfigIssue } from './sync-config-issue';
import { buildSyncOverview, type SyncOverview } from './sync-overview';
import { type ValidateSyncConfigContext, validateSyncConfig } from './validate-sync-config';
import { WIZARD_STEPS, type WizardStepDefinition, type WizardStepId } from './wizard-steps';

/** Options of {@link createSyncWizardStore}. */
export interface SyncWizardStoreOptions {
  /**
   * The configuration to start from (editing an existing sync, or restoring a
   * draft). Default: `createDefaultSyncConfig()` — Name → First Name, Email →
   * Email, Referral Link → metadata `referral_link`, V1, one-time.
   */
  initialConfig?: SyncConfig | undefined;
  /** The step to open on. Default: `'object_type'`. */
  initialStep?: WizardStepId | undefined;
  /** What validation may know (link base, existing metadata keys). Default: `{}`. */
  context?: ValidateSyncConfigContext | undefined;
}

/**
 * A snapshot of the wizard. A new object after every change; the same one
 * otherwise (an action that changes nothing keeps it), as
 * `useSyncExternalStore` requires.
 */
export interface SyncWizardState {
  /** Every step, in order (for the stepper). */
  steps: readonly WizardStepDefinition[];
  /** The step shown now. */
  step: WizardStepId;
  /** Index of `step` in `steps`. */
  stepIndex: number;
  /** The configuration as chosen so far. */
  config: SyncConfig;
  /** Every issue with the configuration. */
  issues: SyncConfigIssue[];
  /** The issues that keep the current step from continuing. */
  blockers: SyncConfigIssue[];
  /** Whether Continue (or, on Confirm, Start Sync) is enabled. */
  canContinue: boolean;
  /** The furthest step that can be reached now: every step before it is complete. */
  reachableIndex: number;
  /** Whether Back is unavailable. */
  isFirstStep: boolean;
  /** Whether this is Confirm, where Continue becomes Start Sync. */
  isLastStep: boolean;
  /**
   * Whether the configuration means something other than the one the wizard
   * started with (key order and the order of inbound pairs do not count).
   */
  dirty: boolean;
  /** The Confirm step's Sync Overview. */
  overview: SyncOverview;
}

/** The wizard's actions. Each one updates the state and notifies subscribers. */
export interface SyncWizardActions {
  /** Select Object Type. */
  setObjectType(objectType: ObjectType): void;
  /** Maps a Stripe field into a referrer field, or unmaps it with `null`. */
  setInboundTarget(source: string, target: InboundTarget | null): void;
  /** Sends a return value to a field or metadata key, or nowhere (`{ kind: 'none' }`). */
  setReturnDestination(source: ReturnSource, destination: ReturnDestination): void;
  /** Name Version. */
  setNameVersion(version: NameVersion): void;
  /** Map Fields: skip a record whose mapped name is blank, or use its email's part before `@`. */
  setBlankName(rule: BlankNameRule): void;
  /** One-Time or Ongoing Sync (the schedule is kept when switching back). */
  setSyncType(syncType: SyncType): void;
  /** The ongoing sync's schedule. */
  setSchedule(schedule: Schedule): void;
  /** Updates what validation knows, e.g. once the account's fields have loaded. */
  setContext(context: ValidateSyncConfigContext): void;
  /** Moves to the next step when the current one is complete; returns whether it moved. */
  next(): boolean;
  /** Moves to the previous step; choices are kept. Returns whether it moved. */
  back(): boolean;
  /** Jumps to a step up to {@link SyncWizardState.reachableIndex}; returns whether it moved. */
  goTo(step: WizardStepId): boolean;
  /** Back to the initial configuration and first step. */
  reset(): void;
}

/** A framework-free store of the wizard: React binds it with `useSyncExternalStore`. */
export interface SyncWizardStore extends SyncWizardActions {
  /** The current snapshot: the same object until something changes. */
  getState(): SyncWizardState;
  /** Calls `listener` after every change; returns the function that unsubscribes it. */
  subscribe(listener: () => void): () => void;
}

function stepIndexOf(step: WizardStepId): number {
  return WIZARD_STEPS.findIndex((s) => s.id === step);
}

/**
 * What a configuration means, for the dirty flag: key order and the order of
 * inbound pairs do not matter (unmapping and re-mapping a field is no change).
 */
function configIdentity(config: SyncConfig): string {
  const inbound = config.inbound.map((entry) => stableJson(entry)).sort();
  return stableJson({ ...config, inbound });
}

/** What a snapshot shows: every other state field is derived from these. */
function stateIdentity(state: SyncWizardState): string {
  return JSON.stringify([state.config, state.stepIndex, state.issues, state.dirty]);
}

function derive(
  config: SyncConfig,
  stepIndex: number,
  context: ValidateSyncConfigContext,
  initialIdentity: string,
): SyncWizardState {
  const { issues } = validateSyncConfig(config, context);
  const firstBlocked = WIZARD_STEPS.findIndex((s) => issues.some((issue) => issue.step === s.id));
  const reachableIndex = firstBlocked === -1 ? WIZARD_STEPS.length - 1 : firstBlocked;
  const index = Math.min(stepIndex, reachableIndex);
  const step = (WIZARD_STEPS[index] as WizardStepDefinition).id;
  const isLastStep = index === WIZARD_STEPS.length - 1;
  const blockers = isLastStep ? issues : issues.filter((issue) => issue.step === step);
  return {
    steps: WIZARD_STEPS,
    step,
    stepIndex: index,
    config,
    issues,
    blockers,
    canContinue: blockers.length === 0,
    reachableIndex,
    isFirstStep: index === 0,
    isLastStep,
    dirty: configIdentity(config) !== initialIdentity,
    overview: buildSyncOverview(config, issues.length === 0),
  };
}

/**
 * Creates the sync wizard as a plain store: Select Object Type → Map Fields →
 * Map Return Fields → Name Version → Confirm. Continue is allowed only when
 * the current step has no issues; going back keeps every choice. A step whose
 * earlier steps become incomplete falls back to the first incomplete one.
 *
 * @param options - where to start and what validation knows. Default: `{}`
 *   (the default configuration, on Select Object Type).
 */
export function createSyncWizardStore(options: SyncWizardStoreOptions = {}): SyncWizardStore {
  const initialConfig = options.initialConfig ?? createDefaultSyncConfig();
  const initialIdentity = configIdentity(initialConfig);
  const initialIndex = Math.max(0, stepIndexOf(options.initialStep ?? 'object_type'));
  let context = options.context ?? {};
  let wantedIndex = initialIndex;
  let state = derive(initialConfig, wantedIndex, context, initialIdentity);
  let identity = stateIdentity(state);
  const listeners = new Set<() => void>();

  /** Derives the next snapshot; an action that changes nothing keeps the snapshot and stays silent. */
  const commit = (config: SyncConfig, index = wantedIndex) => {
    wantedIndex = index;
    const next = derive(config, index, context, initialIdentity);
    const nextIdentity = stateIdentity(next);
    if (nextIdentity === identity) return;
    state = next;
    identity = nextIdentity;
    for (const listener of [...listeners]) listener();
  };
  const update = (change: (config: SyncConfig) => SyncConfig) =>
    commit(change(state.config), state.stepIndex);

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setObjectType: (objectType) => update((config) => ({ ...config, objectType })),
    setInboundTarget: (source, target) =>
      update((config) => {
        const at = config.inbound.findIndex((entry) => entry.source === source);
        const inbound = config.inbound.filter((entry) => entry.source !== source);
        if (target !== null) inbound.splice(at === -1 ? inbound.length : at, 0, { source, target });
        return { ...config, inbound };
      }),
    setReturnDestination: (source, destination) =>
      update((config) => ({ ...config, returns: { ...config.returns, [source]: destination } })),
    setNameVersion: (nameVersion) => update((config) => ({ ...config, nameVersion })),
    setBlankName: (blankName) => update((config) => ({ ...config, blankName })),
    setSyncType: (syncType) => update((config) => ({ ...config, syncType })),
    setSchedule: (schedule) => update((config) => ({ ...config, schedule })),
    setContext(next) {
      context = next;
      commit(state.config, wantedIndex);
    },
    next() {
      if (!state.canContinue || state.isLastStep) return false;
      commit(state.config, state.stepIndex + 1);
      return true;
    },
    back() {
      if (state.isFirstStep) return false;
      commit(state.config, state.stepIndex - 1);
      return true;
    },
    goTo(step) {
      const index = stepIndexOf(step);
      if (index === -1 || index > state.reachableIndex || index === state.stepIndex) return false;
      commit(state.config, index);
      return true;
    },
    reset: () => commit(initialConfig, initialIndex),
  };
}
