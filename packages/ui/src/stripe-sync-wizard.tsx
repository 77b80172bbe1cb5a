import { type Sync, type SyncConfig, type SyncRun, WIZARD_STEPS } from '@referkit/core';
import { isReferkitApiError, useStripeSyncWizard } from '@referkit/react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ConfirmDialog } from './confirm-dialog';
import { ConfirmStep } from './confirm-step';
import { ErrorAlert } from './error-alert';
import { MapFieldsStep } from './map-fields-step';
import { MapReturnFieldsStep } from './map-return-fields-step';
import { NameVersionStep } from './name-version-step';
import type { ReferkitEventHandler } from './referkit-event';
import { type ReferkitTheme, useRootProps } from './referkit-theme';
import { SelectObjectTypeStep } from './select-object-type-step';
import type { HeadingLevel } from './step-header';
import { Stepper } from './stepper';
import { type SyncCompletionAction, SyncProgress } from './sync-progress';
import { useMessages } from './use-messages';
import { wizardMessages } from './wizard-messages';

/** Props of {@link StripeSyncWizard}. */
export interface StripeSyncWizardProps {
  /** The campaign the synced customers join. */
  campaignId: string;
  /** Called by the progress view's Done button with the sync, once its first run has finished. */
  onComplete?: ((sync: Sync) => void) | undefined;
  /**
   * Called by the Cancel button (after "Discard this sync setup?" when there
   * are unsaved choices). No Cancel button without it.
   */
  onCancel?: (() => void) | undefined;
  /** The typed event stream: `step_changed`, `sync_started`, `sync_completed`. */
  onEvent?: ReferkitEventHandler | undefined;
  /** Called when the wizard starts or stops holding unsaved choices (to guard closing). */
  onDirtyChange?: ((dirty: boolean) => void) | undefined;
  /**
   * Edit mode: called by the last step's "Save changes" button with the new
   * configuration, instead of creating a sync (the sync manager saves it as
   * the sync's next version). Default: none (Start Sync creates a sync).
   */
  onSave?: ((config: SyncConfig) => void) | undefined;
  /** Edit mode: the save is in flight (Save changes is disabled). Default: `false`. */
  saving?: boolean | undefined;
  /** Edit mode: why the last save failed. Default: none. */
  saveError?: { message: string } | null | undefined;
  /**
   * The progress view's primary action once the first run has finished, e.g.
   * `{ label: 'View referrers', onSelect }`. Default: none (only Done).
   */
  completionAction?: SyncCompletionAction | undefined;
  /** The configuration to start from. Default: core's `createDefaultSyncConfig()`. */
  initialConfig?: SyncConfig | undefined;
  /** Move focus to the first step's heading once it shows. Default: `false`. */
  autoFocus?: boolean | undefined;
  /** Level of the step headings. Default: `2`. */
  headingLevel?: HeadingLevel | undefined;
  /** Colour scheme. Default: the enclosing kit's, else `'system'`. */
  theme?: ReferkitTheme | undefined;
  className?: string | undefined;
}

/**
 * The Stripe sync wizard: Select Object Type → Map Fields → Map Return Fields
 * → Name Version → Confirm, then the run's progress. State lives in core's
 * wizard store (`useSyncWizard`); Back keeps every choice; Continue is
 * disabled, with the reason, until the step is complete; each step's heading
 * takes focus and the change is announced.
 */
