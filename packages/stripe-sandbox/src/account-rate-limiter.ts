import { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * Stripe's per-account request rate limit: each account may make `rate`
 * requests per one-second window (test mode: 25); the rest get 429. Built on
 * `rate-limiter-flexible`. `false` turns limiting off.
 */
export class AccountRateLimiter {
  #limiter: RateLimiterMemory | null = null;
  #rate: number | false = false;

  constructor(rate: number | false) {
    this.configure(rate);
  }

  /** Requests per second per account, or `false` for no limit. */
  get rate(): number | false {
    return this.#rate;
  }

  /** Changes the rate; windows start afresh. */
  configure(rate: number | false): void {
    if (rate !== false && (!Number.isFinite(rate) || rate <= 0)) {
      throw new RangeError('rateLimit must be a positive number of requests per second, or false.');
    }
    this.#rate = rate;
    this.#limiter =
      rate === false ? null : new RateLimiterMemory({ points: Math.floor(rate), duration: 1 });
  }

  /** Counts one request for `accountId`; false when it is over the limit. */
  async allow(accountId: string): Promise<boolean> {
    if (!this.#limiter) return true;
    try {
      await this.#limiter.consume(accountId);
      return true;
    } catch {
      return false;
    }
  }
}
