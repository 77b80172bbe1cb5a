import type { Campaign } from '@referkit/core';
import { AddReferrersModal, type AddReferrersOption } from '@referkit/ui';
import { lazy, Suspense, useState } from 'react';
import { formatDateTime } from './format';
import { ReferrersTable } from './referrers-table';
import { ONGOING_POLL_MS } from './sync-status-panel';

// A lazy part of the kit: its code and strings load when the tab renders.
const SyncManager = lazy(() =>
  import('@referkit/ui/sync-manager').then((module) => ({ default: module.SyncManager })),
);

/**
 * The Referrers tab: the campaign's referrers, how they got there, and its
 * syncs managed in place (`SyncManager`: status, run details, pause, edit,
 * run now, delete, disconnect).
 */
export function ReferrersPage({ campaign }: { campaign: Campaign }) {
  const [modalOpen, setModalOpen] = useState(false);
  const [option, setOption] = useState<AddReferrersOption>('sync');

  return (
    <div className="demo-page">
      <div className="demo-page-header demo-page-header-row">
        <div>
          <h1>Referrers</h1>
          <p className="demo-muted">{campaign.name}</p>
        </div>
        <button
          type="button"
          className="demo-button"
          onClick={() => {
            setOption('sync');
            setModalOpen(true);
          }}
        >
          + Add Referrers
        </button>
      </div>
      <div className="demo-panel">
        <Suspense
          fallback={
            <p className="demo-muted" role="status">
              Loading syncs…
            </p>
          }
        >
          <SyncManager
            campaignId={campaign.id}
            theme="light"
            formatDateTime={formatDateTime}
            followIntervalMs={ONGOING_POLL_MS}
          />
        </Suspense>
      </div>
      <ReferrersTable campaignId={campaign.id} />
      <AddReferrersModal
        open={modalOpen}
        onOpenChange={setModalOpen}
        campaignId={campaign.id}
        // The dashboard is light; the modal matches it.
        theme="light"
        option={option}
        onOptionChange={setOption}
        completionAction={{ label: 'View referrers', onSelect: () => undefined }}
      />
    </div>
  );
}
