import {
  checkMetadataKey,
  metadataKeyOf,
  RETURN_SOURCES,
  type ReturnSource,
  STRIPE_LIMITS,
  type StripeFieldDefinition,
  type SyncConfigIssue,
  WRITABLE_STANDARD_FIELDS,
  type WritableStandardField,
} from '@referkit/core';
import { useId, useRef } from 'react';
import { ErrorAlert } from './error-alert';
import { useRootProps } from './referkit-theme';
import { StepHeader } from './step-header';
import type { StepViewProps } from './step-view-props';
import { useMessages } from './use-messages';
import { wizardMessages } from './wizard-messages';

/** Props of {@link MapReturnFieldsStep}. */
export interface MapReturnFieldsStepProps extends StepViewProps {
  /** The object type's fields (`useStripeFields()`): writable ones are offered, metadata keys suggested. */
  fields: readonly StripeFieldDefinition[];
}

const KEY_PROBLEM_CODES = new Set<string>([
  'metadata_key_empty',
  'metadata_key_too_long',
  'metadata_key_invalid_chars',
]);

/** The metadata key suggested for a value: `referralLink` → `referral_link`. */
function suggestedKey(source: ReturnSource): string {
  return source.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function isWritableStandard(path: string): path is WritableStandardField {
  return (WRITABLE_STANDARD_FIELDS as readonly string[]).includes(path);
}

/**
 * Step 3: where each {brandName} value goes back on the Stripe record. Each
 * row has a Stripe field dropdown (with Do Not Send), a Send As Metadata
 * switch and, when it is on, a Metadata Key checked as you type with core's
 * `checkMetadataKey`; conflicts and limits come from the wizard's issues.
 */
export function MapReturnFieldsStep({
  wizard,
  fields,
  headingRef,
  headingLevel,
  className,
}: MapReturnFieldsStepProps) {
  const t = useMessages(wizardMessages);
  const root = useRootProps(undefined, 'rk-step', className);
  const id = useId();
  const { returns } = wizard.config;
  // What each row had before Send As Metadata was switched, so switching back restores it.
  const remembered = useRef<
    Partial<Record<ReturnSource, { field?: WritableStandardField; key?: string }>>
  >({});
  const writable = fields.filter(
    (field) => field.kind === 'standard' && isWritableStandard(field.path),
  );
  const existingKeys = fields
    .map((field) => metadataKeyOf(field.path))
    .filter((key): key is string => key !== null);
  const stepIssues = wizard.issues.filter(
    (issue) => issue.step === 'map_return_fields' && issue.path.length === 1,
  );

  const rowIssues = (source: ReturnSource): SyncConfigIssue[] =>
    wizard.issues.filter(
      (issue) =>
        issue.path[0] === 'returns' &&
        issue.path[1] === source &&
        !KEY_PROBLEM_CODES.has(issue.code),
    );

  const setMetadata = (source: ReturnSource, on: boolean) => {
    const current = returns[source];
    const memory = remembered.current[source] ?? {};
    remembered.current[source] = memory;
    if (current.kind === 'field') memory.field = current.field;
    if (current.kind === 'metadata') memory.key = current.key;
    if (on) {
      wizard.setReturnDestination(source, {
        kind: 'metadata',
        key: memory.key ?? suggestedKey(source),
      });
    } else {
      wizard.setReturnDestination(
        source,
        memory.field ? { kind: 'field', field: memory.field } : { kind: 'none' },
      );
    }
  };

  return (
    <section aria-labelledby={id} {...root} data-slot="step" data-step="map_return_fields">
      <StepHeader
        id={id}
        title={t('mapReturn.title')}
        description={t('mapReturn.description')}
        headingRef={headingRef}
        level={headingLevel}
      />
      {existingKeys.length > 0 ? (
        <datalist id={`${id}-keys`}>
          {existingKeys.map((key) => (
            <option key={key} value={key} />
          ))}
        </datalist>
      ) : null}
      <div className="rk-return-rows" data-slot="return-rows">
        {RETURN_SOURCES.map((source) => {
          const destination = returns[source.id];
          const asMetadata = destination.kind === 'metadata';
          const keyProblem = asMetadata ? checkMetadataKey(destination.key) : null;
          const errors = [
            ...(keyProblem && asMetadata
              ? [
                  t(`mapReturn.keyError.${keyProblem}`, {
                    max: STRIPE_LIMITS.metadataKeyMaxLength,
                    length: destination.key.length,
                  }),
                ]
              : []),
            ...rowIssues(source.id).map((issue) => t.issue(issue)),
          ];
          const rowId = `${id}-${source.id}`;
          const errorId = `${rowId}-error`;
          const describedBy = errors.length > 0 ? errorId : undefined;
          return (
            <fieldset
              key={source.id}
              aria-labelledby={`${rowId}-label`}
              className="rk-return-row"
              data-slot="return-row"
              data-invalid={errors.length > 0 || undefined}
            >
              <p id={`${rowId}-label`} className="rk-return-source">
                {t(`returnSource.${source.id}`)}
                {source.required ? (
                  <>
                    {' '}
                    <span className="rk-required-tag">({t('common.required')})</span>
                  </>
                ) : null}
              </p>
              <div className="rk-return-destination">
                {asMetadata ? (
                  <>
                    <label className="rk-label" htmlFor={`${rowId}-key`}>
                      {t('mapReturn.metadataKey')}
                    </label>
                    <input
                      id={`${rowId}-key`}
                      className="rk-input"
                      value={destination.key}
                      onChange={(event) =>
                        wizard.setReturnDestination(source.id, {
                          kind: 'metadata',
                          key: event.target.value,
                        })
                      }
                      list={existingKeys.length > 0 ? `${id}-keys` : undefined}
                      autoComplete="off"
                      spellCheck={false}
                      aria-invalid={errors.length > 0 || undefined}
                      aria-describedby={describedBy}
                    />
                  </>
                ) : (
                  <>
                    <label className="rk-label" htmlFor={`${rowId}-field`}>
                      {t('mapReturn.stripeField')}
                    </label>
                    <select
                      id={`${rowId}-field`}
                      className="rk-select"
                      value={destination.kind === 'field' ? destination.field : ''}
                      onChange={(event) => {
                        const field = event.target.value;
                        wizard.setReturnDestination(
                          source.id,
                          isWritableStandard(field) ? { kind: 'field', field } : { kind: 'none' },
                        );
                      }}
                      aria-invalid={errors.length > 0 || undefined}
                      aria-describedby={describedBy}
                    >
                      <option value="">{t('mapReturn.doNotSend')}</option>
                      {writable.map((field) => (
                        <option key={field.path} value={field.path}>
                          {field.label}
                        </option>
                      ))}
                    </select>
                  </>
                )}
              </div>
              <div className="rk-return-switch">
                <button
                  type="button"
                  role="switch"
                  id={`${rowId}-switch`}
                  className="rk-switch"
                  data-slot="switch"
                  aria-checked={asMetadata}
                  aria-labelledby={`${rowId}-switch-label`}
                  onClick={() => setMetadata(source.id, !asMetadata)}
                >
                  <span className="rk-switch-thumb" aria-hidden="true" />
                </button>
                <label
                  id={`${rowId}-switch-label`}
                  htmlFor={`${rowId}-switch`}
                  className="rk-switch-label"
                >
                  {t('mapReturn.sendAsMetadata')}
                </label>
              </div>
              <p id={errorId} className="rk-field-error" aria-live="polite">
                {errors.join(' ')}
              </p>
            </fieldset>
          );
        })}
      </div>
      {stepIssues.length > 0 ? (
        <ErrorAlert>
          {stepIssues.map((issue) => (
            <p key={issue.code}>{t.issue(issue)}</p>
          ))}
        </ErrorAlert>
      ) : null}
    </section>
  );
}
