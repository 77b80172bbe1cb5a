import { randomBytes } from 'node:crypto';
import {
  API_ERROR_MESSAGES,
  COMING_SOON_INTEGRATIONS,
  getStripeFields,
  getStripeObjectType,
  STRIPE_OBJECT_TYPES,
  type StripeMode,
} from '@referkit/core';
import Stripe from 'stripe';
import { ApiError, notFound } from '../api-error';
import type { ServerContext } from '../server-context';
import {
  type ConnectionRow,
  toStripeIntegration,
  type VerifiedConnection,
} from '../store/connection-store';
import { cancelRuns } from '../store/sync-store';
import { StripeCallError } from '../stripe/call-stripe';
import { createStripeClient } from '../stripe/stripe-client';
import {
  registerWebhookEndpoint,
  removeReferkitEndpoints,
  removeWebhookEndpoint,
} from '../stripe/stripe-webhook-endpoint';
import {
  callConnectionStripe,
  needsReconnect,
  recentCustomers,
  requireConnection,
} from '../stripe/tenant-stripe';
import { connectionProblem, verifyStripeKey } from '../stripe/verify-stripe-key';
import type { RouteImplementations } from './http-handler';
import { receiveStripeWebhook } from './receive-stripe-webhook';
import { checkReturnUrl } from './trusted-origins';

const OAUTH_STATE_TTL_MINUTES = 15;

/** Re-checks a saved key when its last check is older than the configured interval. */
async function recheck(ctx: ServerContext, connection: ConnectionRow): Promise<ConnectionRow> {
  if (!ctx.connections.readable(connection)) {
    await needsReconnect(ctx, connection);
    return (await ctx.connections.get(connection.account_id)) ?? connection;
  }
  const age = (Date.now() - connection.checked_at.getTime()) / 1000;
  if (age < ctx.limits.recheckSeconds) return connection;
  try {
    await callConnectionStripe(ctx, connection, (stripe) => stripe.customers.list({ limit: 1 }), {
      retries: 1,
      maxRetryTimeMs: 5000,
    });
    return (await ctx.connections.markChecked(connection.id, null)) ?? connection;
  } catch (error) {
    const problem = error instanceof StripeCallError ? connectionProblem(error.failure) : null;
    if (!problem) return connection; // Stripe unreachable: keep the last known status.
    return (await ctx.connections.markChecked(connection.id, problem)) ?? connection;
  }
}

/**
 * Saves a verified connection for a tenant, then registers its webhook
 * endpoint (when the server has `stripe.webhookBaseUrl`); syncs of a tenant
 * that switched Stripe accounts forget their event cursor (their next run is
 * full); ongoing syncs that were failing (a revoked key, say) get a fresh
 * start: active again and due at the next tick of the scheduler. One
 * connection change of a tenant at a time, so concurrent connects register
 * one webhook endpoint.
 */
async function saveConnection(
  ctx: ServerContext,
  accountId: string,
  verified: VerifiedConnection,
): Promise<ConnectionRow> {
  return ctx.connections.exclusive(accountId, () => saveConnectionNow(ctx, accountId, verified));
}

async function saveConnectionNow(
  ctx: ServerContext,
  accountId: string,
  verified: VerifiedConnection,
): Promise<ConnectionRow> {
  const previous = await ctx.connections.get(accountId);
  const saved = await ctx.connections.save(accountId, verified);
  const row = await registerWebhookEndpoint(ctx, saved, previous);
  if (previous && previous.stripe_account_id !== saved.stripe_account_id) {
    // Another Stripe account: its events are another stream, so the next runs read everything.
    await ctx.db.pool.query(
      `UPDATE referkit.syncs SET events_cursor_created = NULL, events_cursor_id = NULL
       WHERE account_id = $1`,
      [accountId],
    );
  }
  await ctx.db.pool.query(
    `UPDATE referkit.syncs SET status = 'active', status_reason = NULL, next_run_at = now(),
       updated_at = now()
     WHERE account_id = $1 AND status = 'failing' AND config->>'syncType' = 'ongoing'`,
    [accountId],
  );
  return row;
}

