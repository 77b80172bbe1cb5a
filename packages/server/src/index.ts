export {
  AccountLimiter,
  type AccountLimiterStats,
  type AccountLimiterTuning,
  ENDPOINT,
  type RateLimitScope,
  rateLimitScope,
  type StripeEndpoint,
} from './account-limiter';
export {
  AdaptiveRateLimiter,
  type AdaptiveRateLimiterOptions,
  type RateLimiterStats,
} from './adaptive-rate-limiter';
export { ApiError } from './api-error';
export type { StripeRetryOptions } from './call-stripe';
export {
  createReferkitServer,
  type ReferkitServer,
  type ReferralCountsUpdate,
} from './create-referkit-server';
export type { Database, DatabaseOptions } from './database';
export { type Logger, redactSecrets } from './logger';
export { MIGRATIONS, type Migration, migrateDatabase } from './migrations';
export { buildOpenApiDocument } from './openapi';
export {
  type BatchRun,
  type PlannedWrite,
  processRecordBatch,
  writeBackIdempotencyKey,
} from './process-record-batch';
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
  findFreePort,
  startEmbeddedPostgres,
} from './start-embedded-postgres';
export {
  type ResolvedBudget,
  resolveBudget,
  STRIPE_DOCUMENTED_LIMITS,
  type StripeAccountLimits,
  type StripeBudgetOptions,
  type StripeKeyMode,
} from './stripe-budget';
export { createStripeClient, parseApiBase, type StripeClientOptions } from './stripe-client';
export { SYNC_RUN_QUEUE } from './sync-queue';
export type { SyncWorker } from './sync-worker';
export { PERMISSION_PROBE_CUSTOMER, verifyStripeKey } from './verify-stripe-key';
