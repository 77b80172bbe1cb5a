import type Stripe from 'stripe';
import type { ServerContext } from '../server-context';
import type { ConnectionRow } from '../store/connection-store';
import { UnreadableSecretError } from '../store/secret-box';
import { StripeCallError } from './call-stripe';
import { CUSTOMER_EVENT_TYPES } from './customer-event-types';
import { callConnectionStripe } from './tenant-stripe';

/** Where Stripe posts a connection's events, relative to where the handler is mounted. */
export function stripeWebhookPath(connectionId: string): string {
  return `/webhooks/stripe/${encodeURIComponent(connectionId)}`;
}

function wantsCustomerEvents(endpoint: Stripe.WebhookEndpoint, url: string): boolean {
  const events = new Set(endpoint.enabled_events);
  return (
    endpoint.url === url &&
    endpoint.status === 'enabled' &&
    (events.has('*') || CUSTOMER_EVENT_TYPES.every((type) => events.has(type)))
  );
}

/**
 * After Stripe is connected: when the server has `stripe.webhookBaseUrl`,
 * makes sure the connected account has a webhook endpoint for customer
 * events pointing at this connection's webhook route — the one registered
 * before if it is still there, else a new one (the one before, on this or the
 * previous account, is removed) — and stores its signing secret sealed.
 * Registration Stripe refuses (a restricted key without Webhook Endpoints
 * write, a URL Stripe cannot reach) is logged and leaves `webhook: 'none'`:
 * ongoing syncs then follow Stripe on their schedule only. Without
 * `webhookBaseUrl` nothing changes (a manual set-up stays `manual`).
 */
export async function registerWebhookEndpoint(
  ctx: ServerContext,
  connection: ConnectionRow,
  previous: ConnectionRow | null,
): Promise<ConnectionRow> {
  const base = ctx.options.stripe?.webhookBaseUrl;
  if (!base) return connection;
  const url = webhookUrl(base, connection.id);
  const before =
    previous?.webhook === 'registered' && previous.webhook_endpoint_id ? previous : null;
  if (
    before &&
    before.stripe_account_id === connection.stripe_account_id &&
    connection.webhook_secret_ciphertext &&
    // A secret sealed under a key the server no longer has: register afresh.
    ctx.secrets.canOpen(connection.webhook_secret_ciphertext)
  ) {
    const kept = await callConnectionStripe(ctx, connection, (stripe) =>
      stripe.webhookEndpoints.retrieve(before.webhook_endpoint_id as string),
    ).catch(() => null);
    if (kept && wantsCustomerEvents(kept, url)) return connection;
  }
  let endpoint: Stripe.WebhookEndpoint;
  try {
    endpoint = await callConnectionStripe(ctx, connection, (stripe) =>
      stripe.webhookEndpoints.create({
        url,
        enabled_events: CUSTOMER_EVENT_TYPES as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
        description: 'Referkit: ongoing syncs follow customer changes',
        metadata: { referkit_connection: connection.id },
      }),
    );
  } catch (error) {
    ctx.logger.warn(
      'Could not register a Stripe webhook endpoint: ongoing syncs follow Stripe on their schedule only',
      { connectionId: connection.id, error },
    );
    return (await setWebhook(ctx, connection.id, 'none', null, null)) ?? connection;
  }
  if (before && before.webhook_endpoint_id !== endpoint.id) {
    // On the same Stripe account the new key removes it (the old one may be unreadable).
    await removeWebhookEndpoint(ctx, {
      ...before,
      ...(before.stripe_account_id === connection.stripe_account_id
        ? { secret_ciphertext: connection.secret_ciphertext }
        : {}),
    });
  }
  // Endpoints an earlier connection of this tenant left behind (a crash between create and save).
  await removeReferkitEndpoints(ctx, connection, endpoint.id);
  return (
    (await setWebhook(ctx, connection.id, 'registered', endpoint.id, endpoint.secret ?? null)) ??
    connection
  );
}

/** The URL Stripe posts a connection's events to. */
function webhookUrl(base: string, connectionId: string): string {
  return `${base.replace(/\/+$/, '')}${stripeWebhookPath(connectionId)}`;
}

/**
 * Removes from the connected Stripe account every webhook endpoint Referkit
 * registered for this connection (its `referkit_connection` metadata, or its
 * URL) except `keepId`. Best effort: failures are logged.
 */
export async function removeReferkitEndpoints(
  ctx: ServerContext,
  connection: ConnectionRow,
  keepId: string | null,
): Promise<void> {
  const base = ctx.options.stripe?.webhookBaseUrl;
  const url = base ? webhookUrl(base, connection.id) : null;
  try {
    const ours: string[] = [];
    let startingAfter: string | undefined;
    for (;;) {
      const page = await callConnectionStripe(ctx, connection, (stripe) =>
        stripe.webhookEndpoints.list({
          limit: 100,
          ...(startingAfter ? { starting_after: startingAfter } : {}),
        }),
      );
      for (const endpoint of page.data) {
        const mine =
          endpoint.metadata?.referkit_connection === connection.id ||
          (url !== null && endpoint.url === url);
        if (mine && endpoint.id !== keepId) ours.push(endpoint.id);
      }
      if (!page.has_more || page.data.length === 0) break;
      startingAfter = page.data.at(-1)?.id;
    }
    for (const id of ours) {
      await callConnectionStripe(ctx, connection, (stripe) =>
        stripe.webhookEndpoints.del(id),
      ).catch((error) => {
        if (error instanceof StripeCallError && error.failure.kind === 'missing') return;
        throw error;
      });
    }
  } catch (error) {
    ctx.logger.warn('Could not remove the Stripe webhook endpoints Referkit registered', {
      connectionId: connection.id,
      error,
    });
  }
}

/** Removes a connection's registered endpoint from Stripe (best effort: a revoked key cannot). */
export async function removeWebhookEndpoint(
  ctx: ServerContext,
  connection: ConnectionRow,
): Promise<void> {
  const id = connection.webhook_endpoint_id;
  if (connection.webhook !== 'registered' || !id) return;
  await callConnectionStripe(ctx, connection, (stripe) => stripe.webhookEndpoints.del(id)).catch(
    (error) => {
      if (error instanceof UnreadableSecretError) {
        ctx.logger.warn(
          'Could not remove the Stripe webhook endpoint: the saved key is unreadable',
          {
            endpointId: id,
          },
        );
        return;
      }
      // Already gone (removed in the Dashboard, or a sandbox that started afresh): nothing to do.
      if (error instanceof StripeCallError && error.failure.kind === 'missing') return;
      ctx.logger.warn('Could not remove the Stripe webhook endpoint', { endpointId: id, error });
    },
  );
}

/** Records how a connection's events arrive, sealing the signing secret. */
export async function setWebhook(
  ctx: ServerContext,
  connectionId: string,
  webhook: ConnectionRow['webhook'],
  endpointId: string | null,
  secret: string | null,
): Promise<ConnectionRow | null> {
  return ctx.db.maybeOne<ConnectionRow>(
    `UPDATE referkit.stripe_connections SET webhook = $2, webhook_endpoint_id = $3,
       webhook_secret_ciphertext = $4, updated_at = now()
     WHERE id = $1 RETURNING *`,
    [connectionId, webhook, endpointId, secret ? ctx.secrets.seal(secret) : null],
  );
}
