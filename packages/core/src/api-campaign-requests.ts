import { z } from 'zod';
import { csvColumnTargetSchema } from './api-campaigns';

// What a client sends to the campaign and referrer endpoints: bodies and
// queries. The answers' schemas live in api-campaigns.ts, so a browser that
// checks answers loads none of these.

/** `POST /campaigns` body: a name (1–200 characters) and an optional link base URL. */
export const createCampaignRequestSchema = z.object({
  name: z.string().trim().min(1, 'Give the campaign a name.').max(200),
  /** Default: the server's `linkBaseUrl` followed by the campaign's id. */
  linkBaseUrl: z.url().optional(),
});

/** A `POST /campaigns` body. */
export type CreateCampaignRequest = z.infer<typeof createCampaignRequestSchema>;

/** Query of the referrer list: search by name or email, cursor pagination. */
export const listReferrersQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  cursor: z.string().optional(),
  /** Page size, 1–100. Default: 25. */
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** The referrer list's query parameters (before defaults are applied). */
export type ListReferrersQuery = z.input<typeof listReferrersQuerySchema>;

/**
 * Query of `POST /campaigns/:campaignId/referrers/import`: `columns` (comma-separated targets) and
 * `ignoreFirstRow` (default `false`).
 */
export const importReferrersQuerySchema = z.object({
  columns: z
    .string()
    .transform((value) => value.split(','))
    .pipe(z.array(csvColumnTargetSchema).min(1)),
  ignoreFirstRow: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
