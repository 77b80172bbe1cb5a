/**
 * Stripe's layered API limits, as documented at
 * https://docs.stripe.com/rate-limits:
 *
 * - a **global** rate per account: live mode 100 requests/s, test mode
 *   (sandbox) 25 requests/s;
 * - a rate per **endpoint**, 25 requests/s unless said otherwise, where each
 *   named operation (method + route template) is one endpoint whatever the
 *   id — every `POST /v1/customers/{id}` shares one budget; Search allows
 *   20 reads/s; endpoint calls also count against the global rate;
 * - a **concurrency** limiter on requests in flight. Stripe gives no number
 *   on that page; its support article "rate_limit error when creating bulk
 *   API requests" (support.stripe.com/questions/rate-limit-error-when-creating-bulk-api-requests)
 *   speaks of 100 parallel requests in live mode and 25 in test mode, which
 *   the sandbox takes as the in-flight limit per account.
 *
 * Live and test mode limits are counted separately.
 */

/** The layer a limiter 429 names in `Stripe-Rate-Limited-Reason` (docs.stripe.com/rate-limits). */
export type RateLimitReason =
  | 'global-rate'
  | 'global-concurrency'
  | 'endpoint-rate'
  | 'endpoint-concurrency'
  | 'resource-specific';

/** Every value `Stripe-Rate-Limited-Reason` can take. */
export const RATE_LIMIT_REASONS: readonly RateLimitReason[] = [
  'global-rate',
  'global-concurrency',
  'endpoint-rate',
  'endpoint-concurrency',
  'resource-specific',
];

/** A key's mode: `sk_live_`/`rk_live_` keys are live, `sk_test_`/`rk_test_` keys test. */
export type KeyMode = 'live' | 'test';

/** A limit per mode; `false` turns it off for that mode. */
export interface PerMode {
  live: number | false;
  test: number | false;
}

/** A layer's limit: one number for both modes, per mode, or `false` for none. */
export type ModeLimit = number | false | Partial<PerMode>;

/**
 * The sandbox's rate limits, layer by layer. Omitted layers keep their
 * current value (at start: Stripe's defaults, {@link STRIPE_RATE_LIMITS}).
 */
export interface RateLimitOptions {
  /**
   * Requests per second per account (all endpoints together), per key mode.
   * Default `{ live: 100, test: 25 }`.
   */
  global?: ModeLimit;
  /**
   * Requests per second per account and operation (`POST /v1/customers/:id`
   * whatever the id), unless `operations` says otherwise. Default `25`.
   */
  endpoint?: number | false;
  /**
   * Per-operation endpoint rates, by `METHOD /route` with `:id` or `{id}`
   * placeholders: `{ 'GET /v1/customers/search': 20 }`; `false` exempts an
   * operation from the endpoint layer. Merged into the current overrides.
   * Default `{ 'GET /v1/customers/search': 20 }` (Stripe's Search limit).
   */
  operations?: Record<string, number | false>;
  /** Requests in flight per account, per key mode. Default `{ live: 100, test: 25 }`. */
  concurrency?: ModeLimit;
  /**
   * Requests in flight per account and operation. Stripe documents the
   * layer but no number, so the default is `false` (off).
   */
  endpointConcurrency?: number | false;
}

/** {@link RateLimitOptions} with every layer resolved. */
export interface ResolvedRateLimits {
  global: PerMode;
  endpoint: number | false;
  operations: Record<string, number | false>;
  concurrency: PerMode;
  endpointConcurrency: number | false;
}

/** What `rateLimit` accepts: layered options, a global rate for both modes, or `false` for none. */
export type RateLimitSetting = RateLimitOptions | number | false;

/** Stripe's documented defaults (docs.stripe.com/rate-limits). */
export const STRIPE_RATE_LIMITS: Readonly<ResolvedRateLimits> = Object.freeze({
  global: Object.freeze({ live: 100, test: 25 }),
  endpoint: 25,
  operations: Object.freeze({ 'GET /v1/customers/search': 20 }),
  concurrency: Object.freeze({ live: 100, test: 25 }),
  endpointConcurrency: false,
}) as Readonly<ResolvedRateLimits>;

