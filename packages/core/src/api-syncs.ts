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
  /**
   * What started it: the sync's creation, a person (Run now), its schedule, a
   * Stripe webhook, or `delete` — deleting the sync with `removeLinks`.
   */
  trigger: z.enum(['initial', 'manual', 'schedule', 'webhook', 'delete']),
  /**
   * Full reads every record; incremental reads Stripe events since the last
   * run; `remove_links` takes off Stripe customers what the sync wrote there
   * (started by `DELETE /syncs/:syncId?removeLinks=true`): its counts are
   * customers looked at (`seen`), cleaned (`updated`), with nothing left to
   * remove (`unchanged`), deleted in Stripe (`skipped`), refused (`failed`),
   * and removals Stripe confirmed (`writtenBack`).
   */
  mode: z.enum(['full', 'incremental', 'remove_links']),
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
  /**
   * The sync's configuration version the run applies (see `Sync.configVersion`).
   * Optional: servers that do not version configurations leave it out.
   */
  configVersion: z.number().int().positive().optional(),
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

/**
 * Machine-readable codes for why a sync is `failing` (or why deleting it with
 * `removeLinks` stopped): `stripe_not_connected` (Stripe was disconnected),
 * `stripe_connection_error` (Stripe refuses the saved key, or it lost a
 * permission), `run_failed` (the last run failed for another reason: see
 * `statusReason`), `links_removal_failed` (removing the sync's links from
 * Stripe failed). `describeSyncProblem` gives each in words with what to do.
 */
export const SYNC_PROBLEM_CODES = [
  'stripe_not_connected',
  'stripe_connection_error',
  'run_failed',
  'links_removal_failed',
] as const;
/** See {@link SYNC_PROBLEM_CODES}. */
export type SyncProblemCode = (typeof SYNC_PROBLEM_CODES)[number];

/** A sync of an integration into a campaign. */
export const syncSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  integrationId: z.string(),
  config: syncConfigSchema,
  /**
   * The configuration's version: 1 when created, one more each time
   * `PATCH /syncs/:syncId` saves a different configuration. The next run
   * applies the newest; each run records the one it ran with. Optional:
   * servers that do not version configurations leave it out.
   */
  configVersion: z.number().int().positive().optional(),
  /**
   * `active`: one-time pending or running, or ongoing and healthy;
   * `paused`: an ongoing sync on hold; `failing`: see `statusReason` and
   * `statusCode`; `completed`: a one-time sync that has run; `deleting`: being
   * deleted with `removeLinks` — `currentRun` (mode `remove_links`) is taking
   * its links off Stripe, and the sync is gone (404) once it has.
   */
  status: z.enum(['active', 'paused', 'failing', 'completed', 'deleting']),
  /** Why the sync is failing or paused, in words with what to do. */
  statusReason: z.string().nullable(),
  /**
   * Why the sync is failing (or deleting it stopped), machine-readable: see
   * {@link SYNC_PROBLEM_CODES}; `null` otherwise. Optional: servers that do
   * not report it leave it out.
   */
  statusCode: z.enum(SYNC_PROBLEM_CODES).nullable().optional(),
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
  /**
   * For `duplicate_email`: the Stripe id of the customer that already has the
   * email (its referrer). Optional: servers that do not report it leave it out.
   */
  duplicateOf: z.string().nullable().optional(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  writtenBack: z.boolean(),
  createdAt: z.iso.datetime(),
});
/** What happened to one record in a run. */
export type SyncOutcome = z.infer<typeof syncOutcomeSchema>;

/** `GET …/runs/:runId/outcomes` response: one page of outcomes. */
export const listSyncOutcomesResponseSchema = z.object({
  outcomes: z.array(syncOutcomeSchema),
  nextCursor: z.string().nullable(),
});

/**
 * The columns of a run's outcomes CSV, in order: the Stripe id, email, name,
 * outcome, reason code, the reason in words and how to fix it
 * (`describeSkipReason`), the server's message, the other customer of a
 * duplicate email, the referrer id, whether values were written back, and when.
 */
export const SYNC_OUTCOMES_CSV_HEADERS = [
  'Stripe ID',
  'Email',
  'Name',
  'Outcome',
  'Reason code',
  'Reason',
  'How to fix',
  'Message',
  'Duplicate of',
  'Referrer ID',
  'Written back',
  'Time',
] as const;
