import { NAME_VERSIONS, type NameVersion, type StripeRecord } from '@referkit/core';
import { useNameVersionPreview } from '@referkit/react';
import { useId } from 'react';
import { ChoiceGroup } from './choice-group';
import { useRootProps } from './referkit-theme';
import { ScrollRegion } from './scroll-region';
import { StepHeader } from './step-header';
import type { StepViewProps } from './step-view-props';
import { useMessages } from './use-messages';
import { wizardMessages } from './wizard-messages';

/** Props of {@link NameVersionStep}. */
export interface NameVersionStepProps extends StepViewProps {
  /** Recent real records of the account (`useStripeSamples()`); `undefined` while loading. */
  samples: readonly StripeRecord[] | undefined;
  /** How many names the preview shows. Default: `5`. */
  previewLimit?: number | undefined;
}

const EXAMPLE: StripeRecord[] = [{ id: 'example', name: NAME_VERSIONS[0]?.example ?? '' }];

/**
 * Step 4: how the mapped name becomes First Name. A radio group of Original
 * and V1–V5 with their descriptions, and a live preview of the account's real
 * names in every version (core's `formatName`, through `useNameVersionPreview`),
 * the chosen version highlighted.
 */
export function NameVersionStep({
  wizard,
  samples,
  previewLimit = 5,
  headingRef,
  headingLevel,
  className,
}: NameVersionStepProps) {
  const t = useMessages(wizardMessages);
  const root = useRootProps(undefined, 'rk-step', className);
  const id = useId();
  const sourceField =
    wizard.config.inbound.find((entry) => entry.target === 'firstName')?.source ?? 'name';
  const real = useNameVersionPreview(samples, {
    sourceField,
    limit: previewLimit,
    config: wizard.config,
  });
  const example = useNameVersionPreview(EXAMPLE, { sourceField: 'name' });
  const loading = samples === undefined;
  const useExample = !loading && real.rows.every((row) => row.input.trim() === '');
  const rows = useExample ? example.rows : real.rows;
  const chosen = wizard.config.nameVersion;

  return (
    <section aria-labelledby={id} {...root} data-slot="step" data-step="name_version">
      <StepHeader
        id={id}
        title={t('nameVersion.title')}
        description={t('nameVersion.description')}
        headingRef={headingRef}
        level={headingLevel}
      />
      <ChoiceGroup<NameVersion>
        className="rk-choice-grid"
        legend={t('nameVersion.legend')}
        choices={NAME_VERSIONS.map((version) => ({
          value: version.id,
          label: t(`nameVersion.${version.id}`),
          description: t(`nameVersion.${version.id}.description`),
        }))}
        value={chosen}
        onValueChange={wizard.setNameVersion}
      />
      {loading ? (
        <p className="rk-muted" role="status">
          {t('nameVersion.loading')}
        </p>
      ) : (
        <ScrollRegion labelledBy={`${id}-caption`}>
          <table className="rk-table rk-preview-table" data-slot="name-preview">
            <caption id={`${id}-caption`} className="rk-table-caption">
              {t(useExample ? 'nameVersion.previewExample' : 'nameVersion.preview')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('nameVersion.previewInput')}</th>
                {NAME_VERSIONS.map((version) => (
                  <th
                    key={version.id}
                    scope="col"
                    data-selected={version.id === chosen || undefined}
                  >
                    {t(`nameVersion.${version.id}`)}
                    {version.id === chosen ? (
                      <>
                        {' '}
                        <span className="rk-sr-only">({t('common.selected')})</span>
                      </>
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" className="rk-preview-input">
                    {row.input.trim() === '' ? (
                      <span className="rk-muted">{t('nameVersion.blank')}</span>
                    ) : (
                      <bdi>{row.input}</bdi>
                    )}
                  </th>
                  {NAME_VERSIONS.map((version) => {
                    const value = row.versions[version.id];
                    return (
                      <td key={version.id} data-selected={version.id === chosen || undefined}>
                        {value === '' ? (
                          <span className="rk-muted">{t('nameVersion.blank')}</span>
                        ) : (
                          <bdi>{value}</bdi>
                        )}
                        {row.fromEmail && value !== '' ? (
                          <span className="rk-cell-sub">{t('nameVersion.fromEmail')}</span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
