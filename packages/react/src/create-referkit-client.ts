import {
  API_ENDPOINTS,
  type API_ROUTES,
  type ApiResponse,
  type ApiRouteName,
  buildApiPath,
  type ConnectStripeRequest,
  type CreateCampaignRequest,
  type CreateSyncRequest,
  CSV_PREVIEW_BYTES,
  type CsvColumnTarget,
  type ObjectType,
  type ReferrerInputBody,
  type SyncConfig,
} from '@referkit/core';
import type { z } from 'zod';
import { blobBytes } from './blob-bytes';
import { ReferkitApiError } from './referkit-api-error';

/** The routes a browser client calls (the OAuth callback and webhooks are for Stripe). */
export type ReferkitClientRouteName = Exclude<
  ApiRouteName,
  'stripeOAuthCallback' | 'stripeWebhook'
>;

type QueryOf<Name extends ApiRouteName> = (typeof API_ROUTES)[Name] extends {
  query: infer Schema extends z.ZodType;
}
  ? Partial<z.output<Schema>>
  : never;

/** Query of `listSamples`: `limit` 1–25 (default 10). */
export type ListSamplesQuery = QueryOf<'listSamples'>;
/** Query of `listReferrers`: `q` searches name and email, `cursor` pages, `limit` 1–100 (default 25). */
export type ListReferrersQuery = QueryOf<'listReferrers'>;
/** Query of `listSyncs`: `campaignId` keeps one campaign's syncs. */
export type ListSyncsQuery = QueryOf<'listSyncs'>;
/**
 * Query of `listSyncOutcomes`: `outcome` filters, `q` searches emails (and
 * names), `cursor` pages, `limit` 1–500 (default 100).
 */
export type ListSyncOutcomesQuery = QueryOf<'listSyncOutcomes'>;
/** Query of `exportSyncOutcomes`: the `outcome` filter and `q` email search. */
export type ExportSyncOutcomesQuery = QueryOf<'exportSyncOutcomes'>;
/** Options of `deleteSync`. */
export interface DeleteSyncOptions {
  /** Also take the sync's links off Stripe (a job with progress). Default: `false`. */
  removeLinks?: boolean | undefined;
}
/** Body of `startStripeOAuth`. */
export type StartStripeOAuthRequest = z.input<(typeof API_ROUTES)['startStripeOAuth']['body']>;
/** Body of `updateSync`: a new configuration (checked like on create) and/or pause/resume. */
export interface UpdateSyncRequest {
  config?: SyncConfig | undefined;
  paused?: boolean | undefined;
}

/** Options of a `POST` that creates something (a sync, a referrer, a campaign). */
export interface CreateRequestOptions {
  /**
   * Sent as the `Idempotency-Key` header: a retried or doubled request with
   * the same key creates one thing. Generate one per user action and reuse it
   * when retrying that action. Default: none.
   */
  idempotencyKey?: string | undefined;
}

/** Options of `importReferrers` besides the CSV itself. */
export interface ImportReferrersOptions {
  /** The referrer field of each column, in order; `skip` for "Do Not Map Column". */
  columns: readonly CsvColumnTarget[];
  /** Skip the first row (a header row). Default: `false`. */
  ignoreFirstRow?: boolean | undefined;
}

/** Options of {@link createReferkitClient}. */
export interface ReferkitClientOptions {
  /**
   * Where the host mounted the Referkit handler: a path on this origin
   * (`/api/referkit`) or an absolute URL. A trailing slash is ignored.
   */
  baseUrl: string;
  /**
   * The `fetch` to use. Default: `globalThis.fetch`, looked up on every
   * request (so test interceptors installed later still apply).
   */
  fetch?: typeof fetch | undefined;
  /**
   * Headers sent with every request, e.g. an `Authorization` header; a
   * function is called before each request (it may be async, to refresh a
   * token). Default: none.
   */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>) | undefined;
  /** `fetch`'s `credentials`. Default: `'same-origin'` (cookies on same-origin requests). */
  credentials?: RequestCredentials | undefined;
}

/**
 * A typed client of the Referkit HTTP API: one method per route of core's
 * `API_ROUTES`, named like the route. Each resolves with the route's success
 * body, parsed with its response schema, and rejects with a
 * {@link ReferkitApiError}.
 */
