import { z } from 'zod';
import { inboundTargetSchema } from './sync-config';

/** A campaign: every referrer in it has one link `linkBaseUrl/<code>`. */
export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  linkBaseUrl: z.url(),
  referrerCount: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
});
/** A campaign. */
export type Campaign = z.infer<typeof campaignSchema>;

/** `GET /campaigns` response. */
export const listCampaignsResponseSchema = z.object({ campaigns: z.array(campaignSchema) });
/** Response carrying one campaign. */
export const campaignResponseSchema = z.object({ campaign: campaignSchema });

/** How a referrer joined. */
export const referrerSourceSchema = z.enum(['upload', 'sync', 'manual', 'api']);
/** How a referrer joined: `upload`, `sync`, `manual` or `api`. */
export type ReferrerSource = z.infer<typeof referrerSourceSchema>;

/** A referrer, with the link created when it was added (never changed afterwards). */
export const referrerSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  firstName: z.string(),
  lastName: z.string().nullable(),
  email: z.string(),
  company: z.string().nullable(),
  referralCode: z.string(),
  referralLink: z.string(),
  referralsCount: z.number().int().nonnegative(),
  convertedReferralsCount: z.number().int().nonnegative(),
  source: referrerSourceSchema,
  /** The Stripe customer it came from, for synced referrers. */
  externalId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
/** A referrer as the API returns it. */
export type Referrer = z.infer<typeof referrerSchema>;

/** `GET /campaigns/:campaignId/referrers` response: one page of referrers. */
export const listReferrersResponseSchema = z.object({
  referrers: z.array(referrerSchema),
  /** Pass as `cursor` for the next page; `null` on the last page. */
  nextCursor: z.string().nullable(),
  /** Referrers matching the search. */
  total: z.number().int().nonnegative(),
});
/** Response carrying one referrer. */
export const referrerResponseSchema = z.object({ referrer: referrerSchema });

/**
 * CSV import options, sent as query parameters beside the streamed CSV body:
 * `columns` names the referrer field of each column in order (`skip` for
 * "Do Not Map Column"), `ignoreFirstRow` skips a header row.
 */
export const csvColumnTargetSchema = z.union([inboundTargetSchema, z.literal('skip')]);
/** A CSV column's referrer field, or `skip`. */
export type CsvColumnTarget = z.infer<typeof csvColumnTargetSchema>;

/** The result of one CSV row: its 1-based line number in the file. */
export const importRowResultSchema = z.object({
  row: z.number().int().positive(),
  status: z.enum(['created', 'duplicate', 'invalid']),
  referrerId: z.string().nullable(),
  /** The referrer field at fault, for invalid rows. */
  field: z.string().nullable(),
  message: z.string().nullable(),
});
/** What happened to one CSV row. */
export type ImportRowResult = z.infer<typeof importRowResultSchema>;

/** CSV import response: totals and per-row results. */
export const importReferrersResponseSchema = z.object({
  created: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
  rows: z.array(importRowResultSchema),
});
/** A CSV import response. */
export type ImportReferrersResponse = z.infer<typeof importReferrersResponseSchema>;

/** The account's key for creating referrers over HTTP (the "API" option). */
export const apiKeySummarySchema = z.object({
  /** The first characters, for recognising the key: `refk_3f9a…`. */
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
/**
 * `GET /api-key` response: the key's summary (or `null` before one is created) and the endpoint.
 */
export const apiKeyResponseSchema = z.object({
  apiKey: apiKeySummarySchema.nullable(),
  /** The absolute URL referrers are created at, with `{campaignId}` to fill in. */
  endpoint: z.string(),
});
/** Creating or rotating returns the whole key once; the old key stops working. */
export const createApiKeyResponseSchema = z.object({
  apiKey: apiKeySummarySchema,
  secret: z.string(),
  endpoint: z.string(),
});
