import {
  BLANK_NAME_RULES,
  type BlankNameRule,
  INBOUND_TARGETS,
  type InboundTarget,
  type StripeFieldDefinition,
  type StripeRecord,
  type SyncConfigIssue,
} from '@referkit/core';
import { useNameVersionPreview } from '@referkit/react';
import { useId } from 'react';
import { ChoiceGroup } from './choice-group';
import { useRootProps } from './referkit-theme';
import { StepHeader } from './step-header';
import type { StepViewProps } from './step-view-props';
import { useMessages } from './use-messages';
import { wizardMessages } from './wizard-messages';

/** Props of {@link MapFieldsStep}. */
export interface MapFieldsStepProps extends StepViewProps {
  /** The object type's fields, metadata keys included (`useStripeFields()`). */
  fields: readonly StripeFieldDefinition[];
  /**
   * Recent records (`useStripeSamples()`), for the live preview of customers
   * without a name; `undefined` while loading. Default: none (no preview).
   */
  samples?: readonly StripeRecord[] | undefined;
}

/** The issues of one inbound entry (`['inbound', index, …]`), by the entry's Stripe field. */
function issuesBySource(inbound: readonly { source: string }[], issues: SyncConfigIssue[]) {
  const bySource = new Map<string, SyncConfigIssue[]>();
  for (const issue of issues) {
    if (issue.path[0] !== 'inbound' || typeof issue.path[1] !== 'number') continue;
    const source = inbound[issue.path[1]]?.source;
    if (source === undefined) continue;
    bySource.set(source, [...(bySource.get(source) ?? []), issue]);
  }
  return bySource;
}

/**
 * Step 2, "Map Stripe Fields to {brandName}": a {brandName} field (or Do Not
 * Map) for each Stripe field, with the required fields listed and marked.
 * Whether Continue is allowed, and why not, comes from the wizard's blockers.
 */
export function MapFieldsStep({
  wizard,
  fields,
  samples,
  headingRef,
  headingLevel,
  className,
}: MapFieldsStepProps) {
  const t = useMessages(wizardMessages);
  const root = useRootProps(undefined, 'rk-step', className);
  const id = useId();
  const { inbound } = wizard.config;
  const targetOf = new Map(inbound.map((entry) => [entry.source, entry.target]));
  const rowIssues = issuesBySource(inbound, wizard.issues);
  const known = new Set(fields.map((field) => field.path));
  const rows = [
    ...fields.map((field) => ({ path: field.path, label: field.label })),
    // A mapped field the account no longer reports (a metadata key gone from recent records).
    ...inbound
      .filter((entry) => !known.has(entry.source))
      .map((entry) => ({ path: entry.source, label: entry.source })),
  ];
  const labelOfSource = new Map(rows.map((row) => [row.path, row.label]));

  return (
    <section aria-labelledby={id} {...root} data-slot="step" data-step="map_fields">
      <StepHeader
        id={id}
        title={t('mapFields.title')}
        description={t('mapFields.description')}
        headingRef={headingRef}
        level={headingLevel}
      />
      <div className="rk-required" data-slot="required-targets">
        <p className="rk-required-title" id={`${id}-required`}>
          {t('mapFields.requiredTitle')}
        </p>
        <ul aria-labelledby={`${id}-required`} className="rk-required-list">
          {INBOUND_TARGETS.filter((target) => target.required).map((target) => {
            const source = inbound.find((entry) => entry.target === target.id)?.source;
            return (
              <li
                key={target.id}
                className="rk-required-item"
                data-state={source ? 'mapped' : 'missing'}
              >
                <span className="rk-required-mark" aria-hidden="true">
                  {source ? '✓' : '!'}
                </span>
                <span className="rk-required-label">{t(`field.${target.id}`)}</span>{' '}
                <span className="rk-required-status">
                  {source
                    ? t('mapFields.mappedFrom', { field: labelOfSource.get(source) ?? source })
                    : t('mapFields.notMapped')}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
      <BlankNameChoice wizard={wizard} samples={samples} />
      {rows.length === 0 ? (
        <p className="rk-empty">{t('mapFields.noFields')}</p>
      ) : (
        <div className="rk-table-wrap">
          <table className="rk-table" data-slot="mapping-table">
            <thead>
              <tr>
                <th scope="col">{t('mapFields.stripeField')}</th>
                <th scope="col">{t('mapFields.target')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => {
                const errors = rowIssues.get(row.path) ?? [];
                const errorId = `${id}-row-${index}-error`;
                return (
                  <tr key={row.path} data-mapped={targetOf.has(row.path) || undefined}>
                    <th scope="row" className="rk-cell-label">
                      {row.label}
                    </th>
                    <td>
                      <select
                        className="rk-select"
                        aria-label={t('mapFields.targetFor', { field: row.label })}
                        value={targetOf.get(row.path) ?? ''}
                        onChange={(event) =>
                          wizard.setInboundTarget(
                            row.path,
                            (event.target.value || null) as InboundTarget | null,
                          )
                        }
                        aria-invalid={errors.length > 0 || undefined}
                        aria-describedby={errors.length > 0 ? errorId : undefined}
                      >
                        <option value="">{t('mapFields.doNotMap')}</option>
                        {INBOUND_TARGETS.map((target) => (
                          <option key={target.id} value={target.id}>
                            {target.required
                              ? t('mapFields.requiredOption', { label: t(`field.${target.id}`) })
                              : t(`field.${target.id}`)}
                          </option>
                        ))}
                      </select>
                      {errors.length > 0 ? (
                        <p id={errorId} className="rk-field-error">
                          {errors.map((issue) => t.issue(issue)).join(' ')}
                        </p>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * What the sync does when the mapped name is blank (skip, or the email's part
 * before `@`), with the account's nameless customers previewed through core's
 * `previewNames`: exactly what the sync will do.
 */
function BlankNameChoice({ wizard, samples }: Pick<MapFieldsStepProps, 'wizard' | 'samples'>) {
  const t = useMessages(wizardMessages);
  const id = useId();
  const rule = wizard.config.blankName ?? 'skip';
  const preview = useNameVersionPreview(samples, { config: wizard.config, limit: 25 });
  const blank = preview.rows.filter((row) => row.input.trim() === '').slice(0, 3);
  const chosen = wizard.config.nameVersion;
  return (
    <div className="rk-blank-name" data-slot="blank-name">
      <ChoiceGroup<BlankNameRule>
        className="rk-choice-row"
        showLegend
        legend={t('blankName.legend')}
        choices={BLANK_NAME_RULES.map((value) => ({
          value,
          label: t(`blankName.${value}`),
        }))}
        value={rule}
        onValueChange={wizard.setBlankName}
      />
      {samples === undefined ? null : blank.length === 0 ? (
        <p className="rk-hint">{t('blankName.none')}</p>
      ) : (
        <table className="rk-table" data-slot="blank-name-preview">
          <caption id={id} className="rk-table-caption">
            {t('blankName.preview')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('blankName.previewEmail')}</th>
              <th scope="col">{t('blankName.previewResult')}</th>
            </tr>
          </thead>
          <tbody>
            {blank.map((row) => (
              <tr key={row.id}>
                <th scope="row" className="rk-cell-label">
                  <bdi>{row.email || row.id}</bdi>
                </th>
                <td data-state={row.skip ? 'skipped' : 'named'}>
                  {row.skip ? (
                    <span className="rk-badge" data-variant="skipped">
                      {t('blankName.skipped')}
                    </span>
                  ) : (
                    <bdi>{row.versions[chosen]}</bdi>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
