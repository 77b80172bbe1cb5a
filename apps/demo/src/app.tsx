import { useCampaigns } from '@referkit/react';
import { useEffect, useRef } from 'react';
import { BRAND_NAME } from './brand';
import { CampaignSwitcher } from './campaign-switcher';
import { DemoHint } from './demo-hint';
import { PromotePage } from './promote-page';
import { ReferrersPage } from './referrers-page';
import { type Page, routeHref, useRoute } from './use-route';

const PAGES: Array<{ id: Page; label: string }> = [
  { id: 'promote', label: 'Promote' },
  { id: 'referrers', label: 'Referrers' },
];

/** The dashboard: brand, campaign switcher, the demo hint, tabs and the current page. */
export function App() {
  const [route, navigate] = useRoute();
  const campaigns = useCampaigns();
  const list = campaigns.data?.campaigns ?? [];
  const campaign = list.find((c) => c.id === route.campaignId) ?? null;
  const mainRef = useRef<HTMLElement>(null);

  // An unknown or missing campaign in the URL lands on the first campaign.
  const firstId = list[0]?.id;
  useEffect(() => {
    if (!campaign && firstId) {
      window.history.replaceState(null, '', routeHref({ campaignId: firstId, page: route.page }));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }
  }, [campaign, firstId, route.page]);

  const pageLabel = PAGES.find((p) => p.id === route.page)?.label ?? '';
  useEffect(() => {
    document.title = campaign ? `${pageLabel} · ${campaign.name} · ${BRAND_NAME}` : BRAND_NAME;
  }, [campaign, pageLabel]);

  return (
    <div className="demo-shell">
      <button type="button" className="demo-skip-link" onClick={() => mainRef.current?.focus()}>
        Skip to content
      </button>
      <header className="demo-header">
        <div className="demo-brand">
          <span className="demo-brand-mark" aria-hidden="true">
            A
          </span>
          <span className="demo-brand-name">{BRAND_NAME}</span>
        </div>
        {campaign ? (
          <CampaignSwitcher
            campaigns={list}
            value={campaign.id}
            onChange={(campaignId) => navigate({ campaignId, page: route.page })}
          />
        ) : null}
      </header>
      <DemoHint />
      {campaign ? (
        <nav className="demo-tabs" aria-label="Campaign pages">
          {PAGES.map((page) => (
            <a
              key={page.id}
              className="demo-tab"
              href={routeHref({ campaignId: campaign.id, page: page.id })}
              aria-current={route.page === page.id ? 'page' : undefined}
            >
              {page.label}
            </a>
          ))}
        </nav>
      ) : null}
      <main className="demo-main" ref={mainRef} tabIndex={-1}>
        {campaigns.isError ? (
          <div className="demo-error" role="alert">
            <h1>Could not load campaigns</h1>
            <p>{campaigns.error.message}</p>
            <button type="button" className="demo-button" onClick={() => campaigns.refetch()}>
              Try again
            </button>
          </div>
        ) : !campaign ? (
          <p className="demo-muted" role="status">
            {campaigns.isPending ? 'Loading campaigns…' : 'No campaigns yet.'}
          </p>
        ) : route.page === 'referrers' ? (
          <ReferrersPage key={campaign.id} campaign={campaign} />
        ) : (
          <PromotePage key={campaign.id} campaign={campaign} />
        )}
      </main>
      <footer className="demo-footer">
        <p>
          A demo of <strong>Referkit</strong>: the Add Referrers modal and the Stripe sync, embedded
          in a sample dashboard.
        </p>
      </footer>
    </div>
  );
}
