import { z } from 'zod';
import {
  apiKeyResponseSchema,
  campaignResponseSchema,
  createApiKeyResponseSchema,
  createCampaignRequestSchema,
  importReferrersQuerySchema,
  importReferrersResponseSchema,
  listCampaignsResponseSchema,
  listReferrersQuerySchema,
  listReferrersResponseSchema,
  referrerResponseSchema,
} from './api-campaigns';
import {
  connectStripeRequestSchema,
  integrationResponseSchema,
  listFieldsResponseSchema,
  listIntegrationsResponseSchema,
  listObjectTypesResponseSchema,
  listSamplesResponseSchema,
  oauthStartResponseSchema,
  stripeModeSchema,
} from './api-integrations';
import {
  createSyncRequestSchema,
  deleteSyncQuerySchema,
  exportSyncOutcomesQuerySchema,
  listSyncOutcomesQuerySchema,
  listSyncOutcomesResponseSchema,
  listSyncRunsResponseSchema,
  listSyncsQuerySchema,
  listSyncsResponseSchema,
  syncResponseSchema,
  syncRunResponseSchema,
  updateSyncRequestSchema,
} from './api-syncs';
import { referrerInputSchema } from './referrer-draft';

/** Who may call a route. */
export type ApiRouteAuth =
  /** The host's `authenticate(request)` must return a tenant. */
  | 'tenant'
  /** A tenant, or the account's API key as `Authorization: Bearer refk_…`. */
  | 'tenant_or_api_key'
  /** Anyone (webhooks verify their own signature). */
  | 'none';

/** One endpoint of the HTTP contract shared by the server and the client. */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to where the host mounts the handler; `:name` marks a path parameter. */
  path: string;
  summary: string;
  auth: ApiRouteAuth;
  query?: z.ZodType | undefined;
  /** JSON body schema. Routes that stream another content type say so in `bodyType`. */
  body?: z.ZodType | undefined;
  bodyType?: 'application/json' | 'text/csv' | 'raw' | undefined;
  /** Success status. */
  status: 200 | 201 | 202 | 204 | 302;
  /** Success body schema; `null` for no body or a body of `responseType`. */
  response: z.ZodType | null;
  /** A success body that is not JSON (a CSV download). Default: JSON, or none. */
  responseType?: 'text/csv';
  /**
   * The route accepts an {@link IDEMPOTENCY_KEY_HEADER} header: a request
   * repeated with the same key (per tenant, for 24 hours) gets the first
   * one's answer and creates nothing more; the same key with a different
   * request is refused with 422 `idempotency_key_reused`, and while the first
   * is still being answered a repeat waits for it (409
   * `idempotency_key_in_use` if it takes too long). Default: `false`.
   */
  idempotent?: boolean;
}

/**
 * The request header that makes a create safe to retry: any string of 1–255
 * visible ASCII characters the client chose (a UUID per user action), on
 * routes marked `idempotent`.
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** How long the server remembers an `Idempotency-Key`, in seconds (24 hours, as Stripe). */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 60 * 60;

const samplesQuerySchema = z.object({
  /** How many recent records, 1–25. Default: 10. */
  limit: z.coerce.number().int().min(1).max(25).default(10),
});

