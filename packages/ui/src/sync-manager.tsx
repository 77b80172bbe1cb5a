import type { SyncManagerEvent } from '@referkit/react';
import { lazy, Suspense } from 'react';
import type { ReferkitEvent } from './referkit-event';
import type { ReferkitTheme } from './referkit-theme';
import type { HeadingLevel } from './step-header';
import { useMessages } from './use-messages';

// The manager's body, with its strings, loads on demand: rendering SyncManager costs this file.
const LazySyncManagerPanel = lazy(() =>
  import('./sync-manager-panel').then((module) => ({ default: module.SyncManagerPanel })),
);

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
  onEvent?: (event: SyncManagerEvent | ReferkitEvent) => void;
  /** Level of the manager's heading (the syncs' are one below). Default: `2`. */
  headingLevel?: HeadingLevel;
  /** Colour scheme. Default: the enclosing kit's, else `'system'`. */
  theme?: ReferkitTheme;
  className?: string;
}

/**
 * A campaign's syncs, managed in place: each sync's type and schedule, status
 * (running with its progress, active, paused, failing with the reason and
 * what to do), last and next run, and Run now, Pause/Resume, Edit (the
 * wizard, prefilled, saving a new version), Delete, Cancel run and View run
 * details; the Stripe card's Disconnect Stripe and Change key say which syncs
 * stop. Every action shows its pending, success and error state. Loads lazily.
 */
export function SyncManager(props: SyncManagerProps) {
  const t = useMessages();
  return (
    <Suspense
      fallback={
        <p className="rk-root rk-loading" role="status">
          {t('common.loading')}
        </p>
      }
    >
      <LazySyncManagerPanel {...props} />
    </Suspense>
  );
}
