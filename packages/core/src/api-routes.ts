import { z } from 'zod';
import {
  createCampaignRequestSchema,
  importReferrersQuerySchema,
  listReferrersQuerySchema,
} from './api-campaign-requests';
import { previewCsvQuerySchema } from './api-csv-preview';
import { API_ENDPOINTS } from './api-endpoints';
import { connectStripeRequestSchema, stripeModeSchema } from './api-integrations';
import { API_RESPONSES } from './api-responses';
import {
  createSyncRequestSchema,
  deleteSyncQuerySchema,
  exportSyncOutcomesQuerySchema,
  listSyncOutcomesQuerySchema,
  listSyncsQuerySchema,
  updateSyncRequestSchema,
} from './api-sync-requests';
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
    ...API_ENDPOINTS.listIntegrations,
    summary: 'List integrations by category with their connection status',
    auth: 'tenant',
    status: 200,
    response: API_RESPONSES.listIntegrations,
  },
  connectStripe: {
    ...API_ENDPOINTS.connectStripe,
    summary: 'Connect Stripe with a secret or restricted key, checked live before it is saved',
    auth: 'tenant',
    body: connectStripeRequestSchema,
    status: 200,
    response: API_RESPONSES.connectStripe,
  },
  disconnectStripe: {
    ...API_ENDPOINTS.disconnectStripe,
    summary: 'Disconnect Stripe (syncs stop until it is connected again)',
    auth: 'tenant',
    status: 204,
    response: API_RESPONSES.disconnectStripe,
  },
  startStripeOAuth: {
    ...API_ENDPOINTS.startStripeOAuth,
    summary: 'Begin Stripe Connect OAuth; returns the URL to send the browser to',
    auth: 'tenant',
    body: z.object({ mode: stripeModeSchema, returnUrl: z.url().optional() }),
    status: 200,
    response: API_RESPONSES.startStripeOAuth,
  },
  stripeOAuthCallback: {
    ...API_ENDPOINTS.stripeOAuthCallback,
    summary: 'Where Stripe sends the browser back after OAuth consent; redirects to the return URL',
    auth: 'none',
    query: z.object({
      code: z.string().optional(),
      state: z.string(),
      error: z.string().optional(),
      error_description: z.string().optional(),
    }),
    status: 302,
    response: API_RESPONSES.stripeOAuthCallback,
  },
  listObjectTypes: {
    ...API_ENDPOINTS.listObjectTypes,
    summary: 'Object types that can become referrers',
    auth: 'tenant',
    status: 200,
    response: API_RESPONSES.listObjectTypes,
  },
  listFields: {
    ...API_ENDPOINTS.listFields,
    summary: "An object type's fields, including metadata keys seen on recent records",
    auth: 'tenant',
    status: 200,
    response: API_RESPONSES.listFields,
  },
  listSamples: {
    ...API_ENDPOINTS.listSamples,
    summary: 'A few recent real records, for the name preview',
    auth: 'tenant',
    query: samplesQuerySchema,
    status: 200,
    response: API_RESPONSES.listSamples,
  },
  listCampaigns: {
    ...API_ENDPOINTS.listCampaigns,
    summary: 'List campaigns',
    auth: 'tenant',
    status: 200,
    response: API_RESPONSES.listCampaigns,
  },
  createCampaign: {
    ...API_ENDPOINTS.createCampaign,
    summary: 'Create a campaign',
    auth: 'tenant',
    body: createCampaignRequestSchema,
    idempotent: true,
    status: 201,
    response: API_RESPONSES.createCampaign,
  },
  getCampaign: {
    ...API_ENDPOINTS.getCampaign,
    summary: 'Get a campaign',
    auth: 'tenant',
    status: 200,
    response: API_RESPONSES.getCampaign,
  },
  listReferrers: {
    ...API_ENDPOINTS.listReferrers,
    summary: "List a campaign's referrers, searching by name or email",
    auth: 'tenant',
    query: listReferrersQuerySchema,
    status: 200,
    response: API_RESPONSES.listReferrers,
  },
  createReferrer: {
    ...API_ENDPOINTS.createReferrer,
    summary: 'Add one referrer (409 duplicate_email if the email is already in the campaign)',
    auth: 'tenant_or_api_key',
    body: referrerInputSchema,
    idempotent: true,
    status: 201,
    response: API_RESPONSES.createReferrer,
  },
  deleteReferrer: {
    ...API_ENDPOINTS.deleteReferrer,
    summary: 'Remove a referrer from a campaign',
    auth: 'tenant',
    status: 204,
    response: API_RESPONSES.deleteReferrer,
  },
  importReferrers: {
    ...API_ENDPOINTS.importReferrers,
    summary: 'Import referrers from a CSV body (streamed), with per-row results',
    auth: 'tenant',
    query: importReferrersQuerySchema,
    bodyType: 'text/csv',
    status: 200,
    response: API_RESPONSES.importReferrers,
  },
  previewCsv: {
    ...API_ENDPOINTS.previewCsv,
    summary:
      "Preview a CSV file's start as the import will read it: its first rows, dialect, header row and guessed columns, or why it cannot be imported",
    auth: 'tenant',
    query: previewCsvQuerySchema,
    bodyType: 'text/csv',
    status: 200,
    response: API_RESPONSES.previewCsv,
  },
  getApiKey: {
    ...API_ENDPOINTS.getApiKey,
    summary: "The account's API key (prefix only) and the endpoint it authorises",
    auth: 'tenant',
    status: 200,
    response: API_RESPONSES.getApiKey,
  },
  createApiKey: {
    ...API_ENDPOINTS.createApiKey,
    summary: 'Create or rotate the API key; the previous key stops working',
    auth: 'tenant',
    status: 201,
    response: API_RESPONSES.createApiKey,
  },
  listSyncs: {
    ...API_ENDPOINTS.listSyncs,
    summary: 'List syncs, optionally of one campaign',
    auth: 'tenant',
    query: listSyncsQuerySchema,
    status: 200,
    response: API_RESPONSES.listSyncs,
  },
  createSync: {
    ...API_ENDPOINTS.createSync,
    summary: 'Create a sync from a configuration and start its first run',
    auth: 'tenant',
    body: createSyncRequestSchema,
    idempotent: true,
    status: 201,
    response: API_RESPONSES.createSync,
  },
  getSync: {
    ...API_ENDPOINTS.getSync,
    summary: "A sync with its current run's progress, last run and next run",
    auth: 'tenant',
    status: 200,
    response: API_RESPONSES.getSync,
  },
  updateSync: {
    ...API_ENDPOINTS.updateSync,
    summary: 'Change the mapping, or pause and resume an ongoing sync',
    auth: 'tenant',
    body: updateSyncRequestSchema,
    status: 200,
    response: API_RESPONSES.updateSync,
  },
  deleteSync: {
    ...API_ENDPOINTS.deleteSync,
    summary:
      'Delete a sync (its referrers stay); with removeLinks=true first take its links off Stripe, as a job (the sync shows `deleting` with a `remove_links` run until it is gone)',
    auth: 'tenant',
    query: deleteSyncQuerySchema,
    status: 204,
    response: API_RESPONSES.deleteSync,
  },
  runSync: {
    ...API_ENDPOINTS.runSync,
    summary: 'Run a sync now',
    auth: 'tenant',
    idempotent: true,
    status: 202,
    response: API_RESPONSES.runSync,
  },
  cancelSync: {
    ...API_ENDPOINTS.cancelSync,
    summary: 'Cancel the run in progress',
    auth: 'tenant',
    status: 200,
    response: API_RESPONSES.cancelSync,
  },
  listSyncRuns: {
    ...API_ENDPOINTS.listSyncRuns,
    summary: "A sync's run history, newest first",
    auth: 'tenant',
    status: 200,
    response: API_RESPONSES.listSyncRuns,
  },
  listSyncOutcomes: {
    ...API_ENDPOINTS.listSyncOutcomes,
    summary: 'What happened to each record in a run, filtered by outcome and searched by email',
    auth: 'tenant',
    query: listSyncOutcomesQuerySchema,
    status: 200,
    response: API_RESPONSES.listSyncOutcomes,
  },
  exportSyncOutcomes: {
    ...API_ENDPOINTS.exportSyncOutcomes,
    summary:
      "A run's outcomes as a CSV download (header row, the skip reason in words with how to fix it), streamed",
    auth: 'tenant',
    query: exportSyncOutcomesQuerySchema,
    status: 200,
    response: API_RESPONSES.exportSyncOutcomes,
    responseType: 'text/csv',
  },
  stripeWebhook: {
    ...API_ENDPOINTS.stripeWebhook,
    summary: 'Stripe webhook endpoint: verified by signature over the raw body',
    auth: 'none',
    bodyType: 'raw',
    status: 200,
    response: API_RESPONSES.stripeWebhook,
  },
} as const satisfies Record<string, ApiRoute>;

/** The name of a route in {@link API_ROUTES}, e.g. `createSync`. */
export type ApiRouteName = keyof typeof API_ROUTES;

/** The success body type of a route. */
export type ApiResponse<Name extends ApiRouteName> =
  (typeof API_ROUTES)[Name]['response'] extends z.ZodType
    ? z.infer<(typeof API_ROUTES)[Name]['response']>
    : undefined;
