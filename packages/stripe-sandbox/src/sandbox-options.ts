import { type FaultOptions, type ResolvedFaults, resolveFaults } from './fault-injector';
import {
  type RateLimitSetting,
  type ResolvedRateLimits,
  resolveRateLimits,
  STRIPE_RATE_LIMITS,
} from './rate-limit-options';
import {
  DEFAULT_WEBHOOK_RETRY,
  type ResolvedWebhookRetry,
  type WebhookRetryOptions,
} from './webhook-dispatcher';

/** The API version reported when a request does not send `Stripe-Version` (stripe-node 23's pinned version). */
export const DEFAULT_API_VERSION = '2026-10-28.endive';

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
  /**
   * A live-mode account (`sk_live_…` keys, live-mode rate limits: global
   * 100/s). Default `false` (test mode: global 25/s).
   */
  livemode?: boolean;
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
   * Stripe's layered limits (docs.stripe.com/rate-limits), each answered
   * with 429 `rate_limit` and `Stripe-Rate-Limited-Reason`. An object sets
   * layers (`global`, `endpoint`, `operations`, `concurrency`,
   * `endpointConcurrency`) on top of Stripe's defaults; a number is the
   * global rate for both modes (other layers stay at Stripe's defaults);
   * `false` turns every layer off. Default {@link STRIPE_RATE_LIMITS}:
   * global live 100/s and test 25/s, 25/s per operation, Search 20/s,
   * 100 (live) / 25 (test) requests in flight.
   */
  rateLimit?: RateLimitSetting;
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
  /** The layered limits in force, or `false` when every layer is off. */
  rateLimit: ResolvedRateLimits | false;
  latency: number | LatencyRange;
  faults: ResolvedFaults;
  webhookRetry: ResolvedWebhookRetry;
}

/** A change to {@link SandboxConfig}; omitted settings stay as they are. */
export interface SandboxConfigPatch {
  /** As the `rateLimit` option; an object changes only the layers it names. */
  rateLimit?: RateLimitSetting;
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
    rateLimit:
      patch.rateLimit === undefined
        ? base.rateLimit
        : resolveRateLimits(patch.rateLimit, base.rateLimit),
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
      rateLimit: STRIPE_RATE_LIMITS,
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
