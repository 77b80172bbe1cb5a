import {
  API_ERROR_MESSAGES,
  API_ROUTES,
  type ApiErrorCode,
  type ApiRouteName,
  connectStripeRequestSchema,
  createCampaignRequestSchema,
  createSyncRequestSchema,
  DEFAULT_MAX_CSV_RECORD_BYTES,
  deleteSyncQuerySchema,
  exportSyncOutcomesQuerySchema,
  findStripeKeyProblem,
  getStripeFields,
  listReferrersQuerySchema,
  listSyncOutcomesQuerySchema,
  listSyncsQuerySchema,
  matchApiPath,
  type ObjectType,
  objectTypeSchema,
  referrerInputSchema,
  STRIPE_OBJECT_TYPES,
  type SyncConfig,
  stableJson,
  syncOutcomeCsvRow,
  syncOutcomesCsvHeader,
  syncStatusAfterUpdate,
  toCsvLines,
  updateSyncRequestSchema,
  validateSyncConfig,
} from '@referkit/core';
import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import type { z } from 'zod';
import { importCsv, previewCsvUpload } from './mock-api-csv';
import { FORCED_FAILURE_MESSAGES, MockApiError } from './mock-api-error';
import {
  createMockState,
  type MockState,
  type MockStateOptions,
  type MockSync,
} from './mock-api-state';

/** Options of {@link createMockReferkitApi}: the seed of its in-memory account and how it answers. */
export interface MockReferkitApiOptions extends MockStateOptions {
  /**
   * Where the API is mounted: a path (`/api/referkit`, matched on any origin)
   * or an absolute URL. Default: `'/api/referkit'`.
   */
  baseUrl?: string | undefined;
  /** Delay before every answer, in ms; `'infinite'` never answers (loading states). Default: `0`. */
  latencyMs?: number | 'infinite' | undefined;
  /**
   * Delay before the answers of some routes, in ms, on top of `latencyMs`;
   * `'infinite'` never answers (an action's pending state). Default: none.
   */
  latencyByRoute?: Partial<Record<ApiRouteName, number | 'infinite'>> | undefined;
  /** Routes forced to fail with an error code (server-error stories). Default: none. */
  failing?: Partial<Record<ApiRouteName, ApiErrorCode>> | undefined;
  /** Largest CSV import body, in bytes (`payload_too_large` above it), as the server's option. Default: 20 MiB. */
  maxCsvBytes?: number | undefined;
  /** Most data rows one CSV import accepts, as the server's option. Default: 100 000. */
  maxCsvRows?: number | undefined;
  /** Longest CSV row, in bytes, as the server's option. Default: 64 KiB. */
  maxCsvRecordBytes?: number | undefined;
}

interface RouteContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  /** The API's absolute base URL for this request, e.g. `http://localhost:6006/api/referkit`. */
  apiBase: string;
}

interface Reply {
  status?: number | undefined;
  body?: unknown | undefined;
  headers?: Record<string, string> | undefined;
}

type RouteImpl = (ctx: RouteContext) => Reply | Promise<Reply>;

/** Messages below are the server's, word for word: the contract suite compares them. */
function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    fields[issue.path.map(String).join('.') || what] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
  throw new MockApiError('invalid_request', `The ${what} is not valid — ${summary}`, { fields });
}

async function jsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
  const text = await request.text();
  let value: unknown;
  try {
    value = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new MockApiError('invalid_request', API_ERROR_MESSAGES.bodyNotJson);
  }
  return parseWith(schema, value, 'body');
}

function queryOf<T extends z.ZodType>(url: URL, schema: T): z.output<T> {
  return parseWith(schema, Object.fromEntries(url.searchParams), 'query');
}

function requireConnected(state: MockState): void {
  if (state.stripe.status !== 'connected') {
    throw new MockApiError(
      'integration_not_connected',
      state.stripe.status === 'error'
        ? (state.stripe.error ?? 'Stripe needs to be connected again.')
        : API_ERROR_MESSAGES.stripeNotConnected,
    );
  }
}

