import Bottleneck from 'bottleneck';

/** How one limiter layer reacts to 429s. */
export interface AdaptiveRateLimiterOptions {
  /** Lowest rate it slows down to, in requests per second. Default: 1. */
  minRequestsPerSecond?: number | undefined;
  /**
   * Factor the rate is multiplied by on a 429 of this layer (once per
   * second-long burst). Default: 0.8 for an endpoint, 0.5 for the account's
   * global limit — when the merchant's own traffic pushes the account over
   * its limit, the sync gives way first.
   */
  decreaseFactor?: number | undefined;
  /**
   * Share of the target rate added back for every second without a 429.
   * Default: 0.02 for the global layer (from half its budget back to all of it
   * in 25 s: it recovers slowly), 0.05 for an endpoint.
   */
  recoveryPerSecond?: number | undefined;
  /** Most requests in flight at once through this layer. Default: 16. */
  maxConcurrent?: number | undefined;
}

/** What a limiter has done, for progress and the benchmark. */
export interface RateLimiterStats {
  /** Requests started. */
  requests: number;
  /** 429s met on this layer. */
  rateLimited: number;
  /** The rate it paces at now. */
  requestsPerSecond: number;
  /** The highest rate it may reach now: its target times this process's share. */
  ceilingPerSecond: number;
}

/** 429s within this many milliseconds of a slow-down belong to the same burst. */
const BURST_MS = 1000;

/**
 * Requests a layer may send back to back after its timers ran late (a busy
 * event loop): the pace catches up instead of losing the time, while any
 * one-second window holds at most the rate plus one.
 */
const CATCH_UP = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Job priorities: reads (the next page) go before queued writes. */
export const PRIORITY = { read: 3, write: 5 } as const;

/**
 * Paces requests through one layer of Stripe's limits (the account's global
 * limit, or one endpoint's): Bottleneck queues them by priority and holds the
 * ones in flight, and a token bucket spaces their starts at the rate (one
 * request every `1 / rate` seconds, catching up after a late timer). It starts at its target — the
 * budget the sync may use of what Stripe documents for that layer — rather
 * than discovering the limit through 429s. A 429 this layer caused multiplies
 * the rate by `decreaseFactor` (once per burst: further 429s within a second
 * do not count again) and every second without one adds a little back, up to
 * the target times this process's share of the account when several
 * processes use it ({@link AdaptiveRateLimiter.setShare}).
 */
export class AdaptiveRateLimiter {
  /** Hands out turns one at a time, highest priority first. */
  readonly #turns: Bottleneck;
  /** Holds the requests in flight. */
  readonly #bottleneck: Bottleneck;
  /** Turns earned and not taken yet (a token bucket of {@link CATCH_UP}). */
  #tokens = 1;
  #tokensAt = performance.now();
  readonly #min: number;
  readonly #decrease: number;
  readonly #recoveryShare: number;
  #target: number;
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

  /** @param requestsPerSecond - the layer's target rate (the sync's budget of it). */
  constructor(requestsPerSecond: number, options: AdaptiveRateLimiterOptions = {}) {
    this.#target = requestsPerSecond;
    this.#min = Math.min(options.minRequestsPerSecond ?? 1, requestsPerSecond);
    this.#decrease = options.decreaseFactor ?? 0.8;
    this.#recoveryShare = options.recoveryPerSecond ?? 0.05;
    this.#rate = requestsPerSecond;
    this.#turns = new Bottleneck({ maxConcurrent: 1 });
    this.#bottleneck = new Bottleneck({ maxConcurrent: options.maxConcurrent ?? 16 });
  }

  /** Runs `task` when the pace allows; `priority` 0 (first) to 9. */
  schedule<T>(priority: number, task: () => Promise<T>): Promise<T> {
    // Requests already waiting for their turn: this process wants more than it may send.
    if (this.#waiting > 0) this.#lastBusyAt = performance.now();
    this.#waiting += 1;
    // A slot in flight first (so a turn is never spent waiting for one), then the turn, then the request.
    return this.#bottleneck.schedule({ priority }, async () => {
      await this.#turns.schedule({ priority }, () => this.#takeTurn());
      this.#waiting -= 1;
      this.#requests += 1;
      this.#recover();
      return task();
    });
  }

  /** Waits until the pace allows one more request (and any `Retry-After` pause is over). */
  async #takeTurn(): Promise<void> {
    for (;;) {
      const paused = this.#pausedUntil - Date.now();
      if (paused > 0) {
        await sleep(paused);
        continue;
      }
      const now = performance.now();
      this.#tokens = Math.min(
        CATCH_UP,
        this.#tokens + ((now - this.#tokensAt) * this.#rate) / 1000,
      );
      this.#tokensAt = now;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      await sleep(((1 - this.#tokens) * 1000) / this.#rate);
    }
  }

  /** Tell the layer it answered 429; `retryAfterSeconds` pauses it when Stripe said so. */
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
   * This process's share (0–1] of the layer, when several processes use the
   * account (see `StripeLimiters`): the rate never goes above `target × share`,
   * and drops to it at once.
   */
  setShare(share: number): void {
    this.#share = Math.min(1, Math.max(0.001, share));
    if (this.#rate > this.#ceiling()) this.#setRate(this.#rate);
  }

  /** Changes the target (the key's mode became known, or the budget changed); the rate follows at once. */
  setTarget(requestsPerSecond: number): void {
    this.#target = requestsPerSecond;
    this.#setRate(this.#ceiling());
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
    return this.#bottleneck.queued() + this.#turns.queued();
  }

  /** Stops scheduling; queued jobs are dropped. */
  async stop(): Promise<void> {
    await Promise.all([
      this.#turns.stop({ dropWaitingJobs: true }).catch(() => {}),
      this.#bottleneck.stop({ dropWaitingJobs: true }).catch(() => {}),
    ]);
  }

  #ceiling(): number {
    return Math.max(this.#min, this.#target * this.#share);
  }

  #recover(): void {
    const now = performance.now();
    const elapsed = (now - this.#lastAdjustAt) / 1000;
    if (elapsed < 0.25 || this.#rate >= this.#ceiling()) return;
    this.#lastAdjustAt = now;
    this.#setRate(this.#rate + this.#recoveryShare * this.#ceiling() * elapsed);
  }

  #setRate(rate: number): void {
    const now = performance.now();
    // Turns earned at the old rate stay earned; a slow-down also drops the catch-up.
    const earned = this.#tokens + ((now - this.#tokensAt) * this.#rate) / 1000;
    const next = Math.max(this.#min, Math.min(this.#ceiling(), rate));
    this.#tokens = Math.min(next < this.#rate ? 1 : CATCH_UP, earned);
    this.#tokensAt = now;
    this.#rate = next;
  }
}
