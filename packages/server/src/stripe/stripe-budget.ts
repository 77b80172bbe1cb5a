/**
 * Stripe's documented rate limits per account (docs.stripe.com/rate-limits):
 * a global limit of 100 requests/s in live mode and 25/s in test mode
 * (sandboxes); a per-endpoint limit of 25 requests/s, every named operation
 * (`POST /v1/customers/{id}` whatever the id) being one endpoint; Search 20/s.
 * Endpoint calls also count against the global limit.
 */
export const STRIPE_DOCUMENTED_LIMITS = {
  live: 100,
  test: 25,
  endpoint: 25,
  search: 20,
} as const;

/** Stripe's limits for an account, in requests per second. */
export interface StripeAccountLimits {
  /** Global limit in live mode. Default: 100. */
  live?: number | undefined;
  /** Global limit in test mode. Default: 25. */
  test?: number | undefined;
  /** Per-endpoint limit. Default: 25. */
  endpoint?: number | undefined;
  /** Search endpoints' limit. Default: 20. */
  search?: number | undefined;
}

/**
 * How much of a Stripe account's rate limits syncs may use. Stripe asks
 * background jobs to keep to a subset of the maximum so the merchant's own
 * live traffic (checkouts, charges) still succeeds (docs.stripe.com/rate-limits):
 * by default a sync uses 80 % of each endpoint's limit (20 customer updates
 * a second) and at most 50 % of the account's global limit (50/s in live
 * mode, 12.5/s in test mode), leaving the rest to the merchant.
 */
export interface StripeBudgetOptions {
  /** Share (0–1] of the account's global limit. Default: 0.5. */
  globalShare?: number | undefined;
  /** Share (0–1] of each endpoint's limit (Search included). Default: 0.8. */
  endpointShare?: number | undefined;
  /** Requests per second of the global limit, instead of `globalShare`. Default: none. */
  globalPerSecond?: number | undefined;
  /** Requests per second of each endpoint, instead of `endpointShare`. Default: none. */
  endpointPerSecond?: number | undefined;
  /**
   * The account's limits, for an account Stripe gave higher ones. Default:
   * Stripe's documented limits ({@link STRIPE_DOCUMENTED_LIMITS}).
   */
  limits?: StripeAccountLimits | undefined;
}

/** A key's mode: restricted keys (`rk_live_`, `rk_test_`) count by their mode too. */
export type StripeKeyMode = 'live' | 'test';

/** The rates a sync paces at for one account, in requests per second. */
export interface ResolvedBudget {
  global: number;
  endpoint: number;
  search: number;
}

function share(value: number | undefined, fallback: number, name: string): number {
  const share = value ?? fallback;
  if (!(share > 0 && share <= 1)) {
    throw new RangeError(`stripe.budget.${name} must be a share greater than 0 and at most 1.`);
  }
  return share;
}

function perSecond(value: number | undefined, name: string): number | null {
  if (value === undefined) return null;
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`stripe.budget.${name} must be a positive number of requests per second.`);
  }
  return value;
}

/** Checks `options` and returns the rates for a key of `mode`. */
export function resolveBudget(
  options: StripeBudgetOptions = {},
  mode: StripeKeyMode = 'live',
): ResolvedBudget {
  const limits = { ...STRIPE_DOCUMENTED_LIMITS, ...options.limits };
  const globalShare = share(options.globalShare, 0.5, 'globalShare');
  const endpointShare = share(options.endpointShare, 0.8, 'endpointShare');
  const global =
    perSecond(options.globalPerSecond, 'globalPerSecond') ?? limits[mode] * globalShare;
  const endpoint =
    perSecond(options.endpointPerSecond, 'endpointPerSecond') ?? limits.endpoint * endpointShare;
  const search = Math.min(endpoint, limits.search * endpointShare);
  return { global, endpoint: Math.min(endpoint, global), search: Math.min(search, global) };
}
