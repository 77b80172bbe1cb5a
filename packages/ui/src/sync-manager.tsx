import { describeSyncProblem, NAME_VERSIONS, type Sync } from '@referkit/core';
import {
  type SyncManagerAction,
  type SyncManagerEvent,
  syncDisplayStatus,
  type UseSyncManagerResult,
  useSyncManager,
} from '@referkit/react';
import { useId, useRef, useState } from 'react';
import { ConfirmDialog } from './confirm-dialog';
import { ErrorAlert } from './error-alert';
import { lazyPart } from './lazy-part';
import { manageMessages } from './manage-messages';
import type { ReferkitEvent } from './referkit-event';
import { type ReferkitTheme, useRootProps } from './referkit-theme';
import { RunProgress } from './run-progress';
import type { HeadingLevel } from './step-header';
import { SyncRunDetail } from './sync-run-detail';
import { useMessages } from './use-messages';

// The wizard (to edit a sync) and the Connect Stripe dialog (to change the key) load on demand.
const LazyStripeSyncWizard = lazyPart(() =>
  import('./stripe-sync-wizard').then((module) => module.StripeSyncWizard),
);
const LazyConnectStripeDialog = lazyPart(
  () => import('./connect-stripe-dialog').then((module) => module.ConnectStripeDialog),
  { fallback: null },
);

type Translate = ReturnType<typeof useMessages<keyof typeof manageMessages>>;

type View =
  | { kind: 'list' }
  | { kind: 'edit'; syncId: string }
  | { kind: 'run'; syncId: string; runId: string };

const PENDING_LABEL: Partial<Record<SyncManagerAction, keyof typeof manageMessages>> = {
  run: 'manage.running',
  pause: 'manage.pausing',
  resume: 'manage.resuming',
  cancel: 'manage.cancelling',
  delete: 'manage.deleting',
  disconnect: 'manage.disconnecting',
};

const syncTitle = (sync: Sync, t: Translate) =>
  sync.config.syncType === 'ongoing' ? t('manage.ongoing') : t('manage.oneTime');

const localTime = (iso: string) => new Date(iso).toLocaleString();

/** Props of {@link SyncManager}. */
export interface SyncManagerProps {
  /** The campaign whose syncs to manage. */
  campaignId: string;
  /**
   * The typed event stream: each action's `sync_action_started`,
   * `sync_action_succeeded` and `sync_action_failed` (run, pause, resume,
   * cancel, edit, delete, disconnect), the edit wizard's `step_changed`, and
   * `connected` after Change key.
   */
  onEvent?: ((event: SyncManagerEvent | ReferkitEvent) => void) | undefined;
  /** Formats the last and next run's time. Default: the browser's `toLocaleString()`. */
  formatDateTime?: ((iso: string) => string) | undefined;
  /**
   * How often to look for runs an ongoing sync started on its own (schedule,
   * webhooks), in ms; `false` never. Default: `5000`.
   */
  followIntervalMs?: number | false | undefined;
  /** Level of the manager's heading (the syncs' are one below). Default: `2`. */
  headingLevel?: HeadingLevel | undefined;
  /** Colour scheme. Default: the enclosing kit's, else `'system'`. */
  theme?: ReferkitTheme | undefined;
  /** Class name added to the root, applied last. Default: none. */
  className?: string | undefined;
}

/**
 * A campaign's syncs, managed in place: each sync's type and schedule, status
 * (running with its progress, active, paused, failing with the reason and
 * what to do), last and next run, and Run now, Pause/Resume, Edit (the
 * wizard, prefilled, saving a new version), Delete, Cancel run and View run
 * details; the Stripe card's Disconnect Stripe and Change key say which syncs
 * stop. Every action shows its pending, success and error state. A lazy part:
 * `@referkit/ui/sync-manager`.
 */
