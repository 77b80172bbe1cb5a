// `@referkit/server`'s public surface: what a host uses to mount the API, run
// workers and (for development and tests) start an embedded Postgres. Engine
// internals — the record pipeline, the rate limiter, the queue, the
// migrations list — stay internal; the package's own tests and benchmark
// import them by path.

export { ApiError } from './api-error';
export {
  createReferkitServer,
  type ReferkitServer,
  type ReferralCountsUpdate,
} from './create-referkit-server';
export type { SchedulerTick } from './engine/run-scheduler';
export type { SyncWorker } from './engine/sync-worker';
export { buildOpenApiDocument } from './http/openapi';
export { type Logger, redactSecrets } from './logger';
export type {
  ReferkitServerOptions,
  ReferrersCreatedEvent,
  StripeServerOptions,
  SyncJobOptions,
  SyncWorkerOptions,
  Tenant,
} from './server-options';
export type { Database, DatabaseOptions, Queryable } from './store/database';
export {
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
  startEmbeddedPostgres,
} from './store/start-embedded-postgres';
export type { AccountLimiterTuning } from './stripe/account-limiter';
export type { AdaptiveRateLimiterOptions } from './stripe/adaptive-rate-limiter';
export type { StripeRetryOptions } from './stripe/call-stripe';
export type { StripeAccountLimits, StripeBudgetOptions } from './stripe/stripe-budget';