/** Every endpoint of the Referkit HTTP API. */
export const API_ROUTES = {
  listIntegrations: {
    method: 'GET',
    path: '/integrations',
    summary: 'List integrations by category with their connection status',
    auth: 'tenant',
    status: 200,
    response: listIntegrationsResponseSchema,
  },
  connectStripe: {
    method: 'POST',
    path: '/integrations/stripe/connect',
    summary: 'Connect Stripe with a secret or restricted key, checked live before it is saved',
    auth: 'tenant',
    body: connectStripeRequestSchema,
    status: 200,
    response: integrationResponseSchema,
  },
  disconnectStripe: {
    method: 'DELETE',
    path: '/integrations/stripe',
    summary: 'Disconnect Stripe (syncs stop until it is connected again)',
    auth: 'tenant',
    status: 204,
    response: null,
  },
  startStripeOAuth: {
    method: 'POST',
    path: '/integrations/stripe/oauth/start',
    summary: 'Begin Stripe Connect OAuth; returns the URL to send the browser to',
    auth: 'tenant',
    body: z.object({ mode: stripeModeSchema, returnUrl: z.url().optional() }),
    status: 200,
    response: oauthStartResponseSchema,
  },
  stripeOAuthCallback: {
    method: 'GET',
    path: '/integrations/stripe/oauth/callback',
    summary: 'Where Stripe sends the browser back after OAuth consent; redirects to the return URL',
    auth: 'none',
    query: z.object({
      code: z.string().optional(),
      state: z.string(),
      error: z.string().optional(),
      error_description: z.string().optional(),
    }),
    status: 302,
    response: null,
  },
  listObjectTypes: {
    method: 'GET',
    path: '/integrations/stripe/object-types',
    summary: 'Object types that can become referrers',
    auth: 'tenant',
    status: 200,
    response: listObjectTypesResponseSchema,
  },
  listFields: {
    method: 'GET',
    path: '/integrations/stripe/object-types/:objectType/fields',
    summary: "An object type's fields, including metadata keys seen on recent records",
    auth: 'tenant',
    status: 200,
    response: listFieldsResponseSchema,
  },
  listSamples: {
    method: 'GET',
    path: '/integrations/stripe/object-types/:objectType/samples',
    summary: 'A few recent real records, for the name preview',
    auth: 'tenant',
    query: samplesQuerySchema,
    status: 200,
    response: listSamplesResponseSchema,
  },
  listCampaigns: {
    method: 'GET',
    path: '/campaigns',
    summary: 'List campaigns',
    auth: 'tenant',
    status: 200,
    response: listCampaignsResponseSchema,
  },
  createCampaign: {
    method: 'POST',
    path: '/campaigns',
    summary: 'Create a campaign',
    auth: 'tenant',
    body: createCampaignRequestSchema,
    idempotent: true,
    status: 201,
    response: campaignResponseSchema,
  },
  getCampaign: {
    method: 'GET',
    path: '/campaigns/:campaignId',
    summary: 'Get a campaign',
    auth: 'tenant',
    status: 200,
    response: campaignResponseSchema,
  },
  listReferrers: {
    method: 'GET',
    path: '/campaigns/:campaignId/referrers',
    summary: "List a campaign's referrers, searching by name or email",
    auth: 'tenant',
    query: listReferrersQuerySchema,
    status: 200,
    response: listReferrersResponseSchema,
  },
  createReferrer: {
    method: 'POST',
    path: '/campaigns/:campaignId/referrers',
    summary: 'Add one referrer (409 duplicate_email if the email is already in the campaign)',
    auth: 'tenant_or_api_key',
    body: referrerInputSchema,
    idempotent: true,
    status: 201,
    response: referrerResponseSchema,
  },
  deleteReferrer: {
    method: 'DELETE',
    path: '/campaigns/:campaignId/referrers/:referrerId',
    summary: 'Remove a referrer from a campaign',
    auth: 'tenant',
    status: 204,
    response: null,
  },
  importReferrers: {
    method: 'POST',
    path: '/campaigns/:campaignId/referrers/import',
    summary: 'Import referrers from a CSV body (streamed), with per-row results',
    auth: 'tenant',
    query: importReferrersQuerySchema,
    bodyType: 'text/csv',
    status: 200,
    response: importReferrersResponseSchema,
  },
  getApiKey: {
    method: 'GET',
    path: '/api-key',
    summary: "The account's API key (prefix only) and the endpoint it authorises",
    auth: 'tenant',
    status: 200,
    response: apiKeyResponseSchema,
  },
  createApiKey: {
    method: 'POST',
    path: '/api-key',
    summary: 'Create or rotate the API key; the previous key stops working',
    auth: 'tenant',
    status: 201,
    response: createApiKeyResponseSchema,
  },
  listSyncs: {
    method: 'GET',
    path: '/syncs',
    summary: 'List syncs, optionally of one campaign',
    auth: 'tenant',
    query: listSyncsQuerySchema,
    status: 200,
    response: listSyncsResponseSchema,
  },
  createSync: {
    method: 'POST',
    path: '/syncs',
    summary: 'Create a sync from a configuration and start its first run',
    auth: 'tenant',
    body: createSyncRequestSchema,
    idempotent: true,
    status: 201,
    response: syncResponseSchema,
  },
  getSync: {
    method: 'GET',
    path: '/syncs/:syncId',
    summary: "A sync with its current run's progress, last run and next run",
    auth: 'tenant',
    status: 200,
    response: syncResponseSchema,
  },
  updateSync: {
    method: 'PATCH',
    path: '/syncs/:syncId',
    summary: 'Change the mapping, or pause and resume an ongoing sync',
    auth: 'tenant',
    body: updateSyncRequestSchema,
    status: 200,
    response: syncResponseSchema,
  },
  deleteSync: {
    method: 'DELETE',
    path: '/syncs/:syncId',
    summary:
      'Delete a sync (its referrers stay); with removeLinks=true first take its links off Stripe, as a job (the sync shows `deleting` with a `remove_links` run until it is gone)',
    auth: 'tenant',
    query: deleteSyncQuerySchema,
    status: 204,
    response: null,
  },
  runSync: {
    method: 'POST',
    path: '/syncs/:syncId/runs',
    summary: 'Run a sync now',
    auth: 'tenant',
    idempotent: true,
    status: 202,
    response: syncRunResponseSchema,
  },
  cancelSync: {
    method: 'POST',
    path: '/syncs/:syncId/cancel',
    summary: 'Cancel the run in progress',
    auth: 'tenant',
    status: 200,
    response: syncResponseSchema,
  },
  listSyncRuns: {
    method: 'GET',
    path: '/syncs/:syncId/runs',
    summary: "A sync's run history, newest first",
    auth: 'tenant',
    status: 200,
    response: listSyncRunsResponseSchema,
  },
  listSyncOutcomes: {
    method: 'GET',
    path: '/syncs/:syncId/runs/:runId/outcomes',
    summary: 'What happened to each record in a run, filtered by outcome and searched by email',
    auth: 'tenant',
    query: listSyncOutcomesQuerySchema,
    status: 200,
    response: listSyncOutcomesResponseSchema,
  },
  exportSyncOutcomes: {
    method: 'GET',
    path: '/syncs/:syncId/runs/:runId/outcomes.csv',
    summary:
      "A run's outcomes as a CSV download (header row, the skip reason in words with how to fix it), streamed",
    auth: 'tenant',
    query: exportSyncOutcomesQuerySchema,
    status: 200,
    response: null,
    responseType: 'text/csv',
  },
  stripeWebhook: {
    method: 'POST',
    path: '/webhooks/stripe/:connectionId',
    summary: 'Stripe webhook endpoint: verified by signature over the raw body',
    auth: 'none',
    bodyType: 'raw',
    status: 200,
    response: z.object({ received: z.literal(true) }),
  },
} as const satisfies Record<string, ApiRoute>;

/** The name of a route in {@link API_ROUTES}, e.g. `createSync`. */
export type ApiRouteName = keyof typeof API_ROUTES;

/** The success body type of a route. */
export type ApiResponse<Name extends ApiRouteName> =
  (typeof API_ROUTES)[Name]['response'] extends z.ZodType
    ? z.infer<(typeof API_ROUTES)[Name]['response']>
    : undefined;

/**
 * Fills `:name` path parameters, URL-encoding each value; throws when one is missing.
 *
 * @param params - a value for every `:name` in `path`. Default: `{}`.
 */
export function buildApiPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(value);
  });
}

/**
 * Matches a request path against a route path, returning the decoded
 * parameters or `null`.
 */
export function matchApiPath(
  routePath: string,
  requestPath: string,
): Record<string, string> | null {
  const want = routePath.split('/');
  const got = requestPath.replace(/\/+$/, '').split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i] as string;
    const actual = got[i] as string;
    if (part.startsWith(':')) {
      if (actual === '') return null;
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (part !== actual) {
      return null;
    }
  }
  return params;
}
