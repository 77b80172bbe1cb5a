import {
  SCHEDULE_PRESET_CRON,
  SCHEDULE_PRESETS,
  type SchedulePreset,
  type SyncType,
} from '@referkit/core';
import { useId, useRef } from 'react';
import { ChoiceGroup } from './choice-group';
import { useRootProps } from './referkit-theme';
import { StepHeader } from './step-header';
import type { StepViewProps } from './step-view-props';
import { useMessages } from './use-messages';
import { wizardMessages } from './wizard-messages';

/** Props of {@link ConfirmStep}. */
export type ConfirmStepProps = StepViewProps;

type ScheduleChoice = SchedulePreset | 'custom';

/**
 * Step 5: the Sync Overview (the wizard store's `overview`: First Name
 * Version, Inbound Mapping, Return Mapping with metadata keys), One-Time or
 * Ongoing Sync with its schedule, and the green "Ready to Sync" once nothing
 * is left to fix. The wizard renders Start Sync below it.
 */
export function ConfirmStep({ wizard, headingRef, headingLevel, className }: ConfirmStepProps) {
  const t = useMessages(wizardMessages);
  const root = useRootProps(undefined, 'rk-step', className);
  const id = useId();
  const { overview, config } = wizard;
  const { schedule } = config;
  const lastCron = useRef<string | null>(schedule.kind === 'cron' ? schedule.expression : null);
  const scheduleChoice: ScheduleChoice = schedule.kind === 'preset' ? schedule.preset : 'custom';
  const cronIssues = wizard.issues.filter(
    (issue) => issue.path[0] === 'schedule' && issue.step === 'confirm',
  );
  const otherIssues = wizard.issues.filter((issue) => !cronIssues.includes(issue));

  const chooseSchedule = (choice: ScheduleChoice) => {
    if (schedule.kind === 'cron') lastCron.current = schedule.expression;
    if (choice === 'custom') {
      const preset = schedule.kind === 'preset' ? schedule.preset : 'hourly';
      wizard.setSchedule({
        kind: 'cron',
        expression: lastCron.current ?? SCHEDULE_PRESET_CRON[preset],
      });
    } else {
      wizard.setSchedule({ kind: 'preset', preset: choice });
    }
  };

  return (
    <section aria-labelledby={id} {...root} data-slot="step" data-step="confirm">
      <StepHeader
        id={id}
        title={t('confirm.title')}
        description={t('confirm.description')}
        headingRef={headingRef}
        level={headingLevel}
      />
      <section className="rk-overview" data-slot="overview" aria-labelledby={`${id}-overview`}>
        <p id={`${id}-overview`} className="rk-overview-title">
          {t('confirm.overview')}
        </p>
        <dl className="rk-overview-list">
          <div className="rk-overview-item">
            <dt>{t('confirm.nameVersion')}</dt>
            <dd>
              {t(`nameVersion.${overview.nameVersion.id}`)}:{' '}
              {t(`nameVersion.${overview.nameVersion.id}.description`)}
            </dd>
          </div>
          <div className="rk-overview-item">
            <dt>{t('confirm.inbound')}</dt>
            <dd>
              <ul className="rk-mapping-list">
                {overview.inbound.map((line) => (
                  <li key={line.source}>
                    {line.sourceLabel} <span aria-hidden="true">→</span>
                    <span className="rk-sr-only">{t('common.to')}</span> {t(`field.${line.target}`)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div className="rk-overview-item">
            <dt>{t('confirm.returns')}</dt>
            <dd>
              <ul className="rk-mapping-list">
                {overview.returns.map((line) => (
                  <li key={line.source} data-kind={line.destination.kind}>
                    {t(`returnSource.${line.source}`)} <span aria-hidden="true">→</span>
                    <span className="rk-sr-only">{t('common.to')}</span>{' '}
                    {line.destination.kind === 'none'
                      ? t('mapReturn.doNotSend')
                      : line.destination.kind === 'metadata'
                        ? t('confirm.metadata', { key: line.destination.key })
                        : line.destinationLabel}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
      </section>
      <ChoiceGroup<SyncType>
        showLegend
        legend={t('confirm.syncType')}
        choices={[
          {
            value: 'one_time',
            label: t('confirm.oneTime'),
            description: t('confirm.oneTime.description'),
          },
          {
            value: 'ongoing',
            label: t('confirm.ongoing'),
            description: t('confirm.ongoing.description'),
          },
        ]}
        value={config.syncType}
        onValueChange={wizard.setSyncType}
      />
      {config.syncType === 'ongoing' ? (
        <div className="rk-schedule" data-slot="schedule">
          <div className="rk-field">
            <label className="rk-label" htmlFor={`${id}-schedule`}>
              {t('confirm.schedule')}
            </label>
            <select
              id={`${id}-schedule`}
              className="rk-select"
              value={scheduleChoice}
              onChange={(event) => chooseSchedule(event.target.value as ScheduleChoice)}
            >
              {SCHEDULE_PRESETS.map((preset) => (
                <option key={preset} value={preset}>
                  {t(`confirm.schedule.${preset}`)}
                </option>
              ))}
              <option value="custom">{t('confirm.schedule.custom')}</option>
            </select>
          </div>
          {schedule.kind === 'cron' ? (
            <div className="rk-field">
              <label className="rk-label" htmlFor={`${id}-cron`}>
                {t('confirm.cron')}
              </label>
              <input
                id={`${id}-cron`}
                className="rk-input rk-mono"
                value={schedule.expression}
                onChange={(event) =>
                  wizard.setSchedule({ kind: 'cron', expression: event.target.value })
                }
                autoComplete="off"
                spellCheck={false}
                aria-invalid={cronIssues.length > 0 || undefined}
                aria-describedby={`${id}-cron-hint${cronIssues.length > 0 ? ` ${id}-cron-error` : ''}`}
              />
              <p id={`${id}-cron-hint`} className="rk-hint">
                {t('confirm.cronHint')}
              </p>
              <p id={`${id}-cron-error`} className="rk-field-error" aria-live="polite">
                {cronIssues.map((issue) => t.issue(issue)).join(' ')}
              </p>
            </div>
          ) : null}
        </div>
      ) : null}
      <div
        role="status"
        className="rk-ready"
        data-slot="ready-status"
        data-state={overview.ready ? 'ready' : 'not-ready'}
      >
        {overview.ready ? (
          <p className="rk-ready-text">
            <span className="rk-ready-icon" aria-hidden="true">
              ✓
            </span>
            {t('confirm.ready')}
          </p>
        ) : (
          <>
            <p className="rk-ready-text">{t('confirm.notReady')}</p>
            {otherIssues.length > 0 ? (
              <ul>
                {otherIssues.map((issue) => (
                  <li key={`${issue.code}-${issue.path.join('.')}`}>{t.issue(issue)}</li>
                ))}
              </ul>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}
