// `@referkit/server`'s public surface: what a host uses to mount the API, run
// workers and (for development and tests) start an embedded Postgres. Engine
// internals — the record pipeline, the rate limiter, the queue, the
// migrations list — stay internal; the package's own tests and benchmark
// import them by path.
export type { AccountLimiterTuning } from './account-limiter';
export type { AdaptiveRateLimiterOptions } from './adaptive-rate-limiter';
export { ApiError } from './api-error';
export type { StripeRetryOptions } from './call-stripe';
export {
  createReferkitServer,
  type ReferkitServer,
  type ReferralCountsUpdate,
} from './create-referkit-server';
export type { Database, DatabaseOptions, Queryable } from './database';
export { type Logger, redactSecrets } from './logger';
export { buildOpenApiDocument } from './openapi';
export type { SchedulerTick } from './run-scheduler';
export type {
  ReferkitServerOptions,
  ReferrersCreatedEvent,
  StripeServerOptions,
  SyncJobOptions,
  SyncWorkerOptions,
  Tenant,
} from './server-options';
export {
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
  startEmbeddedPostgres,
} from './start-embedded-postgres';
export type { StripeAccountLimits, StripeBudgetOptions } from './stripe-budget';
export type { SyncWorker } from './sync-worker';