function oauthRedirectUrl(ctx: ServerContext, url: URL): string {
  return (
    ctx.options.stripe?.oauth?.redirectUrl ??
    `${url.origin}${ctx.basePath}/integrations/stripe/oauth/callback`
  );
}

function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { location, 'cache-control': 'no-store' } });
}

function withQuery(base: string, values: Record<string, string>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(values)) url.searchParams.set(key, value);
  return url.toString();
}

/** The integration routes: the Sync screen, connecting Stripe, discovery, webhooks. */
export function integrationRoutes(
  ctx: ServerContext,
): Pick<
  RouteImplementations,
  | 'listIntegrations'
  | 'connectStripe'
  | 'disconnectStripe'
  | 'startStripeOAuth'
  | 'stripeOAuthCallback'
  | 'listObjectTypes'
  | 'listFields'
  | 'listSamples'
  | 'stripeWebhook'
> {
  const oauthAvailable = Boolean(ctx.options.stripe?.oauth);
  return {
    async listIntegrations({ tenant }) {
      const saved = await ctx.connections.get(tenant.accountId);
      const connection = saved ? await recheck(ctx, saved) : null;
      return {
        integrations: [
          toStripeIntegration(connection, oauthAvailable),
          ...COMING_SOON_INTEGRATIONS.map((entry) => ({
            ...entry,
            available: false,
            status: 'not_connected' as const,
            connection: null,
            error: null,
            oauthAvailable: false,
          })),
        ],
      };
    },

    async connectStripe({ tenant, body }) {
      const verified = await verifyStripeKey(body.secretKey, body.mode, ctx.stripeClient);
      const row = await saveConnection(ctx, tenant.accountId, verified);
      return { integration: toStripeIntegration(row, oauthAvailable) };
    },

    async disconnectStripe({ tenant }) {
      await ctx.connections.exclusive(tenant.accountId, async () => {
        const connection = await ctx.connections.get(tenant.accountId);
        if (connection && !ctx.connections.readable(connection)) {
          if (connection.webhook === 'registered') {
            await needsReconnect(ctx, connection);
            throw new ApiError(
              'integration_not_connected',
              'Reconnect Stripe first, then disconnect: the saved key was sealed under an encryption key this server no longer has, so the webhook endpoint Referkit registered on your Stripe account cannot be removed with it.',
            );
          }
        } else if (connection) {
          await removeWebhookEndpoint(ctx, connection);
          await removeReferkitEndpoints(ctx, connection, null);
        }
        await ctx.db.transaction(async (client) => {
          await cancelRuns(client, 'account_id = $1', [tenant.accountId]);
          await client.query('DELETE FROM referkit.stripe_connections WHERE account_id = $1', [
            tenant.accountId,
          ]);
        });
      });
      return undefined;
    },

    async startStripeOAuth({ tenant, body, url }) {
      const oauth = ctx.options.stripe?.oauth;
      if (!oauth) {
        throw new ApiError('stripe_oauth_not_configured', API_ERROR_MESSAGES.oauthNotConfigured);
      }
      const returnUrl =
        body.returnUrl === undefined
          ? null
          : checkReturnUrl(body.returnUrl, url, ctx.trustedOrigins);
      const state = randomBytes(24).toString('base64url');
      await ctx.db.pool.query(
        `DELETE FROM referkit.oauth_states WHERE created_at < now() - make_interval(mins => $1)`,
        [OAUTH_STATE_TTL_MINUTES],
      );
      await ctx.db.pool.query(
        'INSERT INTO referkit.oauth_states (state, account_id, mode, return_url) VALUES ($1, $2, $3, $4)',
        [state, tenant.accountId, body.mode, returnUrl],
      );
      const authorize = new URL(`${ctx.connectBase}/oauth/authorize`);
      authorize.searchParams.set('response_type', 'code');
      authorize.searchParams.set('client_id', oauth.clientId);
      authorize.searchParams.set('scope', 'read_write');
      authorize.searchParams.set('state', state);
      authorize.searchParams.set('redirect_uri', oauthRedirectUrl(ctx, url));
      return { url: authorize.toString() };
    },

    async stripeOAuthCallback({ query, url, request }) {
      // The browser coming back must be signed in as the tenant that started
      // connecting: a link started by one tenant and consented to by another
      // merchant never saves that merchant's account to the first tenant.
      const signedIn = await ctx.options.authenticate(request);
      if (!signedIn || typeof signedIn.accountId !== 'string' || signedIn.accountId === '') {
        throw new ApiError(
          'unauthorized',
          'Sign in to the app, then connect Stripe again: the Stripe connection must finish in the account that started it.',
        );
      }
      const pending = await ctx.db.maybeOne<{
        account_id: string;
        mode: StripeMode;
        return_url: string | null;
      }>(
        `DELETE FROM referkit.oauth_states
         WHERE state = $1 AND account_id = $2 AND created_at > now() - make_interval(mins => $3)
         RETURNING account_id, mode, return_url`,
        [query.state, signedIn.accountId, OAUTH_STATE_TTL_MINUTES],
      );
      if (!pending) {
        throw new ApiError(
          'stripe_oauth_failed',
          'This Stripe connection link has expired, was already used, or was started by another account. Start connecting again from your own account.',
        );
      }
      const back = pending.return_url ?? `${url.origin}/`;
      const oauth = ctx.options.stripe?.oauth;
      if (query.error || !query.code || !oauth) {
        // Stripe's own words are not passed on: the query string is anyone's to write.
        return redirect(
          withQuery(back, {
            stripe_oauth: 'error',
            message:
              query.error === 'access_denied'
                ? 'Connecting was cancelled on Stripe: nothing was connected.'
                : 'Stripe did not connect the account. Try connecting again.',
          }),
        );
      }
      try {
        const platform = createStripeClient(oauth.secretKey, ctx.stripeClient);
        const token = await platform.oauth.token({
          grant_type: 'authorization_code',
          code: query.code,
        });
        if (!token.access_token) throw new Error('Stripe returned no access token');
        const verified = await verifyStripeKey(
          token.access_token,
          pending.mode,
          ctx.stripeClient,
          'oauth',
        );
        await saveConnection(ctx, pending.account_id, verified);
        return redirect(withQuery(back, { stripe_oauth: 'connected' }));
      } catch (error) {
        const message =
          error instanceof ApiError
            ? error.message
            : error instanceof Stripe.errors.StripeError
              ? 'Stripe refused the authorisation code: it may have expired. Try connecting again.'
              : 'Connecting with Stripe failed. Try again.';
        ctx.logger.warn('Stripe OAuth callback failed', { error });
        return redirect(withQuery(back, { stripe_oauth: 'error', message }));
      }
    },

    async listObjectTypes({ tenant }) {
      await requireConnection(ctx, tenant.accountId);
      return {
        objectTypes: STRIPE_OBJECT_TYPES.map(({ id, label, description }) => ({
          id,
          label,
          description,
        })),
      };
    },

    async listFields({ tenant, params }) {
      const type = getStripeObjectType(params.objectType ?? '');
      if (!type) throw notFound(`Object type "${params.objectType}"`);
      const connection = await requireConnection(ctx, tenant.accountId);
      const records = await recentCustomers(ctx, connection, 100);
      return { fields: getStripeFields(type.id, records) };
    },

    async listSamples({ tenant, params, query }) {
      const type = getStripeObjectType(params.objectType ?? '');
      if (!type) throw notFound(`Object type "${params.objectType}"`);
      const connection = await requireConnection(ctx, tenant.accountId);
      return { records: await recentCustomers(ctx, connection, query.limit) };
    },

    async stripeWebhook({ params, request }) {
      return receiveStripeWebhook(ctx, params.connectionId ?? '', request);
    },
  };
}
