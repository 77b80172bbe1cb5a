import { TokenBucket } from 'limiter';
import type { KeyMode, RateLimitReason, ResolvedRateLimits } from './rate-limit-options';

/** The answer for one request: admitted (release the slot when answered) or refused by a layer. */
export type Admission = { ok: true; release: () => void } | { ok: false; reason: RateLimitReason };

const OPEN: Admission = Object.freeze({ ok: true, release: () => {} });

function bucket(rate: number, parentBucket?: TokenBucket): TokenBucket {
  const created = new TokenBucket({
    bucketSize: rate,
    tokensPerInterval: rate,
    interval: 'second',
    ...(parentBucket ? { parentBucket } : {}),
  });
  // Starts full: an idle account may send one second's worth at once.
  created.content = rate;
  return created;
}

/**
 * Stripe's layered limits for every account (docs.stripe.com/rate-limits):
 * a global rate and an in-flight limit per account and key mode, and a rate
 * (and optionally an in-flight limit) per account, mode and operation. Each
 * rate is a token bucket of one second's worth (the `limiter` package's
 * hierarchical `TokenBucket`: the operation's bucket has the account's as
 * parent, so one admitted request takes a token from both, and a refused
 * one from neither). A steady pace at the limit is always served; after a
 * quiet second a burst of up to one second's worth is too. Stripe describes
 * its request rate limiter as a token bucket ("Scaling your API with rate
 * limiters", stripe.com/blog/rate-limiters) but not its depth; one second's
 * worth matches "requests per second" without letting a client exceed the
 * rate for longer than that first second.
 */
export class LayeredRateLimiter {
  #limits: ResolvedRateLimits | false;
  #global = new Map<string, TokenBucket>();
  #endpoint = new Map<string, TokenBucket | null>();
  #inFlight = new Map<string, number>();

  constructor(limits: ResolvedRateLimits | false) {
    this.#limits = limits;
  }

  /** The limits in force. */
  get limits(): ResolvedRateLimits | false {
    return this.#limits;
  }

  /** Changes the limits; rate budgets start afresh, requests in flight still count. */
  configure(limits: ResolvedRateLimits | false): void {
    this.#limits = limits;
    this.#global.clear();
    this.#endpoint.clear();
  }

  /** Requests in flight for an account and mode (for tests and the control API). */
  inFlight(accountId: string, mode: KeyMode): number {
    return this.#inFlight.get(`${accountId}|${mode}`) ?? 0;
  }

  /**
   * Admits one request of `operation` (`POST /v1/customers/:id`) on an
   * account in a mode, or names the layer that refuses it. Concurrency is
   * checked first (it takes nothing), then the rates; an admitted request
   * holds its in-flight slots until `release()`.
   */
  admit(accountId: string, mode: KeyMode, operation: string): Admission {
    const limits = this.#limits;
    if (limits === false) return OPEN;
    const accountKey = `${accountId}|${mode}`;
    const operationKey = `${accountKey}|${operation}`;
    const concurrency = limits.concurrency[mode];
    if (concurrency !== false && (this.#inFlight.get(accountKey) ?? 0) >= concurrency) {
      return { ok: false, reason: 'global-concurrency' };
    }
    const endpointConcurrency = limits.endpointConcurrency;
    if (
      endpointConcurrency !== false &&
      (this.#inFlight.get(operationKey) ?? 0) >= endpointConcurrency
    ) {
      return { ok: false, reason: 'endpoint-concurrency' };
    }
    const global = this.#globalBucket(accountKey, limits.global[mode]);
    const endpoint = this.#endpointBucket(operationKey, operation, limits, global);
    const first = endpoint ?? global;
    if (first && !first.tryRemoveTokens(1)) {
      // The operation's bucket is checked (and topped up) before its parent.
      return {
        ok: false,
        reason: endpoint && endpoint.content < 1 ? 'endpoint-rate' : 'global-rate',
      };
    }
    const keys = endpointConcurrency === false ? [accountKey] : [accountKey, operationKey];
    for (const key of keys) this.#inFlight.set(key, (this.#inFlight.get(key) ?? 0) + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        for (const key of keys) {
          const left = (this.#inFlight.get(key) ?? 1) - 1;
          if (left <= 0) this.#inFlight.delete(key);
          else this.#inFlight.set(key, left);
        }
      },
    };
  }

  #globalBucket(accountKey: string, rate: number | false): TokenBucket | undefined {
    if (rate === false) return undefined;
    let found = this.#global.get(accountKey);
    if (!found) {
      found = bucket(rate);
      this.#global.set(accountKey, found);
    }
    return found;
  }

  #endpointBucket(
    operationKey: string,
    operation: string,
    limits: ResolvedRateLimits,
    global: TokenBucket | undefined,
  ): TokenBucket | null {
    const cached = this.#endpoint.get(operationKey);
    if (cached !== undefined) return cached;
    const rate = limits.operations[operation] ?? limits.endpoint;
    const created = rate === false ? null : bucket(rate, global);
    this.#endpoint.set(operationKey, created);
    return created;
  }
}
