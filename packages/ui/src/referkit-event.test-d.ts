import type { SyncRunCounts, WizardStepId } from '@referkit/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { AddReferrersModalProps } from './add-referrers-modal';
import type { AddReferrersOption, ReferkitEvent, ReferkitEventHandler } from './referkit-event';
import type { StripeSyncWizardProps } from './stripe-sync-wizard';

describe('onEvent', () => {
  it('is one handler type for the modal and the wizard', () => {
    expectTypeOf<AddReferrersModalProps['onEvent']>().toEqualTypeOf<
      ReferkitEventHandler | undefined
    >();
    expectTypeOf<StripeSyncWizardProps['onEvent']>().toEqualTypeOf<
      ReferkitEventHandler | undefined
    >();
    expectTypeOf<ReferkitEventHandler>().parameters.toEqualTypeOf<[ReferkitEvent]>();
  });

  it('lists every event type', () => {
    expectTypeOf<ReferkitEvent['type']>().toEqualTypeOf<
      | 'opened'
      | 'option_chosen'
      | 'connected'
      | 'step_changed'
      | 'sync_started'
      | 'sync_completed'
      | 'completion_action_chosen'
      | 'closed'
    >();
    expectTypeOf<AddReferrersOption>().toEqualTypeOf<'upload' | 'sync' | 'manual' | 'api'>();
  });

  it('narrows each event to its fields by its type', () => {
    const handler: ReferkitEventHandler = (event) => {
      switch (event.type) {
        case 'option_chosen':
          expectTypeOf(event.option).toEqualTypeOf<AddReferrersOption>();
          break;
        case 'connected':
          expectTypeOf(event.integrationId).toBeString();
          break;
        case 'step_changed':
          expectTypeOf(event.step).toEqualTypeOf<WizardStepId>();
          break;
        case 'sync_started':
          expectTypeOf(event.syncId).toBeString();
          break;
        case 'sync_completed':
          expectTypeOf(event.counts).toEqualTypeOf<SyncRunCounts>();
          break;
        case 'completion_action_chosen':
          expectTypeOf(event.syncId).toBeString();
          break;
        default:
          expectTypeOf(event).toEqualTypeOf<{ type: 'opened' } | { type: 'closed' }>();
      }
    };
    expectTypeOf(handler).toBeFunction();
    // @ts-expect-error: an event's fields belong to its type.
    const wrong: ReferkitEvent = { type: 'opened', syncId: 'sync_1' };
    expectTypeOf(wrong).toEqualTypeOf<ReferkitEvent>();
  });
});
