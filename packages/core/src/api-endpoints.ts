/**
 * Where each endpoint of the Referkit HTTP API lives: its method and path
 * (relative to where the host mounts the handler; `:name` marks a path
 * parameter). Plain data with no schemas, so a browser client can build
 * requests without loading the contract's zod schemas; {@link API_ROUTES}
 * adds those to each entry.
 */
export const API_ENDPOINTS = {
  listIntegrations: { method: 'GET', path: '/integrations' },
  connectStripe: { method: 'POST', path: '/integrations/stripe/connect' },
  disconnectStripe: { method: 'DELETE', path: '/integrations/stripe' },
  startStripeOAuth: { method: 'POST', path: '/integrations/stripe/oauth/start' },
  stripeOAuthCallback: { method: 'GET', path: '/integrations/stripe/oauth/callback' },
  listObjectTypes: { method: 'GET', path: '/integrations/stripe/object-types' },
  listFields: { method: 'GET', path: '/integrations/stripe/object-types/:objectType/fields' },
  listSamples: { method: 'GET', path: '/integrations/stripe/object-types/:objectType/samples' },
  listCampaigns: { method: 'GET', path: '/campaigns' },
  createCampaign: { method: 'POST', path: '/campaigns' },
  getCampaign: { method: 'GET', path: '/campaigns/:campaignId' },
  listReferrers: { method: 'GET', path: '/campaigns/:campaignId/referrers' },
  createReferrer: { method: 'POST', path: '/campaigns/:campaignId/referrers' },
  deleteReferrer: { method: 'DELETE', path: '/campaigns/:campaignId/referrers/:referrerId' },
  importReferrers: { method: 'POST', path: '/campaigns/:campaignId/referrers/import' },
  previewCsv: { method: 'POST', path: '/campaigns/:campaignId/referrers/import/preview' },
  getApiKey: { method: 'GET', path: '/api-key' },
  createApiKey: { method: 'POST', path: '/api-key' },
  listSyncs: { method: 'GET', path: '/syncs' },
  createSync: { method: 'POST', path: '/syncs' },
  getSync: { method: 'GET', path: '/syncs/:syncId' },
  updateSync: { method: 'PATCH', path: '/syncs/:syncId' },
  deleteSync: { method: 'DELETE', path: '/syncs/:syncId' },
  runSync: { method: 'POST', path: '/syncs/:syncId/runs' },
  cancelSync: { method: 'POST', path: '/syncs/:syncId/cancel' },
  listSyncRuns: { method: 'GET', path: '/syncs/:syncId/runs' },
  listSyncOutcomes: { method: 'GET', path: '/syncs/:syncId/runs/:runId/outcomes' },
  exportSyncOutcomes: { method: 'GET', path: '/syncs/:syncId/runs/:runId/outcomes.csv' },
  stripeWebhook: { method: 'POST', path: '/webhooks/stripe/:connectionId' },
} as const satisfies Record<string, { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string }>;

/** The name of an endpoint, e.g. `createSync`. */
export type ApiEndpointName = keyof typeof API_ENDPOINTS;

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
