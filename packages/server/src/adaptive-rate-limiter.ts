import Bottleneck from 'bottleneck';

/** Tuning of an {@link AdaptiveRateLimiter}. */
export interface AdaptiveRateLimiterOptions {
  /**
   * Highest rate it ever paces at, in requests per second. Default: 120 — a
   * little above Stripe's documented 100/s live-mode limit, so the pace finds
   * the account's real limit by meeting it (and makes up for timer lag).
   * Raise it for accounts Stripe gave a higher limit.
   */
  maxRequestsPerSecond?: number | undefined;
  /** Rate it starts at. Default: 100, or `maxRequestsPerSecond` when lower. */
  initialRequestsPerSecond?: number | undefined;
  /** Lowest rate it slows down to. Default: 1. */
  minRequestsPerSecond?: number | undefined;
  /** Factor the rate is multiplied by on a 429. Default: 0.95. */
  decreaseFactor?: number | undefined;
  /**
   * Requests per second added back for every second without a 429, as a
   * share of `maxRequestsPerSecond`. Default: 0.02 (2 % of the maximum a second).
   */
  recoveryPerSecond?: number | undefined;
  /** Most requests in flight at once. Default: 64. */
  maxConcurrent?: number | undefined;
}

/** What a limiter has done, for progress and the benchmark. */
export interface RateLimiterStats {
  /** Requests started. */
  requests: number;
  /** 429s met. */
  rateLimited: number;
  /** The rate it paces at now. */
  requestsPerSecond: number;
  /** The highest rate it may reach now: `maxRequestsPerSecond` times this process's share. */
  ceilingPerSecond: number;
}

/** 429s within this many milliseconds of a slow-down belong to the same burst. */
const BURST_MS = 1000;

/** Job priorities: reads (the next page) go before queued writes. */
export const PRIORITY = { read: 3, write: 5 } as const;

/**
 * Paces requests to one Stripe account with Bottleneck and adapts the pace to
 * the limit it meets: a 429 multiplies the rate by `decreaseFactor` (once per
 * burst: further 429s within a second do not count again), and every second
 * without one adds a little back, up to `maxRequestsPerSecond` — times this
 * process's share of the account when several processes sync it ({@link AdaptiveRateLimiter.setShare}).
 */
export class AdaptiveRateLimiter {
  readonly #bottleneck: Bottleneck;
  readonly #max: number;
  readonly #min: number;
  readonly #decrease: number;
  readonly #recovery: number;
  #rate: number;
  #lastDecreaseAt = Number.NEGATIVE_INFINITY;
  #lastAdjustAt = performance.now();
  #requests = 0;
  #rateLimited = 0;
  #pausedUntil = 0;
  #share = 1;
  #lastBusyAt = Number.NEGATIVE_INFINITY;
  /** Requests scheduled that have not started yet. */
  #waiting = 0;

  constructor(options: AdaptiveRateLimiterOptions = {}) {
    this.#max = options.maxRequestsPerSecond ?? 120;
    this.#min = options.minRequestsPerSecond ?? 1;
    this.#decrease = options.decreaseFactor ?? 0.95;
    this.#recovery = (options.recoveryPerSecond ?? 0.02) * this.#max;
    this.#rate = Math.min(this.#max, options.initialRequestsPerSecond ?? 100);
    this.#bottleneck = new Bottleneck({
      minTime: 1000 / this.#rate,
      maxConcurrent: options.maxConcurrent ?? 64,
    });
  }

  /** Runs `task` when the pace allows; `priority` 0 (first) to 9. */
  schedule<T>(priority: number, task: () => Promise<T>): Promise<T> {
    // Requests already waiting for their turn: this process wants more than it may send.
    if (this.#waiting > 0) this.#lastBusyAt = performance.now();
    this.#waiting += 1;
    return this.#bottleneck.schedule({ priority }, async () => {
      this.#waiting -= 1;
      const wait = this.#pausedUntil - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.#requests += 1;
      this.#recover();
      return task();
    });
  }

  /** Tell the limiter a request met a 429; `retryAfterSeconds` pauses it when Stripe said so. */
  rateLimited(retryAfterSeconds: number | null = null): void {
    this.#rateLimited += 1;
    if (retryAfterSeconds) {
      this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + retryAfterSeconds * 1000);
    }
    const now = performance.now();
    // Requests already sent at the old rate, and the rest of a one-second
    // window already over its limit, answer 429 too: count such a burst once.
    if (now - this.#lastDecreaseAt < BURST_MS) return;
    this.#lastDecreaseAt = now;
    this.#lastAdjustAt = now;
    this.#setRate(this.#rate * this.#decrease);
  }

  /**
   * This process's share (0–1] of the account's budget, when several
   * processes use the account (see `StripeLimiters`): the rate never goes above
   * `maxRequestsPerSecond × share`, and drops to it at once.
   */
  setShare(share: number): void {
    this.#share = Math.min(1, Math.max(0.001, share));
    if (this.#rate > this.#ceiling()) this.#setRate(this.#rate);
  }

  /**
   * Whether requests had to wait for their turn within the last `withinMs`
   * milliseconds: it is using its pace (a sync run), not making the odd call.
   */
  busyWithin(withinMs: number): boolean {
    return this.#waiting > 0 || performance.now() - this.#lastBusyAt < withinMs;
  }

  get stats(): RateLimiterStats {
    return {
      requests: this.#requests,
      rateLimited: this.#rateLimited,
      requestsPerSecond: this.#rate,
      ceilingPerSecond: this.#ceiling(),
    };
  }

  /** Jobs waiting for their turn. */
  get queued(): number {
    return this.#bottleneck.queued();
  }

  /** Stops scheduling; queued jobs are dropped. */
  async stop(): Promise<void> {
    await this.#bottleneck.stop({ dropWaitingJobs: true }).catch(() => {});
  }

  #ceiling(): number {
    return Math.max(this.#min, this.#max * this.#share);
  }

  #recover(): void {
    const now = performance.now();
    const elapsed = (now - this.#lastAdjustAt) / 1000;
    if (elapsed < 0.25 || this.#rate >= this.#ceiling()) return;
    this.#lastAdjustAt = now;
    this.#setRate(this.#rate + this.#recovery * this.#share * elapsed);
  }

  #setRate(rate: number): void {
    this.#rate = Math.max(this.#min, Math.min(this.#ceiling(), rate));
    this.#bottleneck.updateSettings({ minTime: 1000 / this.#rate });
  }
}