export interface ReferkitClient {
  /** The base URL requests go to, without a trailing slash. */
  readonly baseUrl: string;
  listIntegrations(): Promise<ApiResponse<'listIntegrations'>>;
  connectStripe(body: ConnectStripeRequest): Promise<ApiResponse<'connectStripe'>>;
  disconnectStripe(): Promise<void>;
  startStripeOAuth(body: StartStripeOAuthRequest): Promise<ApiResponse<'startStripeOAuth'>>;
  listObjectTypes(): Promise<ApiResponse<'listObjectTypes'>>;
  listFields(objectType: ObjectType): Promise<ApiResponse<'listFields'>>;
  listSamples(
    objectType: ObjectType,
    query?: ListSamplesQuery,
  ): Promise<ApiResponse<'listSamples'>>;
  listCampaigns(): Promise<ApiResponse<'listCampaigns'>>;
  createCampaign(
    body: CreateCampaignRequest,
    options?: CreateRequestOptions,
  ): Promise<ApiResponse<'createCampaign'>>;
  getCampaign(campaignId: string): Promise<ApiResponse<'getCampaign'>>;
  listReferrers(
    campaignId: string,
    query?: ListReferrersQuery,
  ): Promise<ApiResponse<'listReferrers'>>;
  createReferrer(
    campaignId: string,
    body: ReferrerInputBody,
    options?: CreateRequestOptions,
  ): Promise<ApiResponse<'createReferrer'>>;
  deleteReferrer(campaignId: string, referrerId: string): Promise<void>;
  importReferrers(
    campaignId: string,
    csv: Blob | string,
    options: ImportReferrersOptions,
  ): Promise<ApiResponse<'importReferrers'>>;
  /**
   * Previews a CSV file as the import will read it: sends the file's first
   * `CSV_PREVIEW_BYTES` (64 KiB) and its size, and resolves with its first
   * rows, dialect, header row and guessed columns — or the problem the
   * import would refuse it with. The browser never parses the file itself.
   */
  previewCsv(campaignId: string, file: Blob): Promise<ApiResponse<'previewCsv'>>;
  getApiKey(): Promise<ApiResponse<'getApiKey'>>;
  createApiKey(): Promise<ApiResponse<'createApiKey'>>;
  listSyncs(query?: ListSyncsQuery): Promise<ApiResponse<'listSyncs'>>;
  createSync(
    body: CreateSyncRequest,
    options?: CreateRequestOptions,
  ): Promise<ApiResponse<'createSync'>>;
  getSync(syncId: string): Promise<ApiResponse<'getSync'>>;
  updateSync(syncId: string, body: UpdateSyncRequest): Promise<ApiResponse<'updateSync'>>;
  /**
   * Deletes a sync; its referrers stay. With `removeLinks` the server first
   * takes its links off Stripe as a job: the sync shows `deleting` with a
   * `remove_links` run until it is gone.
   */
  deleteSync(syncId: string, options?: DeleteSyncOptions): Promise<void>;
  runSync(syncId: string, options?: CreateRequestOptions): Promise<ApiResponse<'runSync'>>;
  cancelSync(syncId: string): Promise<ApiResponse<'cancelSync'>>;
  listSyncRuns(syncId: string): Promise<ApiResponse<'listSyncRuns'>>;
  listSyncOutcomes(
    syncId: string,
    runId: string,
    query?: ListSyncOutcomesQuery,
  ): Promise<ApiResponse<'listSyncOutcomes'>>;
  /**
   * The URL of a run's outcomes as a CSV download (`exportSyncOutcomes`), for
   * a link: the same `outcome` filter and `q` search as the list.
   */
  syncOutcomesCsvUrl(syncId: string, runId: string, query?: ExportSyncOutcomesQuery): string;
}

interface RequestParts {
  params?: Record<string, string> | undefined;
  query?: Record<string, string | number | boolean | null | undefined> | undefined;
  json?: unknown | undefined;
  csv?: Blob | string | undefined;
  idempotencyKey?: string | undefined;
}

function queryString(query: RequestParts['query']): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Creates the typed API client.
 *
 * ```ts
 * const client = createReferkitClient({ baseUrl: '/api/referkit' });
 * const { integrations } = await client.listIntegrations();
 * ```
 */
