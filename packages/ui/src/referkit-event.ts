import type { SyncRunCounts, WizardStepId } from '@referkit/core';

/** The four ways into the Add Referrers modal. */
export type AddReferrersOption = 'upload' | 'sync' | 'manual' | 'api';

/** The options in the order the modal shows them. */
export const ADD_REFERRERS_OPTIONS: readonly AddReferrersOption[] = [
  'upload',
  'sync',
  'manual',
  'api',
];

/**
 * Everything the kit tells the host through `onEvent`, besides the plain
 * callbacks: for analytics, logging or driving the host's own UI.
 */
export type ReferkitEvent =
  /** The modal opened. */
  | { type: 'opened' }
  /** The person picked one of the four options. */
  | { type: 'option_chosen'; option: AddReferrersOption }
  /** An integration was connected (`'stripe'`). */
  | { type: 'connected'; integrationId: string }
  /** The sync wizard moved to another step. */
  | { type: 'step_changed'; step: WizardStepId }
  /** Start Sync created a sync and its first run began. */
  | { type: 'sync_started'; syncId: string }
  /** The first run of a sync finished (completed, failed or cancelled). */
  | { type: 'sync_completed'; syncId: string; counts: SyncRunCounts }
  /** The person chose the completion summary's primary action (e.g. "View referrers"). */
  | { type: 'completion_action_chosen'; syncId: string }
  /** The modal closed. */
  | { type: 'closed' };

/** A host's event handler. */
export type ReferkitEventHandler = (event: ReferkitEvent) => void;
