import {
  AdaptiveRateLimiter,
  type AdaptiveRateLimiterOptions,
  type RateLimiterStats,
} from './adaptive-rate-limiter';
import {
  type ResolvedBudget,
  resolveBudget,
  type StripeBudgetOptions,
  type StripeKeyMode,
} from './stripe-budget';

/**
 * The Stripe endpoints the engine calls, each one of Stripe's per-endpoint
 * limits (an operation whatever the id: docs.stripe.com/rate-limits). Calls
 * without an endpoint of their own share `other`.
 */
export const ENDPOINT = {
  listCustomers: 'GET /v1/customers',
  retrieveCustomer: 'GET /v1/customers/:id',
  updateCustomer: 'POST /v1/customers/:id',
  listEvents: 'GET /v1/events',
  other: 'other',
} as const;

/** One of {@link ENDPOINT}, or another `METHOD /v1/route/:id` template. */
export type StripeEndpoint = (typeof ENDPOINT)[keyof typeof ENDPOINT] | (string & {});

/** Whether an endpoint reads (counts against Stripe's monthly read allocation). */
export function isRead(endpoint: StripeEndpoint): boolean {
  return endpoint.startsWith('GET ');
}

/**
 * The layer a limiter 429 names in `Stripe-Rate-Limited-Reason`
 * (docs.stripe.com/rate-limits): `global-rate` / `global-concurrency` slow
 * every request to the account, `endpoint-rate` / `endpoint-concurrency` only
 * the endpoint that was refused. `resource-specific`, or no header (e.g. a
 * `lock_timeout`), is not a limiter: only that request is retried.
 */
export type RateLimitScope = 'global' | 'endpoint' | 'request';

/** The scope a `Stripe-Rate-Limited-Reason` header value backs off. */
export function rateLimitScope(reason: string | null): RateLimitScope {
  if (reason?.startsWith('global-')) return 'global';
  if (reason?.startsWith('endpoint-')) return 'endpoint';
  return 'request';
}

/** Tuning of the layers' reaction to 429s. */
export interface AccountLimiterTuning {
  /** The global layer. Default: decrease 0.5, recovery 0.02 a second (yields fast, recovers slowly). */
  global?: AdaptiveRateLimiterOptions | undefined;
  /** Each endpoint's layer. Default: decrease 0.8, recovery 0.05 a second. */
  endpoint?: AdaptiveRateLimiterOptions | undefined;
}

/** What an account's limiter has done, per layer. */
export interface AccountLimiterStats {
  mode: StripeKeyMode;
  global: RateLimiterStats;
  endpoints: Record<string, RateLimiterStats>;
}

/**
 * Paces every request to one Stripe account through the layers of Stripe's
 * limits: first the request's endpoint (each at its own budget: reads of
 * `GET /v1/customers` and writes of `POST /v1/customers/:id` never wait for
 * each other), then the account's global limit, which all endpoints share —
 * reads first within it. Budgets start from what Stripe documents for the
 * key's mode ({@link resolveBudget}), so a sync meets no 429s to find them.
 */
export class AccountLimiter {
  readonly #budgetOptions: StripeBudgetOptions;
  readonly #tuning: AccountLimiterTuning;
  readonly #endpoints = new Map<string, AdaptiveRateLimiter>();
  readonly global: AdaptiveRateLimiter;
  #mode: StripeKeyMode;
  #budget: ResolvedBudget;

  constructor(
    mode: StripeKeyMode,
    budget: StripeBudgetOptions = {},
    tuning: AccountLimiterTuning = {},
  ) {
    this.#mode = mode;
    this.#budgetOptions = budget;
    this.#tuning = tuning;
    this.#budget = resolveBudget(budget, mode);
    this.global = new AdaptiveRateLimiter(this.#budget.global, {
      decreaseFactor: 0.5,
      recoveryPerSecond: 0.02,
      maxConcurrent: 32,
      ...tuning.global,
    });
  }

  /** The key's mode, which sets the global budget. */
  get mode(): StripeKeyMode {
    return this.#mode;
  }

  /** The key's mode became known or changed: the budgets follow. */
  setMode(mode: StripeKeyMode): void {
    if (mode === this.#mode) return;
    this.#mode = mode;
    this.#budget = resolveBudget(this.#budgetOptions, mode);
    this.global.setTarget(this.#budget.global);
    for (const [name, layer] of this.#endpoints) layer.setTarget(this.#targetOf(name));
  }

  /** The limiter of one endpoint (created on first use). */
  endpoint(name: StripeEndpoint): AdaptiveRateLimiter {
    let layer = this.#endpoints.get(name);
    if (!layer) {
      layer = new AdaptiveRateLimiter(this.#targetOf(name), {
        decreaseFactor: 0.8,
        recoveryPerSecond: 0.05,
        ...this.#tuning.endpoint,
      });
      this.#endpoints.set(name, layer);
    }
    return layer;
  }

  /** Runs `task` when the endpoint's pace and the account's allow; `priority` 0 (first) to 9. */
  schedule<T>(endpoint: StripeEndpoint, priority: number, task: () => Promise<T>): Promise<T> {
    return this.endpoint(endpoint).schedule(priority, () => this.global.schedule(priority, task));
  }

  /**
   * A request to `endpoint` met a limiter 429: the layer its reason names
   * slows down; a `request` scope changes no pace.
   */
  rateLimited(
    endpoint: StripeEndpoint,
    scope: RateLimitScope,
    retryAfterSeconds: number | null = null,
  ): void {
    if (scope === 'global') this.global.rateLimited(retryAfterSeconds);
    else if (scope === 'endpoint') this.endpoint(endpoint).rateLimited(retryAfterSeconds);
  }

  /** The pace requests to `endpoint` keep to now, in requests per second. */
  pace(endpoint: StripeEndpoint): number {
    return Math.min(
      this.endpoint(endpoint).stats.requestsPerSecond,
      this.global.stats.requestsPerSecond,
    );
  }

  /** The layers (`global`, and each endpoint by name) for sharing among processes. */
  layers(): [string, AdaptiveRateLimiter][] {
    return [['global', this.global], ...this.#endpoints];
  }

  /** Whether any layer had requests waiting for their turn within `withinMs`. */
  busyWithin(withinMs: number): boolean {
    return this.layers().some(([, layer]) => layer.busyWithin(withinMs));
  }

  get stats(): AccountLimiterStats {
    return {
      mode: this.#mode,
      global: this.global.stats,
      endpoints: Object.fromEntries([...this.#endpoints].map(([name, l]) => [name, l.stats])),
    };
  }

  /** Stops every layer; queued jobs are dropped. */
  async stop(): Promise<void> {
    await Promise.all(this.layers().map(([, layer]) => layer.stop()));
  }

  #targetOf(endpoint: string): number {
    return endpoint.includes('/search') ? this.#budget.search : this.#budget.endpoint;
  }
}