/** Stripe's test-mode global rate limit: 25 requests per second. */
export const TEST_MODE_RATE_LIMIT = 25;

/** Stripe's live-mode global rate limit: 100 requests per second. */
export const LIVE_MODE_RATE_LIMIT = 100;

const OPTION_KEYS = ['global', 'endpoint', 'operations', 'concurrency', 'endpointConcurrency'];
const OPERATION = /^(GET|POST|DELETE) \/v1\/[A-Za-z0-9_/:{}]*$/;

function rate(name: string, value: unknown): number | false {
  if (value === false) return false;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 1) return Math.floor(value);
  throw new RangeError(`rateLimit.${name} must be a whole number ≥ 1, or false.`);
}

function perMode(name: string, value: unknown, base: PerMode): PerMode {
  if (value === undefined) return { ...base };
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      if (key !== 'live' && key !== 'test') {
        throw new RangeError(`rateLimit.${name} takes live and test; got '${key}'.`);
      }
    }
    const { live, test } = value as Partial<PerMode>;
    return {
      live: live === undefined ? base.live : rate(`${name}.live`, live),
      test: test === undefined ? base.test : rate(`${name}.test`, test),
    };
  }
  const both = rate(name, value);
  return { live: both, test: both };
}

/** `POST /v1/customers/{id}` → `POST /v1/customers/:id` (the sandbox's operation names). */
export function normalizeOperation(operation: string): string {
  const trimmed = operation.trim().replace(/\s+/, ' ');
  if (!OPERATION.test(trimmed)) {
    throw new RangeError(
      `rateLimit.operations keys look like 'GET /v1/customers' or 'POST /v1/customers/:id'; got '${operation}'.`,
    );
  }
  return trimmed.replace(/\{([A-Za-z_]+)\}/g, ':$1');
}

/**
 * Applies a `rateLimit` setting to the current limits: `false` turns every
 * layer off; a number is the global rate for both modes; an object changes
 * the layers it names, on top of the current limits (Stripe's defaults when
 * they were off). Throws `RangeError` on a bad value.
 */
export function resolveRateLimits(
  setting: unknown,
  current: ResolvedRateLimits | false,
): ResolvedRateLimits | false {
  if (setting === false) return false;
  const base: ResolvedRateLimits = current === false ? STRIPE_RATE_LIMITS : current;
  if (typeof setting === 'number') return resolveRateLimits({ global: setting }, current);
  if (typeof setting !== 'object' || setting === null || Array.isArray(setting)) {
    throw new RangeError(
      'rateLimit must be false, a global rate in requests per second, or { global, endpoint, operations, concurrency, endpointConcurrency }.',
    );
  }
  const options = setting as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) {
      throw new RangeError(`Unknown rateLimit option '${key}'. Known: ${OPTION_KEYS.join(', ')}.`);
    }
  }
  const operations = { ...base.operations };
  if (options.operations !== undefined) {
    if (typeof options.operations !== 'object' || options.operations === null) {
      throw new RangeError(
        "rateLimit.operations must be an object such as { 'GET /v1/customers': 10 }.",
      );
    }
    for (const [operation, value] of Object.entries(options.operations)) {
      operations[normalizeOperation(operation)] = rate(`operations['${operation}']`, value);
    }
  }
  return {
    global: perMode('global', options.global, base.global),
    endpoint: options.endpoint === undefined ? base.endpoint : rate('endpoint', options.endpoint),
    operations,
    concurrency: perMode('concurrency', options.concurrency, base.concurrency),
    endpointConcurrency:
      options.endpointConcurrency === undefined
        ? base.endpointConcurrency
        : rate('endpointConcurrency', options.endpointConcurrency),
  };
}
