import type { Referrer } from '@referkit/core';
import type { Logger } from './logger';
import type { DatabaseOptions } from './store/database';
import type { AccountLimiterTuning } from './stripe/account-limiter';
import type { StripeRetryOptions } from './stripe/call-stripe';
import type { StripeBudgetOptions } from './stripe/stripe-budget';

/** Who is calling: the host's account (tenant) every query is scoped to. */
export interface Tenant {
  /** The host's own id for the account; any non-empty string. */
  accountId: string;
}

/** Stripe settings of the server. */
export interface StripeServerOptions {
  /** Base URL of the Stripe API (the demo points it at the sandbox). Default: `https://api.stripe.com`. */
  apiBase?: string | undefined;
  /** Base URL of Stripe Connect's OAuth pages. Default: `https://connect.stripe.com`, or `apiBase` when that is set. */
  connectBase?: string | undefined;
  /**
   * Stripe Connect OAuth ("Connect with Stripe"). Default: not configured —
   * the Sync screen offers only pasting a key.
   */
  oauth?:
    | {
        /** The platform's Connect client id (`ca_…`). */
        clientId: string;
        /** The platform's secret key, which exchanges the authorisation code. */
        secretKey: string;
        /** Where Stripe sends the browser back. Default: this handler's `/integrations/stripe/oauth/callback` on the request's origin. */
        redirectUrl?: string | undefined;
      }
    | undefined;
  /**
   * Public URL the handler is mounted at (including `basePath`), e.g.
   * `https://app.example.com/api/referkit`. When set, connecting Stripe
   * registers a webhook endpoint for customer events at
   * `{webhookBaseUrl}/webhooks/stripe/{connection id}` (removed on
   * disconnect), so ongoing syncs follow changes within seconds. Default: none
   * — ongoing syncs follow Stripe on their schedule, unless an endpoint is set
   * up by hand (`setStripeWebhookSecret`).
   */
  webhookBaseUrl?: string | undefined;
  /** Per-request timeout in milliseconds. Default: 30 000. */
  timeoutMs?: number | undefined;
  /**
   * How much of each Stripe account's rate limits syncs may use, layer by
   * layer. Stripe asks background jobs to keep to a subset of the maximum so
   * the merchant's own live traffic still succeeds (docs.stripe.com/rate-limits).
   * Default: 80 % of each endpoint's 25/s (20 customer updates a second) and
   * 50 % of the account's global limit (50/s live, 12.5/s test): see
   * {@link StripeBudgetOptions}.
   */
  budget?: StripeBudgetOptions | undefined;
  /**
   * How each layer's pace reacts to 429s. Default: the global layer halves
   * and recovers 2 % of its budget a second; an endpoint slows by 20 % and
   * recovers 5 % a second: see {@link AccountLimiterTuning}.
   */
  rateLimit?: AccountLimiterTuning | undefined;
  /** How sync runs retry failed Stripe calls. Default: see {@link StripeRetryOptions}. */
  retry?: StripeRetryOptions | undefined;
}