export function StripeSyncWizard({
  campaignId,
  onComplete,
  onCancel,
  onEvent,
  onDirtyChange,
  initialConfig,
  onSave,
  saving = false,
  saveError = null,
  completionAction,
  autoFocus = false,
  headingLevel = 2,
  theme,
  className,
}: StripeSyncWizardProps) {
  const t = useMessages(wizardMessages);
  const id = useId();
  const root = useRootProps(theme, 'rk-wizard', className);

  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const progressHeadingRef = useRef<HTMLHeadingElement>(null);

  const wizard = useStripeSyncWizard({
    campaignId,
    initialConfig,
    onSave,
    saving,
    saveError,
    onDirtyChange,
    // On every step change: move focus to the new heading, announce it, tell the host.
    onStepChange: (step, stepIndex) => {
      headingRef.current?.focus();
      setAnnouncement(
        t('wizard.stepPosition', {
          number: stepIndex + 1,
          total: WIZARD_STEPS.length,
          title: t(`wizard.step.${step}`),
        }),
      );
      onEvent?.({ type: 'step_changed', step });
    },
    onSyncStarted: (sync) => onEvent?.({ type: 'sync_started', syncId: sync.id }),
  });
  const { loading, loadError, dirty, startedSync, pending, startError } = wizard;

  // Focus the step heading once the wizard has loaded, when asked to.
  const focusedOnLoad = useRef(false);
  useEffect(() => {
    if (!autoFocus || loading || focusedOnLoad.current) return;
    focusedOnLoad.current = true;
    headingRef.current?.focus();
  }, [autoFocus, loading]);

  useEffect(() => {
    if (startedSync) progressHeadingRef.current?.focus();
  }, [startedSync]);

  const handleRunFinished = useCallback(
    (sync: Sync, run: SyncRun) =>
      onEvent?.({ type: 'sync_completed', syncId: sync.id, counts: run.counts }),
    [onEvent],
  );

  const cancel = () => {
    if (dirty) setConfirmingCancel(true);
    else onCancel?.();
  };

  if (startedSync) {
    return (
      <div {...root} data-slot="wizard">
        <SyncProgress
          syncId={startedSync.id}
          headingRef={progressHeadingRef}
          headingLevel={headingLevel}
          onRunFinished={handleRunFinished}
          onDone={onComplete}
          primaryAction={
            completionAction && {
              label: completionAction.label,
              onSelect: (sync) => {
                onEvent?.({ type: 'completion_action_chosen', syncId: sync.id });
                completionAction.onSelect(sync);
              },
            }
          }
        />
      </div>
    );
  }

  const stepProps = { wizard, headingRef, headingLevel };
  const reasonsId = `${id}-reasons`;
  const blocked = !wizard.canContinue;

  return (
    <div {...root} data-slot="wizard" data-step={wizard.step}>
      <Stepper
        steps={wizard.steps}
        currentIndex={wizard.stepIndex}
        maxSelectableIndex={wizard.maxSelectableIndex}
        onStepSelect={wizard.goTo}
      />
      <p className="rk-sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="rk-wizard-body" data-slot="wizard-body">
        {loadError ? (
          <ErrorAlert onRetry={wizard.retry}>
            <p>{t('wizard.loadError', { message: loadError.message })}</p>
          </ErrorAlert>
        ) : loading ? (
          <p className="rk-loading" role="status">
            {t('wizard.loading')}
          </p>
        ) : wizard.step === 'object_type' ? (
          <SelectObjectTypeStep {...stepProps} objectTypes={wizard.objectTypes} />
        ) : wizard.step === 'map_fields' ? (
          <MapFieldsStep {...stepProps} fields={wizard.fields} samples={wizard.samples} />
        ) : wizard.step === 'map_return_fields' ? (
          <MapReturnFieldsStep {...stepProps} fields={wizard.fields} />
        ) : wizard.step === 'name_version' ? (
          <NameVersionStep {...stepProps} samples={wizard.samples} />
        ) : (
          <ConfirmStep {...stepProps} />
        )}
        {startError ? (
          <ErrorAlert>
            <p>
              {t(onSave ? 'wizard.saveError' : 'wizard.startError', {
                message: startError.message,
              })}
            </p>
            {isReferkitApiError(startError) && startError.issues?.length ? (
              <ul>
                {startError.issues.map((issue) => (
                  <li key={`${issue.code}-${issue.path.join('.')}`}>{t.issue(issue)}</li>
                ))}
              </ul>
            ) : null}
          </ErrorAlert>
        ) : null}
      </div>
      {blocked && !loading && !loadError ? (
        <div id={reasonsId} className="rk-blockers" data-slot="blockers">
          <p className="rk-blockers-title">{t('wizard.blocked')}</p>
          <ul>
            {wizard.blockers.map((issue) => (
              <li key={`${issue.code}-${issue.path.join('.')}`}>{t.issue(issue)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="rk-wizard-footer" data-slot="wizard-footer">
        {onCancel ? (
          <button type="button" className="rk-button" data-variant="ghost" onClick={cancel}>
            {t('wizard.cancel')}
          </button>
        ) : null}
        <span className="rk-spacer" />
        {!wizard.isFirstStep ? (
          <button type="button" className="rk-button" onClick={wizard.back}>
            {t('wizard.back')}
          </button>
        ) : null}
        {wizard.isLastStep ? (
          <button
            type="button"
            className="rk-button"
            data-variant="primary"
            disabled={blocked || loading || pending}
            aria-busy={pending || undefined}
            aria-describedby={blocked ? reasonsId : undefined}
            onClick={wizard.start}
          >
            {onSave
              ? pending
                ? t('wizard.saving')
                : t('wizard.save')
              : pending
                ? t('wizard.starting')
                : t('wizard.startSync')}
          </button>
        ) : (
          <button
            type="button"
            className="rk-button"
            data-variant="primary"
            disabled={blocked || loading || Boolean(loadError)}
            aria-describedby={blocked ? reasonsId : undefined}
            onClick={wizard.next}
          >
            {t('wizard.continue')}
          </button>
        )}
      </div>
      <ConfirmDialog
        open={confirmingCancel}
        onOpenChange={setConfirmingCancel}
        title={t('discard.title')}
        description={t('discard.description')}
        confirmLabel={t('discard.confirm')}
        cancelLabel={t('discard.cancel')}
        onConfirm={() => onCancel?.()}
      />
    </div>
  );
}