export function SyncManager({
  campaignId,
  onEvent,
  formatDateTime = localTime,
  followIntervalMs,
  headingLevel = 2,
  theme,
  className,
}: SyncManagerProps) {
  const t = useMessages(manageMessages);
  const id = useId();
  const root = useRootProps(theme, 'rk-sync-manager', className);
  const eventHandler = useRef(onEvent);
  eventHandler.current = onEvent;
  const manager = useSyncManager({
    campaignId,
    onEvent: (event: SyncManagerEvent) => eventHandler.current?.(event),
    followIntervalMs,
  });
  const [view, setView] = useState<View>({ kind: 'list' });
  const [confirm, setConfirm] = useState<
    { kind: 'delete' | 'cancel'; syncId: string } | { kind: 'disconnect' } | null
  >(null);
  const [changingKey, setChangingKey] = useState(false);
  const [removeLinks, setRemoveLinks] = useState(false);
  const [notice, setNotice] = useState('');
  const Heading = `h${headingLevel}` as const;

  const act = async (action: SyncManagerAction, run: () => Promise<boolean>) => {
    setNotice('');
    if (await run()) setNotice(t(`manage.done.${action}`));
  };

  const back = () => setView({ kind: 'list' });

  if (view.kind !== 'list') {
    const sync = manager.syncs.find((s) => s.id === view.syncId);
    return (
      <section aria-labelledby={id} {...root} data-slot="sync-manager" data-view={view.kind}>
        <div className="rk-actions" data-slot="manager-back">
          <button type="button" className="rk-button" data-variant="ghost" onClick={back}>
            {t('manage.back')}
          </button>
        </div>
        <Heading id={id} className="rk-sr-only">
          {view.kind === 'edit' ? t('manage.editTitle') : t('manage.title')}
        </Heading>
        {view.kind === 'run' ? (
          <SyncRunDetail
            syncId={view.syncId}
            runId={view.runId}
            headingLevel={Math.min(4, headingLevel + 1) as 3 | 4}
          />
        ) : sync ? (
          <LazyStripeSyncWizard
            campaignId={campaignId}
            initialConfig={sync.config}
            headingLevel={Math.min(4, headingLevel + 1) as 3 | 4}
            autoFocus
            onEvent={(event: ReferkitEvent) => eventHandler.current?.(event)}
            onCancel={back}
            saving={manager.actionState('edit', sync.id).status === 'pending'}
            saveError={manager.actionState('edit', sync.id).error}
            onSave={(config) => {
              setNotice('');
              void manager.saveConfig(sync.id, config).then((ok) => {
                if (!ok) return;
                setNotice(t('manage.done.edit'));
                back();
              });
            }}
          />
        ) : (
          <p className="rk-loading">{t('common.loading')}</p>
        )}
      </section>
    );
  }

  const stopping = manager.stoppingOnDisconnect.map((s) => syncTitle(s, t)).join(', ');
  const confirmSync =
    confirm && confirm.kind !== 'disconnect'
      ? manager.syncs.find((s) => s.id === confirm.syncId)
      : undefined;

  return (
    <section aria-labelledby={id} {...root} data-slot="sync-manager" data-view="list">
      <header className="rk-step-header">
        <Heading id={id} className="rk-step-title">
          {t('manage.title')}
        </Heading>
      </header>
      <p className="rk-sr-only" role="status" aria-live="polite">
        {notice}
      </p>
      {notice ? (
        <p className="rk-note" data-slot="manager-notice">
          {notice}
        </p>
      ) : null}
      <StripeCard
        manager={manager}
        t={t}
        onDisconnect={() => setConfirm({ kind: 'disconnect' })}
        onChangeKey={() => setChangingKey(true)}
      />
      {manager.query.error ? (
        <ErrorAlert onRetry={() => void manager.query.refetch()}>
          <p>{t('manage.loadError', { message: manager.query.error.message })}</p>
        </ErrorAlert>
      ) : manager.query.isPending ? (
        <p className="rk-loading" role="status">
          {t('common.loading')}
        </p>
      ) : manager.syncs.length === 0 ? (
        <p className="rk-empty">{t('manage.empty')}</p>
      ) : (
        <ul className="rk-sync-list" data-slot="sync-list">
          {manager.syncs.map((sync) => (
            <SyncCard
              key={sync.id}
              sync={sync}
              manager={manager}
              t={t}
              headingLevel={Math.min(4, headingLevel + 1) as 3 | 4}
              connected={manager.stripe?.status === 'connected'}
              onAct={act}
              onEdit={() => setView({ kind: 'edit', syncId: sync.id })}
              onViewRun={(runId) => setView({ kind: 'run', syncId: sync.id, runId })}
              when={formatDateTime}
              onConfirm={(kind) => {
                setRemoveLinks(false);
                setConfirm({ kind, syncId: sync.id });
              }}
            />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirm?.kind === 'delete'}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={t('manage.delete.title')}
        description={t('manage.delete.description')}
        confirmLabel={t('manage.delete.confirm')}
        cancelLabel={t('manage.delete.cancel')}
        onConfirm={() => {
          if (confirmSync) {
            void act('delete', () => manager.remove(confirmSync.id, { removeLinks }));
          }
        }}
      >
        <label className="rk-checkbox-label">
          <input
            type="checkbox"
            className="rk-checkbox"
            checked={removeLinks}
            onChange={(event) => setRemoveLinks(event.target.checked)}
          />
          {t('manage.delete.removeLinks')}
        </label>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm?.kind === 'cancel'}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={t('manage.cancel.title')}
        description={t('manage.cancel.description')}
        confirmLabel={t('manage.cancel.confirm')}
        cancelLabel={t('manage.cancel.keep')}
        onConfirm={() => {
          if (confirmSync) void act('cancel', () => manager.cancel(confirmSync.id));
        }}
      />
      <ConfirmDialog
        open={confirm?.kind === 'disconnect'}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={t('manage.disconnect.title')}
        description={`${
          stopping
            ? t('manage.disconnect.stops', { names: stopping })
            : t('manage.disconnect.noneStop')
        } ${t('manage.disconnect.keeps')}`}
        confirmLabel={t('manage.disconnect.confirm')}
        cancelLabel={t('manage.disconnect.cancel')}
        onConfirm={() => void act('disconnect', manager.disconnect)}
      />
      {changingKey ? (
        <LazyConnectStripeDialog
          open
          onOpenChange={setChangingKey}
          integration={manager.stripe ?? undefined}
          note={stopping ? t('manage.changeKey.note', { names: stopping }) : undefined}
          onConnected={() => {
            setChangingKey(false);
            eventHandler.current?.({ type: 'connected', integrationId: 'stripe' });
          }}
        />
      ) : null}
    </section>
  );
}

function ActionButton({
  manager,
  action,
  syncId,
  label,
  disabled,
  onClick,
  variant,
}: {
  manager: UseSyncManagerResult;
  action: SyncManagerAction;
  syncId: string | null;
  label: string;
  disabled?: boolean;
  onClick: () => void;
  variant?: 'primary' | 'danger' | 'ghost';
}) {
  const t = useMessages(manageMessages);
  const pending = manager.actionState(action, syncId).status === 'pending';
  const pendingLabel = PENDING_LABEL[action];
  return (
    <button
      type="button"
      className="rk-button"
      data-variant={variant}
      data-action={action}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      onClick={onClick}
    >
      {pending && pendingLabel ? t(pendingLabel) : label}
    </button>
  );
}

/** The last action on a sync: its success (status) or its error (alert). */
function ActionResult({
  manager,
  syncId,
  t,
}: {
  manager: UseSyncManagerResult;
  syncId: string | null;
  t: Translate;
}) {
  const actions: SyncManagerAction[] =
    syncId === null ? ['disconnect'] : ['run', 'pause', 'resume', 'cancel', 'delete', 'edit'];
  const failed = actions.find((action) => manager.actionState(action, syncId).status === 'error');
  if (!failed) return null;
  const error = manager.actionState(failed, syncId).error;
  return (
    <ErrorAlert>
      <p>
        {t('manage.failed', {
          action: t(`manage.failedAction.${failed}`),
          message: error?.message ?? '',
        })}
      </p>
    </ErrorAlert>
  );
}

function StripeCard({
  manager,
  t,
  onDisconnect,
  onChangeKey,
}: {
  manager: UseSyncManagerResult;
  t: Translate;
  onDisconnect: () => void;
  onChangeKey: () => void;
}) {
  const stripe = manager.stripe;
  if (!stripe) return null;
  const connection = stripe.connection;
  return (
    <div className="rk-panel rk-stripe-card" data-slot="stripe-card" data-status={stripe.status}>
      <p>
        <strong>{t('manage.stripe.title')}</strong>{' '}
        {stripe.status === 'connected' && connection ? (
          <>
            <span className="rk-badge" data-variant="connected">
              {t('manage.stripe.badge.connected')}
            </span>{' '}
            <span className="rk-muted">
              {t('manage.stripe.connected', {
                account: connection.accountName ?? connection.externalAccountId,
                mode: t(`manage.stripe.mode.${connection.mode}`),
              })}
            </span>
          </>
        ) : stripe.status === 'error' ? (
          <>
            <span className="rk-badge" data-variant="error">
              {t('manage.stripe.badge.error')}
            </span>{' '}
            <span>{t('manage.stripe.error', { message: stripe.error ?? '' })}</span>
          </>
        ) : (
          <span>{t('manage.stripe.notConnected')}</span>
        )}
      </p>
      <ActionResult manager={manager} syncId={null} t={t} />
      {stripe.status !== 'not_connected' ? (
        <div className="rk-actions">
          <button type="button" className="rk-button" onClick={onChangeKey}>
            {t('manage.changeKey')}
          </button>
          <ActionButton
            manager={manager}
            action="disconnect"
            syncId={null}
            variant="danger"
            label={t('manage.disconnect')}
            onClick={onDisconnect}
          />
        </div>
      ) : null}
    </div>
  );
}

/** Why a sync is failing and what to do: core's words for its `statusCode`, with the particulars. */
function FailingNote({ sync }: { sync: Sync }) {
  const problem = describeSyncProblem(sync.statusCode ?? 'run_failed');
  const reason = sync.statusReason ?? sync.lastRun?.error ?? '';
  return (
    <div className="rk-alert" data-variant="error" data-slot="sync-failing">
      <p>{`${problem.summary} ${reason}`}</p>
      <p>{problem.fix}</p>
    </div>
  );
}

function SyncCard({
  sync,
  manager,
  t,
  headingLevel,
  connected,
  onAct,
  onEdit,
  onViewRun,
  onConfirm,
  when,
}: {
  sync: Sync;
  manager: UseSyncManagerResult;
  t: Translate;
  headingLevel: 3 | 4;
  connected: boolean;
  onAct: (action: SyncManagerAction, run: () => Promise<boolean>) => void;
  onEdit: () => void;
  onViewRun: (runId: string) => void;
  onConfirm: (kind: 'delete' | 'cancel') => void;
  when: (iso: string) => string;
}) {
  const id = useId();
  const Heading = `h${headingLevel}` as const;
  const status = syncDisplayStatus(sync);
  const run = sync.currentRun;
  const last = sync.lastRun;
  const ongoing = sync.config.syncType === 'ongoing';
  const deleting = sync.status === 'deleting';
  const busy = manager.isBusy(sync.id) || deleting;
  const title = syncTitle(sync, t);
  const schedule = sync.config.schedule;
  const version = NAME_VERSIONS.find((v) => v.id === sync.config.nameVersion);

  return (
    <li
      className="rk-sync-card"
      aria-labelledby={id}
      data-slot="sync-card"
      data-sync-id={sync.id}
      data-status={status}
    >
      <div className="rk-sync-card-head">
        <Heading id={id} className="rk-subheading">
          {title}
        </Heading>
        <span
          className="rk-badge"
          data-variant={status === 'failing' ? 'error' : status}
          data-slot="sync-status"
        >
          {t(`manage.status.${status}`)}
        </span>
      </div>
      <p className="rk-muted">
        {ongoing
          ? schedule.kind === 'preset'
            ? t(`manage.schedule.${schedule.preset}`)
            : schedule.expression
          : null}
        {ongoing ? ' · ' : null}
        {t('manage.nameVersion', { version: version?.label ?? sync.config.nameVersion })}
      </p>
      {run ? <RunProgress run={run} /> : null}
      {sync.status === 'failing' ? <FailingNote sync={sync} /> : null}
      {sync.status === 'paused' ? <p className="rk-hint">{t('manage.pausedNote')}</p> : null}
      {deleting ? <p className="rk-hint">{t('manage.deletingNote')}</p> : null}
      <dl className="rk-sync-facts">
        <div>
          <dt>{t('manage.lastRun')}</dt>
          <dd>
            {last
              ? t('manage.lastRunValue', {
                  when: when(last.finishedAt ?? last.createdAt),
                  status: t(
                    `manage.runStatus.${last.status as 'completed' | 'failed' | 'cancelled'}`,
                  ),
                  created: last.counts.created,
                  updated: last.counts.updated,
                  skipped: last.counts.skipped,
                  failed: last.counts.failed,
                })
              : t('manage.never')}
          </dd>
        </div>
        {ongoing ? (
          <div>
            <dt>{t('manage.nextRun')}</dt>
            <dd>
              {sync.status === 'paused'
                ? t('manage.status.paused')
                : sync.nextRunAt
                  ? when(sync.nextRunAt)
                  : t('manage.notScheduled')}
            </dd>
          </div>
        ) : null}
      </dl>
      <ActionResult manager={manager} syncId={sync.id} t={t} />
      <div className="rk-actions" data-slot="sync-actions">
        {deleting ? null : run ? (
          <ActionButton
            manager={manager}
            action="cancel"
            syncId={sync.id}
            label={t('manage.cancelRun')}
            disabled={busy}
            onClick={() => onConfirm('cancel')}
          />
        ) : (
          <ActionButton
            manager={manager}
            action="run"
            syncId={sync.id}
            variant="primary"
            label={t('manage.runNow')}
            disabled={busy || !connected}
            onClick={() => onAct('run', () => manager.runNow(sync.id))}
          />
        )}
        {ongoing ? (
          sync.status === 'paused' ? (
            <ActionButton
              manager={manager}
              action="resume"
              syncId={sync.id}
              label={t('manage.resume')}
              disabled={busy}
              onClick={() => onAct('resume', () => manager.resume(sync.id))}
            />
          ) : (
            <ActionButton
              manager={manager}
              action="pause"
              syncId={sync.id}
              label={t('manage.pause')}
              disabled={busy}
              onClick={() => onAct('pause', () => manager.pause(sync.id))}
            />
          )
        ) : null}
        <button
          type="button"
          className="rk-button"
          data-action="edit"
          disabled={busy || run !== null || !connected}
          onClick={onEdit}
        >
          {t('manage.edit')}
        </button>
        {last ? (
          <button type="button" className="rk-button" onClick={() => onViewRun(last.id)}>
            {t('manage.viewRun')}
          </button>
        ) : null}
        <ActionButton
          manager={manager}
          action="delete"
          syncId={sync.id}
          variant="danger"
          label={t('manage.delete')}
          disabled={busy}
          onClick={() => onConfirm('delete')}
        />
      </div>
    </li>
  );
}
