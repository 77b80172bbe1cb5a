import * as Dialog from '@radix-ui/react-dialog';
import type { ImportReferrersResponse, Referrer, Sync } from '@referkit/core';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { ConfirmDialog } from './confirm-dialog';
import { lazyPart } from './lazy-part';
import {
  ADD_REFERRERS_OPTIONS,
  type AddReferrersOption,
  type ReferkitEvent,
  type ReferkitEventHandler,
} from './referkit-event';
import { type ReferkitTheme, ReferkitThemeContext, useRootProps } from './referkit-theme';
import type { IntegrationListOptions } from './sync-from-integration';
import type { SyncCompletionAction } from './sync-progress';
import { useMessages } from './use-messages';
import { useReturnFocus } from './use-return-focus';

// Every option's content and the wizard load on demand, so rendering the modal costs little.
const LazyStripeSyncWizard = lazyPart(() =>
  import('./stripe-sync-wizard').then((module) => module.StripeSyncWizard),
);
const LazyApiPanel = lazyPart(() => import('./api-panel').then((module) => module.ApiPanel));
const LazyAddManuallyForm = lazyPart(() =>
  import('./add-manually-form').then((module) => module.AddManuallyForm),
);
const LazySyncFromIntegration = lazyPart(() =>
  import('./sync-from-integration').then((module) => module.SyncFromIntegration),
);
const LazyCsvUpload = lazyPart(() => import('./csv-upload').then((module) => module.CsvUpload));

/** Props of {@link AddReferrersModal}. */
export interface AddReferrersModalProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The campaign referrers are added to. */
  campaignId: string;
  /** The option shown first (uncontrolled). Default: `'upload'`. */
  defaultOption?: AddReferrersOption | undefined;
  /** The option shown (controlled); pair with `onOptionChange`. */
  option?: AddReferrersOption | undefined;
  /** Called when the person picks another option. */
  onOptionChange?: ((option: AddReferrersOption) => void) | undefined;
  /**
   * The typed event stream: `opened`, `option_chosen`, `connected`,
   * `step_changed`, `sync_started`, `sync_completed`, `closed`.
   */
  onEvent?: ReferkitEventHandler | undefined;
  /**
   * The primary button of the sync's completion summary (e.g. "View
   * referrers"); the modal closes after it. Default: none (only Done).
   */
  completionAction?: SyncCompletionAction | undefined;
  /** Called by the sync's Done button; the modal then closes. */
  onSyncComplete?: ((sync: Sync) => void) | undefined;
  /** Called when Add Manually created a referrer. */
  onReferrerCreated?: ((referrer: Referrer) => void) | undefined;
  /** Called when a CSV has been imported. */
  onImported?: ((result: ImportReferrersResponse) => void) | undefined;
  /** Where "Connect with Stripe" sends the browser. Default: `window.location.assign(url)`. */
  onOAuthRedirect?: ((url: string) => void) | undefined;
  /**
   * Which integrations the Sync option lists: `categories`, `integrationIds`,
   * and whether unavailable ones show as "Coming soon" or not at all
   * (`unavailable: 'hide'`). Default: everything the server lists.
   */
  integrations?: IntegrationListOptions | undefined;
  /** Colour scheme. Default: `'system'` (follows `prefers-color-scheme`). */
  theme?: ReferkitTheme | undefined;
  className?: string | undefined;
}

/**
 * The Add Referrers modal (Radix Dialog) with its four options as tabs:
 * Upload, Sync, Add Manually and API. Sync lists the integrations; a
 * connected Stripe opens the sync wizard in the modal, and closing the modal
 * with a half-finished wizard asks before discarding it.
 */
