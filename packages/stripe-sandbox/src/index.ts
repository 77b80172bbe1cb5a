export { CUSTOMER_LIMITS } from './customer-params';
export { EVENT_RETENTION_SECONDS } from './event-log';
export type { Fault, FaultOptions } from './fault-injector';
export { IDEMPOTENCY_TTL_SECONDS } from './idempotency-cache';
export type { AccessLevel, KeyPermissions, PermissionResource } from './key-permissions';
export { FULL_ACCESS, rakName } from './key-permissions';
export {
  DEFAULT_MERCHANT_OPERATIONS,
  MERCHANT_OPERATIONS,
  type MerchantOperation,
  type MerchantTraffic,
  type MerchantTrafficOptions,
  type MerchantTrafficStats,
} from './merchant-traffic';
export { METADATA_LIMITS } from './metadata';
export {
  type KeyMode,
  LIVE_MODE_RATE_LIMIT,
  type ModeLimit,
  type PerMode,
  RATE_LIMIT_REASONS,
  type RateLimitOptions,
  type RateLimitReason,
  type RateLimitSetting,
  type ResolvedRateLimits,
  STRIPE_RATE_LIMITS,
  TEST_MODE_RATE_LIMIT,
} from './rate-limit-options';
export {
  type EndpointStats,
  type RateLimitCause,
  type RequestStatsSnapshot,
  TAG_HEADER,
} from './request-stats';
export { CliUsageError, runCli } from './run-cli';
export {
  type AccountOptions,
  DEFAULT_API_VERSION,
  type LatencyRange,
  type SandboxConfig,
  type SandboxConfigPatch,
  type StripeSandboxOptions,
  type WebhookEndpointOption,
} from './sandbox-options';
export type {
  AccountCredentials,
  CreateAccountOptions,
  CreateRestrictedKeyOptions,
  MutateCustomersOptions,
  MutateCustomersResult,
  RestrictedKeyInfo,
} from './sandbox-state';
export { type SandboxStats, type StripeSandbox, startStripeSandbox } from './start-stripe-sandbox';
export { type StripeClientOptions, stripeClientOptions } from './stripe-client-options';
export {
  DEFAULT_WEBHOOK_RETRY,
  type WebhookDelivery,
  type WebhookRetryOptions,
  type WebhookStats,
} from './webhook-dispatcher';
export { signWebhookPayload } from './webhook-signature';
