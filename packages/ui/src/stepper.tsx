import type { WizardStepDefinition, WizardStepId } from '@referkit/core';
import { useRootProps } from './referkit-theme';
import { useMessages } from './use-messages';
import { wizardMessages } from './wizard-messages';

/** Props of {@link Stepper}. */
export interface StepperProps {
  /** The steps in order (core's `WIZARD_STEPS`, or the wizard state's `steps`). */
  steps: readonly WizardStepDefinition[];
  /** Index of the step shown now. */
  currentIndex: number;
  /**
   * The furthest step the person may jump to by clicking it; steps up to it
   * (other than the current one) render as buttons. Default: `-1`, none.
   */
  maxSelectableIndex?: number | undefined;
  /** Called with the step clicked. */
  onStepSelect?: ((step: WizardStepId) => void) | undefined;
  className?: string | undefined;
}

/**
 * The wizard's visible progress: an ordered list of the steps in a labelled
 * `nav`, the current one marked `aria-current="step"`, finished ones marked
 * done. Titles come from `messages` (`wizard.step.<id>`).
 */
export function Stepper({
  steps,
  currentIndex,
  maxSelectableIndex = -1,
  onStepSelect,
  className,
}: StepperProps) {
  const t = useMessages(wizardMessages);
  const root = useRootProps(undefined, 'rk-stepper', className);
  return (
    <nav aria-label={t('wizard.steps')} {...root} data-slot="stepper">
      <ol className="rk-stepper-list">
        {steps.map((step, index) => {
          const state =
            index < currentIndex ? 'complete' : index === currentIndex ? 'current' : 'upcoming';
          const selectable =
            onStepSelect !== undefined && index !== currentIndex && index <= maxSelectableIndex;
          const content = (
            <>
              <span className="rk-stepper-index" aria-hidden="true">
                {index + 1}
              </span>
              <span className="rk-stepper-title">{t(`wizard.step.${step.id}`)}</span>
              {state === 'complete' && (
                <>
                  {' '}
                  <span className="rk-sr-only">({t('wizard.stepDone')})</span>
                </>
              )}
            </>
          );
          return (
            <li
              key={step.id}
              className="rk-stepper-item"
              data-slot="stepper-item"
              data-state={state}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              {selectable ? (
                <button
                  type="button"
                  className="rk-stepper-step"
                  data-slot="stepper-step"
                  onClick={() => onStepSelect(step.id)}
                >
                  {content}
                </button>
              ) : (
                <span className="rk-stepper-step" data-slot="stepper-step">
                  {content}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