export function AddReferrersModal({
  open,
  onOpenChange,
  campaignId,
  defaultOption = 'upload',
  option: controlledOption,
  onOptionChange,
  onEvent,
  onSyncComplete,
  completionAction,
  onReferrerCreated,
  onImported,
  onOAuthRedirect,
  integrations,
  theme = 'system',
  className,
}: AddReferrersModalProps) {
  const t = useMessages();
  const id = useId();
  const overlay = useRootProps(theme, 'rk-overlay');
  const content = useRootProps(theme, 'rk-dialog', className);
  const [uncontrolledOption, setUncontrolledOption] = useState(defaultOption);
  const option = controlledOption ?? uncontrolledOption;
  const [wizardOpen, setWizardOpen] = useState(false);
  const [wizardDirty, setWizardDirty] = useState(false);
  const [uploadDirty, setUploadDirty] = useState(false);
  const [manualDirty, setManualDirty] = useState(false);
  const [confirmingClose, setConfirmingClose] = useState(false);
  const tabRefs = useRef(new Map<AddReferrersOption, HTMLButtonElement>());
  const returnFocus = useReturnFocus();

  const eventHandler = useRef(onEvent);
  eventHandler.current = onEvent;
  const emit = (event: ReferkitEvent) => eventHandler.current?.(event);

  const wasOpen = useRef(false);
  useEffect(() => {
    if (open === wasOpen.current) return;
    wasOpen.current = open;
    eventHandler.current?.({ type: open ? 'opened' : 'closed' });
    if (!open) {
      setWizardOpen(false);
      setWizardDirty(false);
      setUploadDirty(false);
      setManualDirty(false);
    }
  }, [open]);

  // Leaving the wizard unmounts what had focus: give it to the selected option.
  const focusTabAfterWizard = useRef(false);
  useEffect(() => {
    if (wizardOpen || !focusTabAfterWizard.current) return;
    focusTabAfterWizard.current = false;
    tabRefs.current.get(option)?.focus();
  }, [wizardOpen, option]);

  // Closing with work to lose asks first: a half-finished wizard, Add Manually's
  // typed values, or a CSV being mapped (picked, not imported).
  const discarding: 'wizard' | 'manual' | 'upload' | null =
    wizardOpen && wizardDirty
      ? 'wizard'
      : !wizardOpen && option === 'manual' && manualDirty
        ? 'manual'
        : uploadDirty
          ? 'upload'
          : null;
  const requestOpenChange = (next: boolean) => {
    if (!next && discarding) setConfirmingClose(true);
    else onOpenChange(next);
  };

  const choose = (next: AddReferrersOption, focus = false) => {
    if (focus) tabRefs.current.get(next)?.focus();
    if (next === option) return;
    setUncontrolledOption(next);
    onOptionChange?.(next);
    emit({ type: 'option_chosen', option: next });
  };

  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = ADD_REFERRERS_OPTIONS.indexOf(option);
    const last = ADD_REFERRERS_OPTIONS.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null) return;
    event.preventDefault();
    choose(ADD_REFERRERS_OPTIONS[to] as AddReferrersOption, true);
  };

  const panel = (which: AddReferrersOption) => {
    switch (which) {
      case 'upload':
        return (
          <LazyCsvUpload
            campaignId={campaignId}
            headingLevel={3}
            onImported={onImported}
            onDirtyChange={setUploadDirty}
          />
        );
      case 'sync':
        return (
          <LazySyncFromIntegration
            {...integrations}
            headingLevel={3}
            onOAuthRedirect={onOAuthRedirect}
            onConnected={(integration) =>
              emit({ type: 'connected', integrationId: integration.id })
            }
            onIntegrationSelect={(integration) => {
              if (integration.id === 'stripe' && integration.status === 'connected') {
                setWizardOpen(true);
              }
            }}
          />
        );
      case 'manual':
        return (
          <LazyAddManuallyForm
            campaignId={campaignId}
            headingLevel={3}
            onCreated={onReferrerCreated}
            onDirtyChange={setManualDirty}
          />
        );
      case 'api':
        return <LazyApiPanel campaignId={campaignId} headingLevel={3} />;
    }
  };

  return (
    <ReferkitThemeContext.Provider value={theme}>
      <Dialog.Root open={open} onOpenChange={requestOpenChange}>
        <Dialog.Portal>
          <Dialog.Overlay {...overlay} data-slot="overlay" />
          <Dialog.Content
            {...content}
            data-size="lg"
            data-slot="add-referrers-modal"
            onCloseAutoFocus={returnFocus.onCloseAutoFocus}
            onOpenAutoFocus={(event) => {
              returnFocus.onOpenAutoFocus();
              const tab = tabRefs.current.get(option);
              if (!tab) return;
              event.preventDefault();
              tab.focus();
            }}
          >
            <div className="rk-dialog-header">
              <Dialog.Title className="rk-dialog-title">
                {wizardOpen ? t('modal.wizardTitle') : t('modal.title')}
              </Dialog.Title>
              <Dialog.Description className={wizardOpen ? 'rk-sr-only' : 'rk-dialog-description'}>
                {wizardOpen ? t('modal.wizardDescription') : t('modal.description')}
              </Dialog.Description>
            </div>
            {wizardOpen ? (
              <LazyStripeSyncWizard
                campaignId={campaignId}
                headingLevel={3}
                autoFocus
                onEvent={emit}
                onDirtyChange={setWizardDirty}
                onCancel={() => {
                  setWizardOpen(false);
                  setWizardDirty(false);
                  focusTabAfterWizard.current = true;
                }}
                onComplete={(sync) => {
                  onSyncComplete?.(sync);
                  onOpenChange(false);
                }}
                completionAction={
                  completionAction && {
                    label: completionAction.label,
                    onSelect: (sync) => {
                      onOpenChange(false);
                      completionAction.onSelect(sync);
                    },
                  }
                }
              />
            ) : (
              <>
                <div
                  role="tablist"
                  aria-label={t('modal.options')}
                  className="rk-tabs"
                  data-slot="options"
                >
                  {ADD_REFERRERS_OPTIONS.map((which) => {
                    const selected = which === option;
                    return (
                      <button
                        key={which}
                        ref={(element) => {
                          if (element) tabRefs.current.set(which, element);
                          else tabRefs.current.delete(which);
                        }}
                        type="button"
                        role="tab"
                        id={`${id}-tab-${which}`}
                        aria-selected={selected}
                        aria-controls={`${id}-panel-${which}`}
                        tabIndex={selected ? 0 : -1}
                        className="rk-tab"
                        data-slot="option"
                        data-state={selected ? 'active' : 'inactive'}
                        onClick={() => choose(which)}
                        onKeyDown={onTabKeyDown}
                      >
                        <span id={`${id}-tab-${which}-label`} className="rk-tab-label">
                          {t(`modal.option.${which}`)}
                        </span>{' '}
                        <span className="rk-tab-description">
                          {t(`modal.option.${which}.description`)}
                        </span>
                      </button>
                    );
                  })}
                </div>
                {ADD_REFERRERS_OPTIONS.map((which) => (
                  <div
                    key={which}
                    role="tabpanel"
                    id={`${id}-panel-${which}`}
                    aria-labelledby={`${id}-tab-${which}-label`}
                    hidden={which !== option}
                    className="rk-tabpanel"
                    data-slot="option-panel"
                  >
                    {which === option ? panel(which) : null}
                  </div>
                ))}
              </>
            )}
            <Dialog.Close asChild>
              <button type="button" className="rk-dialog-close" aria-label={t('common.close')}>
                <span aria-hidden="true">×</span>
              </button>
            </Dialog.Close>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      {discarding && (
        <ConfirmDialog
          open={confirmingClose}
          onOpenChange={setConfirmingClose}
          title={t(discarding === 'wizard' ? 'discard.title' : `discard.${discarding}.title`)}
          description={t(
            discarding === 'wizard' ? 'discard.description' : `discard.${discarding}.description`,
          )}
          confirmLabel={t('discard.confirm')}
          cancelLabel={t('discard.cancel')}
          onConfirm={() => {
            setWizardDirty(false);
            setUploadDirty(false);
            setManualDirty(false);
            onOpenChange(false);
          }}
        />
      )}
    </ReferkitThemeContext.Provider>
  );
}
