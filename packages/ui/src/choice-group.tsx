import { type ReactNode, useId } from 'react';
import { cx } from './class-names';

/** One choice of a {@link ChoiceGroup}. */
export interface Choice<Value extends string> {
  value: Value;
  label: ReactNode;
  description?: ReactNode | undefined;
}

/** Props of {@link ChoiceGroup}. */
export interface ChoiceGroupProps<Value extends string> {
  /** The group's name for assistive technology (a `legend`). */
  legend: ReactNode;
  /** Show the legend on screen too. Default: `false` (read by screen readers only). */
  showLegend?: boolean | undefined;
  choices: readonly Choice<Value>[];
  value: Value;
  onValueChange: (value: Value) => void;
  className?: string | undefined;
}

/**
 * A native radio group drawn as cards: arrow keys move between choices, each
 * radio is named by its label and described by its description.
 */
export function ChoiceGroup<Value extends string>({
  legend,
  showLegend = false,
  choices,
  value,
  onValueChange,
  className,
}: ChoiceGroupProps<Value>) {
  const id = useId();
  return (
    <fieldset className={cx('rk-choice-group', className)} data-slot="choice-group">
      <legend className={showLegend ? 'rk-legend' : 'rk-sr-only'}>{legend}</legend>
      {choices.map((choice) => {
        const checked = choice.value === value;
        return (
          <label
            key={choice.value}
            className="rk-choice"
            data-slot="choice"
            data-checked={checked || undefined}
          >
            <input
              type="radio"
              className="rk-radio"
              name={id}
              value={choice.value}
              checked={checked}
              onChange={() => onValueChange(choice.value)}
              aria-labelledby={`${id}-${choice.value}-label`}
              aria-describedby={
                choice.description ? `${id}-${choice.value}-description` : undefined
              }
            />
            <span className="rk-choice-text">
              <span id={`${id}-${choice.value}-label`} className="rk-choice-label">
                {choice.label}
              </span>
              {choice.description ? (
                <span id={`${id}-${choice.value}-description`} className="rk-choice-description">
                  {choice.description}
                </span>
              ) : null}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
