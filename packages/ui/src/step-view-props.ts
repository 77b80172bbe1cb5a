import type { UseSyncWizardResult } from '@referkit/react';
import type { Ref } from 'react';
import type { HeadingLevel } from './step-header';

/** What every wizard step view takes. */
export interface StepViewProps {
  /**
   * The wizard: `useSyncWizard()`'s result (core's store state and actions),
   * or `useStripeSyncWizard()`'s, which holds it.
   */
  wizard: UseSyncWizardResult;
  /** Receives the step's heading, so the wizard can focus it when the step opens. */
  headingRef?: Ref<HTMLHeadingElement> | undefined;
  /** Level of the step's heading. Default: `3`. */
  headingLevel?: HeadingLevel | undefined;
  className?: string | undefined;
}
