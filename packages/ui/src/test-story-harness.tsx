import { getStripeFields, type StripeRecord, type SyncWizardStoreOptions } from '@referkit/core';
import { useSyncWizard } from '@referkit/react';
import { MOCK_STRIPE_RECORDS } from '@referkit/react/mock-api';
import type { ReactElement } from 'react';
import type { StepViewProps } from './step-view-props';

/** The fields the mock account reports: the standard ones plus its records' metadata keys. */
export const STORY_FIELDS = getStripeFields('customer', MOCK_STRIPE_RECORDS);

/** The mock account's customers, odd names included. */
export const STORY_RECORDS: readonly StripeRecord[] = MOCK_STRIPE_RECORDS;

/** Props of {@link WizardStepStory}. */
export interface WizardStepStoryProps {
  /** The wizard store's options (initial configuration and step). */
  wizard?: SyncWizardStoreOptions;
  /** Renders the step with the live wizard. */
  render: (props: StepViewProps) => ReactElement;
}

/** Renders one wizard step against a real core wizard store, for stories. */
export function WizardStepStory({ wizard: options, render }: WizardStepStoryProps) {
  const wizard = useSyncWizard(options);
  return <div style={{ maxWidth: '48rem' }}>{render({ wizard, headingLevel: 2 })}</div>;
}
