import { type FaultOptions, type ResolvedFaults, resolveFaults } from './fault-injector';
import {
  DEFAULT_WEBHOOK_RETRY,
  type ResolvedWebhookRetry,
  type WebhookRetryOptions,
} from './webhook-dispatcher';

/** The API version reported when a request does not send `Stripe-Version` (stripe-node 23's pinned version). */
export const DEFAULT_API_VERSION = '2026-10-28.endive';

/** Stripe's test-mode rate limit: 25 requests per second. */
export const TEST_MODE_RATE_LIMIT = 25;

/** A latency drawn uniformly between two bounds, in ms. */
export interface LatencyRange {
  min: number;
  max: number;
}

/** A webhook endpoint to create at start. */
export interface WebhookEndpointOption {
  /** Where events are POSTed. */
  url: string;
  /** Signing secret (`whsec_…`). Default: generated. */
  secret?: string;
  /** Event types (`customer.updated`, …) or `['*']` for all. Default `['*']`. */
  enabledEvents?: string[];
  /** Receive events of connected accounts (Connect endpoint). Default `false`. */
  connect?: boolean;
  /** Dashboard description. Default none. */
  description?: string;
}

/** The default account. */
export interface AccountOptions {
  /** Account id (`acct_…`). Default: derived from `seed`. */
  id?: string;
  /** Its secret key (`sk_test_…`). Default: derived from `seed`. */
  secretKey?: string;
  /** Business name. Default `'Referkit Sandbox'`. */
  name?: string;
  /** Account email. Default `'owner@referkit.test'`. */
  email?: string;
}

/** Options of `startStripeSandbox`. */
export interface StripeSandboxOptions {
  /** Port to listen on; `0` picks a free port. Default `0`. */
  port?: number;
  /** Interface to listen on. Default `'127.0.0.1'`. */
  host?: string;
  /** Customers seeded into the default account. Default `0`. */
  customers?: number;
  /** Seed of the generated customers, account ids, keys and fault pattern. Default `42`. */
  seed?: number | string;
  /**
   * Requests per second each account may make before getting 429
   * `rate_limit`; `false` turns the limit off. Default `25` (Stripe test mode).
   */
  rateLimit?: number | false;
  /** Added to every API request, in ms: fixed, or `{ min, max }`. Default `0`. */
  latency?: number | LatencyRange;
  /** Faults injected into a share of API requests. Default: none. */
  faults?: FaultOptions;
  /** Webhook endpoints created on the default account at start. Default `[]`. */
  webhookEndpoints?: WebhookEndpointOption[];
  /** Retry policy of failed webhook deliveries. Default: 3 retries after 1 s, 5 s, 25 s. */
  webhookRetry?: WebhookRetryOptions;
  /** The default account's id, key and name. Default: derived from `seed`. */
  account?: AccountOptions;
  /** Sandbox time at start, as Unix seconds or a Date. Default: real time. */
  clock?: number | Date;
  /** API version reported when a request names none. Default {@link DEFAULT_API_VERSION}. */
  apiVersion?: string;
}

/** The settings that can change while the sandbox runs. */
export interface SandboxConfig {
  rateLimit: number | false;
  latency: number | LatencyRange;
  faults: ResolvedFaults;
  webhookRetry: ResolvedWebhookRetry;
}

/** A change to {@link SandboxConfig}; omitted settings stay as they are. */
export interface SandboxConfigPatch {
  rateLimit?: number | false;
  latency?: number | LatencyRange;
  faults?: FaultOptions;
  webhookRetry?: WebhookRetryOptions;
}

function checkLatency(latency: unknown): number | LatencyRange {
  if (typeof latency === 'number' && latency >= 0) return latency;
  if (
    typeof latency === 'object' &&
    latency !== null &&
    typeof (latency as LatencyRange).min === 'number' &&
    typeof (latency as LatencyRange).max === 'number' &&
    (latency as LatencyRange).min >= 0 &&
    (latency as LatencyRange).max >= (latency as LatencyRange).min
  ) {
    return { min: (latency as LatencyRange).min, max: (latency as LatencyRange).max };
  }
  throw new RangeError('latency must be milliseconds ≥ 0, or { min, max } with 0 ≤ min ≤ max.');
}

function checkRateLimit(rateLimit: unknown): number | false {
  if (rateLimit === false) return false;
  if (typeof rateLimit === 'number' && Number.isFinite(rateLimit) && rateLimit >= 1) {
    return Math.floor(rateLimit);
  }
  throw new RangeError('rateLimit must be a number of requests per second ≥ 1, or false.');
}

function checkRetry(input: WebhookRetryOptions, base: ResolvedWebhookRetry): ResolvedWebhookRetry {
  const out = { ...base };
  for (const [key, value] of Object.entries(input)) {
    if (!(key in DEFAULT_WEBHOOK_RETRY))
      throw new RangeError(`Unknown webhookRetry option '${key}'.`);
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0)) {
      throw new RangeError(`webhookRetry.${key} must be a number ≥ 0.`);
    }
    out[key as keyof ResolvedWebhookRetry] = value;
  }
  return out;
}

/** Applies a patch to a config, checking every value; throws `RangeError` on a bad one. */
export function applyConfigPatch(base: SandboxConfig, patch: SandboxConfigPatch): SandboxConfig {
  for (const key of Object.keys(patch)) {
    if (!['rateLimit', 'latency', 'faults', 'webhookRetry'].includes(key)) {
      throw new RangeError(`Unknown setting '${key}'.`);
    }
  }
  return {
    rateLimit: patch.rateLimit === undefined ? base.rateLimit : checkRateLimit(patch.rateLimit),
    latency: patch.latency === undefined ? base.latency : checkLatency(patch.latency),
    faults: patch.faults === undefined ? base.faults : resolveFaults(patch.faults, base.faults),
    webhookRetry:
      patch.webhookRetry === undefined
        ? base.webhookRetry
        : checkRetry(patch.webhookRetry, base.webhookRetry),
  };
}

/** The start-up config from options. */
export function initialConfig(options: StripeSandboxOptions): SandboxConfig {
  return applyConfigPatch(
    {
      rateLimit: TEST_MODE_RATE_LIMIT,
      latency: 0,
      faults: resolveFaults({}),
      webhookRetry: DEFAULT_WEBHOOK_RETRY,
    },
    {
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
      ...(options.latency === undefined ? {} : { latency: options.latency }),
      ...(options.faults === undefined ? {} : { faults: options.faults }),
      ...(options.webhookRetry === undefined ? {} : { webhookRetry: options.webhookRetry }),
    },
  );
}