/** Options of {@link createReferkitServer}. */
export interface ReferkitServerOptions {
  /** The Postgres to store everything in: `{ url }` or `{ pool }`. Required. */
  database: DatabaseOptions;
  /** Stripe settings. Default: `{}` (Stripe's own API, no OAuth). */
  stripe?: StripeServerOptions | undefined;
  /**
   * Key that seals Stripe keys and webhook secrets at rest with AES-256-GCM:
   * 32 random bytes as 64 hex characters or base64 (`openssl rand -hex 32`),
   * used as they are, or a random passphrase of at least 32 characters, passed
   * through HKDF-SHA-256 (not a slow password hash). Keys that repeat one byte
   * or character are refused. Required.
   *
   * To rotate, give a list: the first key seals, every key opens (each sealed
   * value carries the id of its key), e.g. `[newKey, oldKey]`. A connection
   * whose key no listed key opens reports `status: 'error'` asking to
   * reconnect Stripe (its routes answer 409); reconnecting seals it anew and
   * re-registers its webhook endpoint.
   */
  encryptionKey: string | readonly string[];
  /**
   * Origins (`https://app.example.com`) besides the handler's own whose pages
   * may call it. State-changing requests (POST, PUT, PATCH, DELETE) from a
   * browser on any other origin — its `Origin` header, or `Sec-Fetch-Site:
   * cross-site`/`same-site` without one — are refused with 403, so a cookie
   * session cannot be used by another site's form; requests with an API key
   * and requests no browser made (no `Origin`) are not checked. The OAuth
   * `returnUrl` must be on the handler's origin or one of these. List the
   * app's origin here when it differs from the handler's (another subdomain,
   * or a proxy that hands the handler another URL). Default: none.
   */
  trustedOrigins?: readonly string[] | undefined;
  /** Base of every referral link; a campaign's links are `linkBaseUrl/<campaign>/<code>` unless the campaign sets its own base. Required. */
  linkBaseUrl: string;
  /**
   * The host's hook: the tenant making `request`, or `null` when it is not
   * signed in (answered 401). Required.
   */
  authenticate: (request: Request) => Tenant | null | Promise<Tenant | null>;
  /** Path prefix the handler is mounted under, e.g. `/api/referkit`. Default: `''`. */
  basePath?: string | undefined;
  /** Where warnings and errors go (secrets are redacted first). Default: JSON lines on stderr. */
  logger?: Logger | undefined;
  /** Largest JSON body accepted, in bytes. Default: 1 MiB. */
  maxBodyBytes?: number | undefined;
  /** Largest CSV upload accepted, in bytes. Default: 20 MiB. */
  maxCsvBytes?: number | undefined;
  /** Most rows one CSV import accepts. Default: 100 000. */
  maxCsvRows?: number | undefined;
  /** Longest row (record) of a CSV upload, in bytes: a longer one answers 413. Default: 64 KiB. */
  maxCsvRecordBytes?: number | undefined;
  /** How often a saved Stripe key is re-checked when integrations are listed, in seconds. Default: 300. */
  connectionCheckIntervalSeconds?: number | undefined;
  /** Check every success body against the contract's response schema (tests). Default: `false`. */
  validateResponses?: boolean | undefined;
  /** Sync job tuning shared by the handler (which enqueues) and workers (which run). */
  jobs?: SyncJobOptions | undefined;
  /**
   * Called after referrers are added by hand, over the API or by CSV upload
   * (after the data is committed) — the place to send a welcome email. Never
   * called for referrers a Stripe sync creates: synced referrers get no
   * welcome email. A throw is logged and never fails the request. Default: none.
   */
  onReferrersCreated?: ((event: ReferrersCreatedEvent) => void | Promise<void>) | undefined;
}

/** What {@link ReferkitServerOptions.onReferrersCreated} receives. */
export interface ReferrersCreatedEvent {
  accountId: string;
  campaignId: string;
  source: 'manual' | 'api' | 'upload';
  referrers: Referrer[];
}

/** Tuning of the pg-boss jobs that carry sync runs. */
export interface SyncJobOptions {
  /** Postgres schema pg-boss uses. Default: `pgboss`. */
  schema?: string | undefined;
  /**
   * How long one job works on a run before it hands the rest to a fresh job,
   * in seconds. Short slices bound how long a crashed worker's run waits. Default: 120.
   */
  sliceSeconds?: number | undefined;
  /**
   * How long a job may stay active before pg-boss considers its worker dead
   * and retries it, in seconds. Default: `sliceSeconds + 120`.
   */
  expireInSeconds?: number | undefined;
  /** How long a worker's claim on a run lasts without a heartbeat, in seconds. Default: 30. */
  leaseSeconds?: number | undefined;
  /** Times pg-boss retries a failed job. Default: 5. */
  retryLimit?: number | undefined;
  /** Seconds between those retries. Default: 10. */
  retryDelaySeconds?: number | undefined;
  /**
   * How long a run started by a webhook waits before a worker takes it, in
   * milliseconds, so a burst of changes makes one run. Default: 300.
   */
  webhookDelayMs?: number | undefined;
}

/** Options of a worker started with `startWorker`. */
export interface SyncWorkerOptions {
  /**
   * Runs this worker works on at once — each account at its own budget, so
   * one account's long write-back never holds another's sync up. Default: 8.
   */
  concurrency?: number | undefined;
  /** How often an idle worker polls for jobs, in seconds (≥ 0.5). Default: 1. */
  pollingIntervalSeconds?: number | undefined;
  /** How often this worker's pg-boss supervises expired jobs, in seconds. Default: 30. */
  maintenanceIntervalSeconds?: number | undefined;
  /**
   * Batches of up to 25 write-backs a run has in flight at once (memory stays
   * flat); reading never waits for them. Default: 4.
   */
  writeBatchesInFlight?: number | undefined;
  /**
   * Whether this worker also keeps pg-boss's clock for the scheduler (its
   * schedule fires once a minute across all workers however many keep it).
   * Default: `true`.
   */
  schedule?: boolean | undefined;
}