function requireObjectType(value: string | undefined): ObjectType {
  const parsed = objectTypeSchema.safeParse(value);
  if (!parsed.success) {
    throw new MockApiError('not_found', API_ERROR_MESSAGES.notFound(`Object type "${value}"`));
  }
  return parsed.data;
}

/**
 * Creates MSW 2 request handlers that implement the whole Referkit HTTP
 * contract (core's `API_ROUTES`) in memory, with the real server's
 * validation and error codes: for Storybook, component tests and a host's own
 * tests. Each call starts a fresh account from `options`.
 *
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createMockReferkitApi } from '@referkit/react/mock-api';
 *
 * const server = setupServer(...createMockReferkitApi({ stripe: { status: 'connected' } }));
 * ```
 */
export function createMockReferkitApi(options: MockReferkitApiOptions = {}): HttpHandler[] {
  const state = createMockState(options);
  const base = (options.baseUrl ?? '/api/referkit').replace(/\/+$/, '');
  const relative = base.startsWith('/');
  const basePath = relative ? base : new URL(base).pathname.replace(/\/+$/, '');
  const csvLimits = {
    maxCsvBytes: options.maxCsvBytes ?? 20 * 1024 * 1024,
    maxCsvRows: options.maxCsvRows ?? 100_000,
    maxCsvRecordBytes: options.maxCsvRecordBytes ?? DEFAULT_MAX_CSV_RECORD_BYTES,
  };
  const oauthStates = new Map<string, { mode: 'test' | 'live'; returnUrl: string | undefined }>();
  let oauthCounter = 0;
  /** First answers of POST creates by `route:Idempotency-Key`, as the server keeps them. */
  const idempotentReplies = new Map<
    string,
    { request: string; status: number; body: Record<string, unknown> }
  >();

  const requireCampaign = (campaignId: string | undefined) => {
    const campaign = campaignId === undefined ? undefined : state.campaigns.get(campaignId);
    if (!campaign) throw new MockApiError('not_found', API_ERROR_MESSAGES.notFound('Campaign'));
    return campaign;
  };
  const requireSync = (syncId: string | undefined): MockSync => {
    const entry = syncId === undefined ? undefined : state.syncs.get(syncId);
    if (!entry) throw new MockApiError('not_found', API_ERROR_MESSAGES.notFound('Sync'));
    return entry;
  };
  const checkConfig = (config: unknown, campaignId: string): SyncConfig => {
    const campaign = requireCampaign(campaignId);
    const existingMetadataKeys = getStripeFields('customer', state.listedRecords())
      .filter((field) => field.kind === 'metadata')
      .map((field) => field.path.slice('metadata.'.length));
    const result = validateSyncConfig(config, {
      linkBaseUrl: campaign.linkBaseUrl,
      existingMetadataKeys,
    });
    if (result.ok) return result.config;
    throw new MockApiError(
      'invalid_sync_config',
      `The sync configuration is not valid: ${result.issues.map((issue) => issue.message).join(' ')}`,
      { issues: result.issues },
    );
  };
  const isRunning = (entry: MockSync) => state.toSync(entry).currentRun !== null;
  const endpointOf = (apiBase: string) => `${apiBase}/campaigns/{campaignId}/referrers`;
  const apiKeySummary = () => {
    const key = state.getApiKey();
    return key
      ? {
          prefix: `${key.secret.slice(0, 9)}…`,
          createdAt: key.createdAt,
          lastUsedAt: key.lastUsedAt,
        }
      : null;
  };

  const routes: Record<ApiRouteName, RouteImpl> = {
    listIntegrations: () => ({ body: { integrations: state.integrations() } }),

    async connectStripe({ request }) {
      const { mode, secretKey } = await jsonBody(request, connectStripeRequestSchema);
      const problem = findStripeKeyProblem(secretKey, mode);
      if (problem) {
        throw new MockApiError(problem.code, problem.message, {
          fields: { secretKey: problem.fieldMessage },
        });
      }
      if (state.limitedKey !== undefined && secretKey === state.limitedKey) {
        const message =
          'This key cannot write Customers. Give the restricted key Customers: Write and Events: Read, then paste it again.';
        throw new MockApiError('stripe_key_missing_permissions', message, {
          fields: { secretKey: message },
        });
      }
      if (secretKey !== state.acceptKey) {
        const message = API_ERROR_MESSAGES.stripeKeyRejected;
        throw new MockApiError('stripe_key_rejected', message, { fields: { secretKey: message } });
      }
      state.connect(mode, 'key');
      return { body: { integration: state.stripe } };
    },

    disconnectStripe: () => {
      // As the server does: runs in progress stop with the connection.
      for (const entry of state.syncs.values()) {
        const [run] = entry.runs;
        if (run && isRunning(entry)) state.finishRun(entry, run, 'cancelled');
      }
      state.disconnect();
      return {};
    },

    async startStripeOAuth({ request, apiBase }) {
      const body = await jsonBody(request, API_ROUTES.startStripeOAuth.body);
      if (!state.stripe.oauthAvailable) {
        throw new MockApiError(
          'stripe_oauth_not_configured',
          API_ERROR_MESSAGES.oauthNotConfigured,
        );
      }
      oauthCounter += 1;
      const token = `oauth_state_${oauthCounter}`;
      oauthStates.set(token, { mode: body.mode, returnUrl: body.returnUrl });
      return {
        body: {
          url: `${apiBase}/integrations/stripe/oauth/callback?code=ac_mock&state=${token}`,
        },
      };
    },

    stripeOAuthCallback({ url }) {
      const query = queryOf(url, API_ROUTES.stripeOAuthCallback.query);
      const pending = oauthStates.get(query.state);
      if (!pending) {
        throw new MockApiError(
          'stripe_oauth_failed',
          'This connection attempt has expired. Start connecting Stripe again.',
        );
      }
      oauthStates.delete(query.state);
      const target = new URL(pending.returnUrl ?? '/', url.origin);
      if (query.error || !query.code) {
        target.searchParams.set('referkit_stripe', 'error');
        target.searchParams.set(
          'referkit_error',
          query.error_description ?? query.error ?? 'Stripe did not connect.',
        );
      } else {
        state.connect(pending.mode, 'oauth');
        target.searchParams.set('referkit_stripe', 'connected');
      }
      return { status: 302, headers: { Location: target.toString() } };
    },

    listObjectTypes() {
      requireConnected(state);
      return {
        body: {
          objectTypes: STRIPE_OBJECT_TYPES.map(({ id, label, description }) => ({
            id,
            label,
            description,
          })),
        },
      };
    },

    listFields({ params }) {
      requireConnected(state);
      const objectType = requireObjectType(params.objectType);
      return { body: { fields: getStripeFields(objectType, state.listedRecords()) } };
    },

    listSamples({ params, url }) {
      requireConnected(state);
      requireObjectType(params.objectType);
      const { limit } = queryOf(url, API_ROUTES.listSamples.query);
      return { body: { records: state.listedRecords().slice(0, limit) } };
    },

    listCampaigns: () => ({
      body: { campaigns: [...state.campaigns.values()].map(state.toCampaign) },
    }),

    async createCampaign({ request }) {
      const body = await jsonBody(request, createCampaignRequestSchema);
      const id = `camp_${state.campaigns.size + 1}`;
      const campaign = state.addCampaign({ id, name: body.name, linkBaseUrl: body.linkBaseUrl });
      return { body: { campaign: state.toCampaign(campaign) } };
    },

    getCampaign: ({ params }) => ({
      body: { campaign: state.toCampaign(requireCampaign(params.campaignId)) },
    }),

    listReferrers({ params, url }) {
      const campaign = requireCampaign(params.campaignId);
      const { q, cursor, limit } = queryOf(url, listReferrersQuerySchema);
      const needle = q?.toLowerCase();
      const matching = state.referrers.filter(
        (r) =>
          r.campaignId === campaign.id &&
          (!needle ||
            `${r.firstName} ${r.lastName ?? ''} ${r.email}`.toLowerCase().includes(needle)),
      );
      let start = 0;
      if (cursor !== undefined) {
        const at = matching.findIndex((r) => r.id === cursor);
        if (at === -1) {
          throw new MockApiError('invalid_request', 'The page cursor is not valid any more.', {
            fields: { cursor: 'Unknown cursor.' },
          });
        }
        start = at + 1;
      }
      const page = matching.slice(start, start + limit);
      const more = start + limit < matching.length;
      return {
        body: {
          referrers: page,
          nextCursor: more ? (page.at(-1)?.id ?? null) : null,
          total: matching.length,
        },
      };
    },

    async createReferrer({ request, params }) {
      const authorization = request.headers.get('authorization');
      if (authorization !== null) {
        const secret = authorization.replace(/^Bearer\s+/i, '');
        if (!state.checkApiKey(secret)) {
          throw new MockApiError('unauthorized', API_ERROR_MESSAGES.apiKeyInvalid);
        }
      }
      const campaign = requireCampaign(params.campaignId);
      const body = await jsonBody(request, referrerInputSchema);
      const existing = state.findByEmail(campaign.id, body.email);
      if (existing) {
        const message = `${body.email.trim()} is already a referrer in this campaign.`;
        throw new MockApiError('duplicate_email', message, { fields: { email: message } });
      }
      const referrer = state.addDraft(campaign.id, body, authorization ? 'api' : 'manual');
      return { body: { referrer } };
    },

    deleteReferrer({ params }) {
      const campaign = requireCampaign(params.campaignId);
      const at = state.referrers.findIndex(
        (r) => r.campaignId === campaign.id && r.id === params.referrerId,
      );
      if (at === -1) {
        throw new MockApiError('not_found', API_ERROR_MESSAGES.notFound('Referrer'));
      }
      state.referrers.splice(at, 1);
      return {};
    },

    async importReferrers({ request, params, url }) {
      const campaign = requireCampaign(params.campaignId);
      const query = queryOf(url, API_ROUTES.importReferrers.query);
      return { body: await importCsv(state, campaign.id, request, query, csvLimits) };
    },

    async previewCsv({ request, params, url }) {
      requireCampaign(params.campaignId);
      const query = queryOf(url, API_ROUTES.previewCsv.query);
      return { body: await previewCsvUpload(request, query, csvLimits) };
    },

    getApiKey: ({ apiBase }) => ({
      body: { apiKey: apiKeySummary(), endpoint: endpointOf(apiBase) },
    }),

    createApiKey({ apiBase }) {
      const { secret } = state.rotateApiKey();
      return { body: { apiKey: apiKeySummary(), secret, endpoint: endpointOf(apiBase) } };
    },

    listSyncs({ url }) {
      const { campaignId } = queryOf(url, listSyncsQuerySchema);
      const matching = [...state.syncs.values()].filter(
        (entry) => campaignId === undefined || entry.sync.campaignId === campaignId,
      );
      // A list that polls moves runs on, like a detail poll (a finished link removal drops the sync).
      for (const entry of matching) state.advance(entry);
      const list = matching
        .filter((entry) => state.syncs.has(entry.sync.id))
        .reverse()
        .map(state.toSync);
      return { body: { syncs: list } };
    },

    async createSync({ request }) {
      const body = await jsonBody(request, createSyncRequestSchema);
      requireCampaign(body.campaignId);
      requireConnected(state);
      const config = checkConfig(body.config, body.campaignId);
      const entry = state.addSync(body.campaignId, config);
      state.startRun(entry, 'initial');
      return { body: { sync: state.toSync(entry) } };
    },

    getSync({ params }) {
      const entry = requireSync(params.syncId);
      state.advance(entry);
      return { body: { sync: state.toSync(entry) } };
    },

    async updateSync({ request, params }) {
      const entry = requireSync(params.syncId);
      const body = await jsonBody(request, updateSyncRequestSchema);
      const config =
        body.config === undefined ? undefined : checkConfig(body.config, entry.sync.campaignId);
      const next = config ?? entry.sync.config;
      // Checked before anything is saved: a refused update changes nothing.
      if (body.paused !== undefined && next.syncType !== 'ongoing') {
        throw new MockApiError('conflict', API_ERROR_MESSAGES.pauseNotOngoing, {
          fields: { paused: API_ERROR_MESSAGES.pauseNotOngoingField },
        });
      }
      // A different configuration is a new version; the next run applies it (a run in
      // progress keeps mapping with the version it started with), as on the server.
      if (config && stableJson(config) !== stableJson(entry.sync.config)) {
        entry.sync.config = config;
        entry.sync.configVersion = (entry.sync.configVersion ?? 1) + 1;
      }
      const status = syncStatusAfterUpdate(
        entry.sync.status,
        entry.sync.config.syncType,
        body.paused,
      );
      if (status) Object.assign(entry.sync, status);
      state.touch(entry);
      return { body: { sync: state.toSync(entry) } };
    },

    deleteSync({ params, url }) {
      const entry = requireSync(params.syncId);
      const { removeLinks } = queryOf(url, deleteSyncQuerySchema);
      if (isRunning(entry)) {
        const [run] = entry.runs;
        if (run?.run.mode === 'remove_links') return {};
        if (run) state.finishRun(entry, run, 'cancelled');
      }
      if (removeLinks && entry.written.size > 0) {
        requireConnected(state);
        // A job with progress: the sync shows `deleting` until its links are off Stripe.
        state.startRun(entry, 'delete');
        return {};
      }
      state.syncs.delete(params.syncId as string);
      return {};
    },

    runSync({ params }) {
      const entry = requireSync(params.syncId);
      requireConnected(state);
      if (isRunning(entry)) {
        throw new MockApiError('sync_running', API_ERROR_MESSAGES.syncAlreadyRunning);
      }
      const run = state.startRun(entry, 'manual');
      return { body: { run: run.run } };
    },

    cancelSync({ params }) {
      const entry = requireSync(params.syncId);
      const [run] = entry.runs;
      if (run && isRunning(entry)) state.finishRun(entry, run, 'cancelled');
      return { body: { sync: state.toSync(entry) } };
    },

    listSyncRuns({ params }) {
      const entry = requireSync(params.syncId);
      return { body: { runs: entry.runs.map((r) => r.run) } };
    },

    listSyncOutcomes({ params, url }) {
      const entry = requireSync(params.syncId);
      const run = entry.runs.find((r) => r.run.id === params.runId);
      if (!run) throw new MockApiError('not_found', API_ERROR_MESSAGES.notFound('Run'));
      const { outcome, cursor, limit } = queryOf(url, listSyncOutcomesQuerySchema);
      // `q` searches the email (and name), case-insensitively.
      const needle = url.searchParams.get('q')?.trim().toLowerCase() || undefined;
      const matching = run.outcomes.filter(
        (o) =>
          (outcome === undefined || o.outcome === outcome) &&
          (!needle || `${o.email ?? ''} ${o.name ?? ''}`.toLowerCase().includes(needle)),
      );
      const start = cursor === undefined ? 0 : matching.findIndex((o) => o.id === cursor) + 1;
      const page = matching.slice(start, start + limit);
      const more = start + limit < matching.length;
      return { body: { outcomes: page, nextCursor: more ? (page.at(-1)?.id ?? null) : null } };
    },

    exportSyncOutcomes({ params, url }) {
      const entry = requireSync(params.syncId);
      const run = entry.runs.find((r) => r.run.id === params.runId);
      if (!run) throw new MockApiError('not_found', API_ERROR_MESSAGES.notFound('Run'));
      const { outcome, q } = queryOf(url, exportSyncOutcomesQuerySchema);
      const needle = q?.toLowerCase();
      const rows = run.outcomes
        .filter(
          (o) =>
            (outcome === undefined || o.outcome === outcome) &&
            (!needle || (o.email ?? '').toLowerCase().includes(needle)),
        )
        .map(syncOutcomeCsvRow);
      const csv = syncOutcomesCsvHeader() + toCsvLines(rows);
      return {
        body: csv,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="referkit-run-${params.runId?.replace(/[^\w-]/g, '')}-outcomes.csv"`,
          'Cache-Control': 'no-store',
        },
      };
    },

    stripeWebhook({ request, params }) {
      // As the server: the endpoint first, then its signature.
      if (state.stripe.connection?.externalAccountId !== params.connectionId) {
        throw new MockApiError('not_found', API_ERROR_MESSAGES.notFound('Webhook endpoint'));
      }
      if (!request.headers.get('stripe-signature')) {
        throw new MockApiError(
          'webhook_signature_invalid',
          'The Stripe-Signature header is missing.',
        );
      }
      return { body: { received: true } };
    },
  };

  const names = Object.keys(API_ROUTES) as ApiRouteName[];

  const handle = async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${basePath}/`)) return undefined;
    const rest = url.pathname.slice(basePath.length);
    let found: { name: ApiRouteName; params: Record<string, string> } | null = null;
    const allowed = new Set<string>();
    for (const name of names) {
      const params = matchApiPath(API_ROUTES[name].path, rest);
      if (!params) continue;
      allowed.add(API_ROUTES[name].method);
      if (API_ROUTES[name].method === request.method && !found) found = { name, params };
    }

    if (options.latencyMs === 'infinite') await delay('infinite');
    else if (options.latencyMs) await delay(options.latencyMs);
    const routeLatency = found ? options.latencyByRoute?.[found.name] : undefined;
    if (routeLatency === 'infinite') await delay('infinite');
    else if (routeLatency) await delay(routeLatency);

    // A POST create with an Idempotency-Key already seen replays the first answer.
    const idempotencyKey =
      found && request.method === 'POST' ? request.headers.get('idempotency-key') : null;
    const replayKey = idempotencyKey ? `${found?.name}:${idempotencyKey}` : null;
    // What the key stands for: the route, its path, query and body (as the server hashes them).
    const requestSignature = replayKey
      ? `${rest}?${url.search}\n${await request.clone().text()}`
      : '';
    const replay = replayKey ? idempotentReplies.get(replayKey) : undefined;
    if (replay && replay.request !== requestSignature) {
      const failure = new MockApiError(
        'idempotency_key_reused',
        API_ERROR_MESSAGES.idempotencyKeyReused,
      );
      return HttpResponse.json(failure.toBody(), { status: failure.status });
    }
    if (replay) {
      return HttpResponse.json(replay.body, {
        status: replay.status,
        headers: { 'idempotent-replayed': 'true' },
      });
    }

    try {
      if (!found) {
        throw allowed.size > 0
          ? new MockApiError(
              'method_not_allowed',
              `${request.method} is not allowed on ${url.pathname}; use ${[...allowed].join(', ')}.`,
            )
          : new MockApiError('not_found', API_ERROR_MESSAGES.nothingServedAt(url.pathname));
      }
      const route = API_ROUTES[found.name];
      const forced = options.failing?.[found.name];
      if (forced) throw new MockApiError(forced, FORCED_FAILURE_MESSAGES[forced]);
      const reply = await routes[found.name]({
        request,
        url,
        params: found.params,
        apiBase: `${url.origin}${basePath}`,
      });
      const status = reply.status ?? route.status;
      if ('responseType' in route && typeof reply.body === 'string') {
        return new HttpResponse(reply.body, { status, headers: reply.headers });
      }
      if (route.response === null || status === 204 || status === 302) {
        return new HttpResponse(null, { status, headers: reply.headers });
      }
      const checked = route.response.safeParse(reply.body);
      if (!checked.success) {
        throw new Error(
          `Mock API bug: ${found.name} answered outside the contract: ${checked.error.message}`,
        );
      }
      if (replayKey) {
        idempotentReplies.set(replayKey, {
          request: requestSignature,
          status,
          body: reply.body as Record<string, unknown>,
        });
      }
      return HttpResponse.json(reply.body as Record<string, unknown>, { status });
    } catch (error) {
      const failure =
        error instanceof MockApiError
          ? error
          : new MockApiError(
              'internal_error',
              error instanceof Error ? error.message : String(error),
            );
      return HttpResponse.json(failure.toBody(), { status: failure.status });
    }
  };

  return [http.all(relative ? `*${basePath}/*` : `${base}/*`, ({ request }) => handle(request))];
}
