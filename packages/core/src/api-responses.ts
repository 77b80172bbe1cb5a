import { z } from 'zod';
import {
  apiKeyResponseSchema,
  campaignResponseSchema,
  createApiKeyResponseSchema,
  importReferrersResponseSchema,
  listCampaignsResponseSchema,
  listReferrersResponseSchema,
  referrerResponseSchema,
} from './api-campaigns';
import { previewCsvResponseSchema } from './api-csv-preview';
import type { ApiEndpointName } from './api-endpoints';
import {
  integrationResponseSchema,
  listFieldsResponseSchema,
  listIntegrationsResponseSchema,
  listObjectTypesResponseSchema,
  listSamplesResponseSchema,
  oauthStartResponseSchema,
} from './api-integrations';
import {
  listSyncOutcomesResponseSchema,
  listSyncRunsResponseSchema,
  listSyncsResponseSchema,
  syncResponseSchema,
  syncRunResponseSchema,
} from './api-syncs';

/**
 * Each endpoint's success body schema (`null` for no body, or a body that is
 * not JSON, such as a CSV download). {@link API_ROUTES} carries these; a
 * browser client that checks answers needs only this table, not the routes'
 * request schemas and descriptions.
 */
export const API_RESPONSES = {
  listIntegrations: listIntegrationsResponseSchema,
  connectStripe: integrationResponseSchema,
  disconnectStripe: null,
  startStripeOAuth: oauthStartResponseSchema,
  stripeOAuthCallback: null,
  listObjectTypes: listObjectTypesResponseSchema,
  listFields: listFieldsResponseSchema,
  listSamples: listSamplesResponseSchema,
  listCampaigns: listCampaignsResponseSchema,
  createCampaign: campaignResponseSchema,
  getCampaign: campaignResponseSchema,
  listReferrers: listReferrersResponseSchema,
  createReferrer: referrerResponseSchema,
  deleteReferrer: null,
  importReferrers: importReferrersResponseSchema,
  previewCsv: previewCsvResponseSchema,
  getApiKey: apiKeyResponseSchema,
  createApiKey: createApiKeyResponseSchema,
  listSyncs: listSyncsResponseSchema,
  createSync: syncResponseSchema,
  getSync: syncResponseSchema,
  updateSync: syncResponseSchema,
  deleteSync: null,
  runSync: syncRunResponseSchema,
  cancelSync: syncResponseSchema,
  listSyncRuns: listSyncRunsResponseSchema,
  listSyncOutcomes: listSyncOutcomesResponseSchema,
  exportSyncOutcomes: null,
  stripeWebhook: z.object({ received: z.literal(true) }),
} as const satisfies Record<ApiEndpointName, z.ZodType | null>;
