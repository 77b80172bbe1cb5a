import type { Campaign } from '@referkit/core';
import { AddReferrersModal, type AddReferrersOption } from '@referkit/ui';
import { useId, useState } from 'react';
import { plural } from './format';
import { SyncStatusPanel } from './sync-status-panel';
import { routeHref } from './use-route';

/** The Promote page: ways to grow the campaign, led by the "Sync Or Upload Referrers" card. */
export function PromotePage({ campaign }: { campaign: Campaign }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [option, setOption] = useState<AddReferrersOption>('sync');
  const openWith = (next: AddReferrersOption) => {
    setOption(next);
    setOpen(true);
  };

  return (
    <div className="demo-page">
      <div className="demo-page-header">
        <h1>Promote</h1>
        <p className="demo-muted">
          {campaign.name} · {plural(campaign.referrerCount, 'referrer')}
        </p>
      </div>
      <div className="demo-cards">
        <section className="demo-card demo-card-primary" aria-labelledby={`${id}-sync`}>
          <h2 id={`${id}-sync`}>Sync Or Upload Referrers</h2>
          <p>
            Turn the customers you already have into referrers: sync them from Stripe and keep them
            in step, or upload a CSV. Each one gets a referral link, written back to Stripe if you
            wish.
          </p>
          <div className="demo-card-actions">
            <button type="button" className="demo-button" onClick={() => openWith('sync')}>
              Sync
            </button>
            <button
              type="button"
              className="demo-button demo-button-secondary"
              onClick={() => openWith('upload')}
            >
              Upload
            </button>
          </div>
        </section>
        <section className="demo-card" aria-labelledby={`${id}-share`}>
          <h2 id={`${id}-share`}>Share Your Campaign</h2>
          <p>Every referrer's link starts with:</p>
          <p>
            <code className="demo-code">{campaign.linkBaseUrl}</code>
          </p>
        </section>
      </div>
      <SyncStatusPanel campaignId={campaign.id} />
      <AddReferrersModal
        open={open}
        onOpenChange={setOpen}
        option={option}
        onOptionChange={setOption}
        campaignId={campaign.id}
        // The dashboard is light; the modal matches it.
        theme="light"
        completionAction={{
          label: 'View referrers',
          onSelect: () => {
            window.location.hash = routeHref({ campaignId: campaign.id, page: 'referrers' });
          },
        }}
      />
    </div>
  );
}
