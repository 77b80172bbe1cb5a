import { z } from 'zod';
import { syncOutcomeSchema } from './api-syncs';
import type { syncConfigSchema } from './sync-config';

// What a client sends to the sync endpoints: bodies and queries. The answers'
// schemas live in api-syncs.ts, so a browser that checks answers loads none of these.

/** `POST /syncs` body: the campaign and a configuration (checked with `validateSyncConfig`). */
export const createSyncRequestSchema = z.object({
  campaignId: z.string().min(1),
  /** Checked with `validateSyncConfig`; an invalid one gets `invalid_sync_config` with its issues. */
  config: z.unknown(),
});

/** A `POST /syncs` body with a well-formed configuration. */
export type CreateSyncRequest = { campaignId: string; config: z.infer<typeof syncConfigSchema> };

/** Change the mapping (checked like on create) or pause/resume an ongoing sync. */
export const updateSyncRequestSchema = z.object({
  config: z.unknown().optional(),
  paused: z.boolean().optional(),
});

/**
 * `DELETE /syncs/:syncId` query: `removeLinks=true` also takes off Stripe what
 * the sync wrote there (the metadata keys it wrote; a standard field only if
 * it still holds what the sync wrote) — a job with progress: the sync turns
 * `deleting` with a `remove_links` run, and is gone once it is done. Without
 * it (default `false`) the sync is deleted at once and Stripe keeps the links.
 * Either way the referrers the sync created stay.
 */
export const deleteSyncQuerySchema = z.object({
  removeLinks: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

/** `GET /syncs` query: optionally one campaign's syncs. */
export const listSyncsQuerySchema = z.object({ campaignId: z.string().optional() });

/** Search of a run's outcomes by email: case-insensitive, anywhere in the email; blank is no search. */
const outcomeSearchSchema = z
  .string()
  .trim()
  .max(320)
  .optional()
  .transform((value) => (value ? value : undefined));

/**
 * `GET …/runs/:runId/outcomes` query: an outcome filter, `q` (email contains,
 * case-insensitive), a cursor and a page size (1–500, default 100).
 */
export const listSyncOutcomesQuerySchema = z.object({
  outcome: syncOutcomeSchema.shape.outcome.optional(),
  /** Email contains this, case-insensitive. Default: every outcome. */
  q: outcomeSearchSchema,
  cursor: z.string().optional(),
  /** Page size, 1–500. Default: 100. */
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * `GET …/runs/:runId/outcomes.csv` query: the same filter and search as the
 * outcome list; the download holds every matching outcome.
 */
export const exportSyncOutcomesQuerySchema = z.object({
  outcome: syncOutcomeSchema.shape.outcome.optional(),
  /** Email contains this, case-insensitive. Default: every outcome. */
  q: outcomeSearchSchema,
});
