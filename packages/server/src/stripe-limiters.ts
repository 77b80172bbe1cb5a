import { AdaptiveRateLimiter, type AdaptiveRateLimiterOptions } from './adaptive-rate-limiter';

/**
 * One {@link AdaptiveRateLimiter} per Stripe account in this process, so every
 * run (and every other call) against the same account shares its pace.
 */
export class StripeLimiters {
  readonly #limiters = new Map<string, AdaptiveRateLimiter>();
  readonly #options: AdaptiveRateLimiterOptions;

  constructor(options: AdaptiveRateLimiterOptions = {}) {
    this.#options = options;
  }

  /** The limiter of a Stripe account (created on first use). */
  get(stripeAccountId: string): AdaptiveRateLimiter {
    let limiter = this.#limiters.get(stripeAccountId);
    if (!limiter) {
      limiter = new AdaptiveRateLimiter(this.#options);
      this.#limiters.set(stripeAccountId, limiter);
    }
    return limiter;
  }

  /** Stops every limiter. */
  async stop(): Promise<void> {
    await Promise.all([...this.#limiters.values()].map((limiter) => limiter.stop()));
    this.#limiters.clear();
  }
}