export function createReferkitClient(options: ReferkitClientOptions): ReferkitClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  async function request<Name extends ReferkitClientRouteName>(
    name: Name,
    parts: RequestParts = {},
  ): Promise<ApiResponse<Name>> {
    const route = API_ENDPOINTS[name];
    const url = `${baseUrl}${buildApiPath(route.path, parts.params)}${queryString(parts.query)}`;
    const headers = new Headers(
      typeof options.headers === 'function' ? await options.headers() : options.headers,
    );
    headers.set('Accept', 'application/json');
    if (parts.idempotencyKey) headers.set('Idempotency-Key', parts.idempotencyKey);
    let body: BodyInit | undefined;
    if (parts.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(parts.json);
    } else if (parts.csv !== undefined) {
      headers.set('Content-Type', 'text/csv');
      // A Blob streams from disk; one without `stream()` (jsdom's) is read first, as
      // bytes: the server detects the file's encoding (Windows-1252 would not survive text()).
      body =
        typeof parts.csv !== 'string' && typeof parts.csv.stream !== 'function'
          ? await blobBytes(parts.csv)
          : parts.csv;
    }

    const doFetch = options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await doFetch(url, {
        method: route.method,
        headers,
        body,
        credentials: options.credentials ?? 'same-origin',
      });
    } catch (cause) {
      throw new ReferkitApiError({
        status: 0,
        code: 'network_error',
        message: `Could not reach the server (${route.method} ${url}). Check your connection and try again.`,
        route: name,
        cause,
      });
    }

    const payload = await readJson(response);
    // Loaded on the first answer, not with the page: the response schemas are
    // most of the contract's weight.
    const { apiErrorOf, parseApiResponse } = await import('./parse-api-response');
    if (!response.ok) throw apiErrorOf(name, response.status, response.statusText, payload);
    return parseApiResponse(name, response.status, payload);
  }

  return {
    baseUrl,
    listIntegrations: () => request('listIntegrations'),
    connectStripe: (body) => request('connectStripe', { json: body }),
    disconnectStripe: () => request('disconnectStripe'),
    startStripeOAuth: (body) => request('startStripeOAuth', { json: body }),
    listObjectTypes: () => request('listObjectTypes'),
    listFields: (objectType) => request('listFields', { params: { objectType } }),
    listSamples: (objectType, query) =>
      request('listSamples', { params: { objectType }, query: { ...query } }),
    listCampaigns: () => request('listCampaigns'),
    createCampaign: (body, options) =>
      request('createCampaign', { json: body, idempotencyKey: options?.idempotencyKey }),
    getCampaign: (campaignId) => request('getCampaign', { params: { campaignId } }),
    listReferrers: (campaignId, query) =>
      request('listReferrers', { params: { campaignId }, query: { ...query } }),
    createReferrer: (campaignId, body, options) =>
      request('createReferrer', {
        params: { campaignId },
        json: body,
        idempotencyKey: options?.idempotencyKey,
      }),
    deleteReferrer: (campaignId, referrerId) =>
      request('deleteReferrer', { params: { campaignId, referrerId } }),
    importReferrers: (campaignId, csv, { columns, ignoreFirstRow = false }) =>
      request('importReferrers', {
        params: { campaignId },
        query: { columns: columns.join(','), ignoreFirstRow },
        csv,
      }),
    previewCsv: (campaignId, file) =>
      request('previewCsv', {
        params: { campaignId },
        query: { fileSize: file.size },
        csv: file.slice(0, CSV_PREVIEW_BYTES),
      }),
    getApiKey: () => request('getApiKey'),
    createApiKey: () => request('createApiKey'),
    listSyncs: (query) => request('listSyncs', { query: { ...query } }),
    createSync: (body, options) =>
      request('createSync', { json: body, idempotencyKey: options?.idempotencyKey }),
    getSync: (syncId) => request('getSync', { params: { syncId } }),
    updateSync: (syncId, body) => request('updateSync', { params: { syncId }, json: body }),
    deleteSync: (syncId, options) =>
      request('deleteSync', {
        params: { syncId },
        query: options?.removeLinks ? { removeLinks: 'true' } : {},
      }),
    runSync: (syncId, options) =>
      request('runSync', { params: { syncId }, idempotencyKey: options?.idempotencyKey }),
    cancelSync: (syncId) => request('cancelSync', { params: { syncId } }),
    listSyncRuns: (syncId) => request('listSyncRuns', { params: { syncId } }),
    listSyncOutcomes: (syncId, runId, query) =>
      request('listSyncOutcomes', { params: { syncId, runId }, query: { ...query } }),
    syncOutcomesCsvUrl: (syncId, runId, query) =>
      `${baseUrl}${buildApiPath(API_ENDPOINTS.exportSyncOutcomes.path, { syncId, runId })}${queryString({ ...query })}`,
  };
}
