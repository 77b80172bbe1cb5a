import {
  INTEGRATION_CATEGORY_IDS,
  type Integration,
  type IntegrationCategory,
} from '@referkit/core';
import { useIntegrations } from '@referkit/react';
import { lazy, Suspense, useId, useState } from 'react';
import { ErrorAlert } from './error-alert';
import { useRootProps } from './referkit-theme';
import { type HeadingLevel, StepHeader } from './step-header';
import { syncMessages } from './sync-messages';
import { useMessages } from './use-messages';

// The connect dialog (its form, key checks and strings) loads the first time it opens.
const LazyConnectStripeDialog = lazy(() =>
  import('./connect-stripe-dialog').then((module) => ({ default: module.ConnectStripeDialog })),
);

/** Props of {@link SyncFromIntegration}. */
export interface SyncFromIntegrationProps {
  /**
   * Called when a connected integration is chosen, and right after one is
   * connected: the host (or the modal) shows its wizard.
   */
  onIntegrationSelect?: ((integration: Integration) => void) | undefined;
  /** Called when the connect dialog has connected an integration. */
  onConnected?: ((integration: Integration) => void) | undefined;
  /** Where "Connect with Stripe" sends the browser. Default: `window.location.assign(url)`. */
  onOAuthRedirect?: ((url: string) => void) | undefined;
  /** Which categories show, in this order. Default: every category (Payment, CRM, Email Marketing). */
  categories?: readonly IntegrationCategory[] | undefined;
  /** Only these integrations (by id, e.g. `['stripe']`). Default: every integration the server lists. */
  integrationIds?: readonly string[] | undefined;
  /**
   * Integrations that are not available yet: `'coming_soon'` lists them with a
   * "Coming soon" badge, `'hide'` leaves them (and a category left empty) out.
   * Default: `'coming_soon'`.
   */
  unavailable?: 'coming_soon' | 'hide' | undefined;
  /** Level of the screen's heading; categories are one below. Default: `2`. */
  headingLevel?: HeadingLevel | undefined;
  className?: string | undefined;
}

/** The host's choice of integrations on the Sync screen: see {@link SyncFromIntegrationProps}. */
export type IntegrationListOptions = Pick<
  SyncFromIntegrationProps,
  'categories' | 'integrationIds' | 'unavailable'
>;

/**
 * The Sync screen, "Sync from Integration": Payment Integration, CRM and
 * Email Marketing, listing what the server reports. Integrations marked
 * unavailable show "Coming soon" and are not buttons; Stripe says "Not
 * connected yet" until connected, and choosing it opens the connect dialog.
 */
export function SyncFromIntegration({
  onIntegrationSelect,
  onConnected,
  onOAuthRedirect,
  categories = INTEGRATION_CATEGORY_IDS,
  integrationIds,
  unavailable = 'coming_soon',
  headingLevel = 2,
  className,
}: SyncFromIntegrationProps) {
  const t = useMessages(syncMessages);
  const root = useRootProps(undefined, 'rk-integrations', className);
  const id = useId();
  const query = useIntegrations();
  const [connecting, setConnecting] = useState<Integration | null>(null);
  // Stays mounted after its first opening, so that closing it animates and returns focus.
  const [connectOpened, setConnectOpened] = useState(false);
  const CategoryHeading = `h${Math.min(headingLevel + 1, 6)}` as 'h3';
  const integrations = (query.data?.integrations ?? []).filter(
    (integration) =>
      (!integrationIds || integrationIds.includes(integration.id)) &&
      (unavailable === 'coming_soon' || integration.available),
  );

  const choose = (integration: Integration) => {
    if (integration.id === 'stripe' && integration.status !== 'connected') {
      setConnecting(integration);
      setConnectOpened(true);
    } else {
      onIntegrationSelect?.(integration);
    }
  };

  return (
    <section aria-labelledby={id} {...root} data-slot="sync-from-integration">
      <StepHeader
        id={id}
        level={headingLevel}
        title={t('sync.title')}
        description={t('sync.description')}
      />
      {query.error ? (
        <ErrorAlert onRetry={() => void query.refetch()}>
          <p>{t('sync.loadError', { message: query.error.message })}</p>
        </ErrorAlert>
      ) : query.isPending ? (
        <p className="rk-loading" role="status">
          {t('sync.loading')}
        </p>
      ) : (
        categories.map((category) => {
          const items = integrations.filter((integration) => integration.category === category);
          if (items.length === 0 && unavailable === 'hide') return null;
          const headingId = `${id}-${category}`;
          return (
            <section
              key={category}
              aria-labelledby={headingId}
              className="rk-category"
              data-slot="integration-category"
              data-category={category}
            >
              <CategoryHeading id={headingId} className="rk-category-title">
                {t(`sync.category.${category}`)}
              </CategoryHeading>
              {items.length === 0 ? (
                <p className="rk-muted">{t('sync.categoryEmpty')}</p>
              ) : (
                <ul className="rk-integration-list">
                  {items.map((integration) => (
                    <li key={integration.id}>
                      <IntegrationCard integration={integration} onChoose={choose} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })
      )}
      {connectOpened ? (
        <Suspense fallback={null}>
          <LazyConnectStripeDialog
            open={connecting !== null}
            onOpenChange={(open) => {
              if (!open) setConnecting(null);
            }}
            integration={connecting ?? undefined}
            onOAuthRedirect={onOAuthRedirect}
            onConnected={(integration) => {
              setConnecting(null);
              onConnected?.(integration);
              onIntegrationSelect?.(integration);
            }}
          />
        </Suspense>
      ) : null}
    </section>
  );
}

function IntegrationCard({
  integration,
  onChoose,
}: {
  integration: Integration;
  onChoose: (integration: Integration) => void;
}) {
  const t = useMessages(syncMessages);
  const logo = (
    <span className="rk-integration-logo" aria-hidden="true" data-integration={integration.id}>
      {integration.name.slice(0, 1)}
    </span>
  );
  if (!integration.available) {
    return (
      <div className="rk-integration" data-slot="integration" data-state="coming-soon">
        {logo}
        <span className="rk-integration-text">
          <span className="rk-integration-name">{integration.name}</span>
          <span className="rk-badge">{t('sync.comingSoon')}</span>
        </span>
      </div>
    );
  }
  const connection = integration.connection;
  const status =
    integration.status === 'connected' && connection
      ? t('sync.status.connected', {
          account: connection.accountName,
          mode: t(`connect.mode.${connection.mode}`),
        })
      : integration.status === 'error'
        ? t('sync.status.error', { error: integration.error ?? '' })
        : t('sync.status.not_connected');
  return (
    <button
      type="button"
      className="rk-integration"
      data-slot="integration"
      data-state={integration.status}
      onClick={() => onChoose(integration)}
    >
      {logo}
      <span className="rk-integration-text">
        <span className="rk-integration-name">{integration.name}</span>{' '}
        <span className="rk-badge" data-variant={integration.status}>
          {status}
        </span>
      </span>
    </button>
  );
}
