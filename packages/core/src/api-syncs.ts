import { z } from 'zod';
import { SKIP_REASON_CODES } from './referrer-draft';
import { syncConfigSchema } from './sync-config';

/** How far a run has got. */
export const syncRunCountsSchema = z.object({
  seen: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  writtenBack: z.number().int().nonnegative(),
});
/** How far a run has got. */
export type SyncRunCounts = z.infer<typeof syncRunCountsSchema>;

/**
 * Where a run stands, in the two phases a full run goes through: `reading`
 * lists records and creates or updates their referrers at Stripe's read pace;
 * `writing_back` has read every record and is still writing links (and counts)
 * back onto Stripe customers at the write pace (Stripe allows at most 25
 * updates/s per endpoint: docs.stripe.com/rate-limits); `done` when the run
 * has finished. Write-backs start while reading goes on, so the two overlap.
 */
export const syncRunProgressSchema = z.object({
  phase: z.enum(['reading', 'writing_back', 'done']),
  /** Records read so far (the same as `counts.seen`). */
  recordsRead: z.number().int().nonnegative(),
  /**
   * How many records the run will read, once known (reading has finished, or
   * an estimate from the previous full run of the sync); `null` while unknown.
   */
  recordsTotal: z.number().int().nonnegative().nullable(),
  /** Write-backs planned so far (persisted, waiting or done). */
  writeBacksPlanned: z.number().int().nonnegative(),
  /** Write-backs done (the same as `counts.writtenBack`). */
  writeBacksDone: z.number().int().nonnegative(),
  /** The write pace the engine keeps to, in updates per second; `null` before it is known. */
  writesPerSecond: z.number().nonnegative().nullable(),
  /**
   * Seconds until the run is expected to finish, from the known paces
   * (remaining reads at the read pace, remaining write-backs at the write
   * pace); `null` while it cannot be estimated.
   */
  estimatedSecondsRemaining: z.number().nonnegative().nullable(),
});
/** Where a run stands: see {@link syncRunProgressSchema}. */
export type SyncRunProgress = z.infer<typeof syncRunProgressSchema>;

/** One execution of a sync. */
export const syncRunSchema = z.object({
  id: z.string(),
  syncId: z.string(),
  /** What started it. */
  trigger: z.enum(['initial', 'manual', 'schedule', 'webhook']),
  /** Full reads every record; incremental reads Stripe events since the last run. */
  mode: z.enum(['full', 'incremental']),
  status: z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']),
  counts: syncRunCountsSchema,
  /**
   * The two phases of the run with its estimated time remaining. Optional:
   * servers that do not report it leave it out.
   */
  progress: syncRunProgressSchema.optional(),
  /**
   * How many records were skipped for each reason code (`no_email`,
   * `duplicate_email`, `deleted`, …); their sum is `counts.skipped`. Optional:
   * servers that do not break skips down leave it out.
   */
  skippedByReason: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /** E.g. why an incremental run fell back to a full one. */
  note: z.string().nullable(),
  /** Why a run failed. */
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});
/** One execution of a sync. */
export type SyncRun = z.infer<typeof syncRunSchema>;

/** A sync of an integration into a campaign. */
export const syncSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  integrationId: z.string(),
  config: syncConfigSchema,
  /**
   * `active`: one-time pending or running, or ongoing and healthy;
   * `paused`: an ongoing sync on hold; `failing`: see `statusReason`;
   * `completed`: a one-time sync that has run.
   */
  status: z.enum(['active', 'paused', 'failing', 'completed']),
  statusReason: z.string().nullable(),
  /** The run in progress (queued or running), if any. */
  currentRun: syncRunSchema.nullable(),
  /** The most recent finished run. */
  lastRun: syncRunSchema.nullable(),
  /** Next scheduled run of an ongoing sync. */
  nextRunAt: z.iso.datetime().nullable(),
  /**
   * Stripe requests the sync's runs made over the last 30 days (Stripe's
   * rolling window): reads count against the account's monthly read
   * allocation (docs.stripe.com/rate-limits), writes do not. Optional:
   * servers that do not count them leave it out.
   */
  stripeRequestsThisMonth: z
    .object({ reads: z.number().int().nonnegative(), writes: z.number().int().nonnegative() })
    .optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
/** A sync of an integration into a campaign. */
export type Sync = z.infer<typeof syncSchema>;

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

/** `GET /syncs` query: optionally one campaign's syncs. */
export const listSyncsQuerySchema = z.object({ campaignId: z.string().optional() });
/** `GET /syncs` response. */
export const listSyncsResponseSchema = z.object({ syncs: z.array(syncSchema) });
/** Response carrying one sync. */
export const syncResponseSchema = z.object({ sync: syncSchema });
/** Response carrying one run. */
export const syncRunResponseSchema = z.object({ run: syncRunSchema });
/** `GET /syncs/:syncId/runs` response, newest first. */
export const listSyncRunsResponseSchema = z.object({ runs: z.array(syncRunSchema) });

/** What happened to one record in a run. */
export const syncOutcomeSchema = z.object({
  id: z.string(),
  runId: z.string(),
  externalId: z.string(),
  outcome: z.enum(['created', 'updated', 'unchanged', 'skipped', 'failed']),
  /** Skip reason code, or a failure code such as `stripe_error`. */
  reasonCode: z.union([z.enum(SKIP_REASON_CODES), z.string()]).nullable(),
  message: z.string().nullable(),
  referrerId: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  writtenBack: z.boolean(),
  createdAt: z.iso.datetime(),
});
/** What happened to one record in a run. */
export type SyncOutcome = z.infer<typeof syncOutcomeSchema>;

/**
 * `GET …/runs/:runId/outcomes` query: an outcome filter, a cursor and a page size (1–500, default
 * 100).
 */
export const listSyncOutcomesQuerySchema = z.object({
  outcome: syncOutcomeSchema.shape.outcome.optional(),
  cursor: z.string().optional(),
  /** Page size, 1–500. Default: 100. */
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
/** `GET …/runs/:runId/outcomes` response: one page of outcomes. */
export const listSyncOutcomesResponseSchema = z.object({
  outcomes: z.array(syncOutcomeSchema),
  nextCursor: z.string().nullable(),
});
