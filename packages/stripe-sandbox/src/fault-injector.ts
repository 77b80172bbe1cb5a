import { RATE_LIMIT_REASONS, type RateLimitReason } from './rate-limit-options';
import { SeededRandom } from './seeded-random';

/**
 * Faults injected into a share of API requests, each a number from 0 to 1
 * (their sum at most 1). The draw is seeded, so a run repeats exactly.
 */
export interface FaultOptions {
  /**
   * Share answered 429 `rate_limit` with `Stripe-Rate-Limited-Reason:
   * <rateLimitReason>`, as if that limiter refused the request. Default `0`.
   */
  rateLimit?: number;
  /** The layer injected `rateLimit` 429s name. Default `'global-rate'`. */
  rateLimitReason?: RateLimitReason;
  /**
   * Share answered 429 `lock_timeout` before anything runs: not a limiter,
   * so no `Stripe-Rate-Limited-Reason`, and `Stripe-Should-Retry: true`,
   * which the SDK obeys (it retries when `maxNetworkRetries` > 0). Default `0`.
   */
  lockTimeout?: number;
  /**
   * Share answered 500 `api_error` before anything runs, with
   * `Stripe-Should-Retry: true` (nothing happened, so retrying is safe; the
   * SDK retries it when `maxNetworkRetries` > 0). Default `0`.
   */
  serverError?: number;
  /**
   * Share whose connection is closed without a response after the request
   * ran, as when a network fails after Stripe processed a write. A retry with
   * the same `Idempotency-Key` replays the saved response. Default `0`.
   */
  dropConnection?: number;
  /** Share answered after an extra delay of `slowMs`. Default `0`. */
  slow?: number;
  /** Extra delay of a slow response, in ms. Default `2000`. */
  slowMs?: number;
  /**
   * Share of webhook deliveries sent twice, as Stripe may do (receivers
   * must dedupe by event id). Independent of the request shares. Default `0`.
   */
  duplicateWebhooks?: number;
}

/** {@link FaultOptions} with defaults filled in. */
export type ResolvedFaults = Required<FaultOptions>;

/** A fault chosen for one request. */
export type Fault = 'rateLimit' | 'lockTimeout' | 'serverError' | 'dropConnection' | 'slow' | null;

const SHARES = ['rateLimit', 'lockTimeout', 'serverError', 'dropConnection', 'slow'] as const;

/** Checks fault shares and fills defaults. */
export function resolveFaults(input: FaultOptions = {}, base?: ResolvedFaults): ResolvedFaults {
  const out: ResolvedFaults = {
    rateLimit: 0,
    rateLimitReason: 'global-rate',
    lockTimeout: 0,
    serverError: 0,
    dropConnection: 0,
    slow: 0,
    slowMs: 2000,
    duplicateWebhooks: 0,
    ...base,
  };
  for (const name of SHARES) {
    const value = input[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new RangeError(`faults.${name} must be a share from 0 to 1.`);
    }
    out[name] = value;
  }
  if (input.duplicateWebhooks !== undefined) {
    const share = input.duplicateWebhooks;
    if (typeof share !== 'number' || !(share >= 0 && share <= 1)) {
      throw new RangeError('faults.duplicateWebhooks must be a share from 0 to 1.');
    }
    out.duplicateWebhooks = share;
  }
  if (input.rateLimitReason !== undefined) {
    if (!RATE_LIMIT_REASONS.includes(input.rateLimitReason)) {
      throw new RangeError(
        `faults.rateLimitReason must be one of ${RATE_LIMIT_REASONS.join(', ')}.`,
      );
    }
    out.rateLimitReason = input.rateLimitReason;
  }
  if (input.slowMs !== undefined) {
    if (typeof input.slowMs !== 'number' || !(input.slowMs >= 0)) {
      throw new RangeError('faults.slowMs must be a number of milliseconds ≥ 0.');
    }
    out.slowMs = input.slowMs;
  }
  const total = SHARES.reduce((sum, name) => sum + out[name], 0);
  if (total > 1 + 1e-9) throw new RangeError('The fault shares add up to more than 1.');
  return out;
}

/** Draws at most one fault per request from a seeded stream. */
export class FaultInjector {
  #faults: ResolvedFaults;
  #random: SeededRandom;
  #webhookRandom: SeededRandom;
  readonly #seed: number | string;

  constructor(faults: ResolvedFaults, seed: number | string) {
    this.#faults = faults;
    this.#seed = seed;
    this.#random = new SeededRandom(`${seed}:faults`);
    this.#webhookRandom = new SeededRandom(`${seed}:webhook-faults`);
  }

  get faults(): ResolvedFaults {
    return this.#faults;
  }

  configure(faults: ResolvedFaults): void {
    this.#faults = faults;
  }

  /** Restarts the seeded stream. */
  reset(): void {
    this.#random = new SeededRandom(`${this.#seed}:faults`);
    this.#webhookRandom = new SeededRandom(`${this.#seed}:webhook-faults`);
  }

  /** Whether to send one webhook delivery twice. */
  duplicateWebhook(): boolean {
    const share = this.#faults.duplicateWebhooks;
    return share > 0 && this.#webhookRandom.float() < share;
  }

  draw(): Fault {
    const f = this.#faults;
    if (f.rateLimit + f.lockTimeout + f.serverError + f.dropConnection + f.slow === 0) return null;
    let r = this.#random.float();
    for (const name of SHARES) {
      if (r < f[name]) return name;
      r -= f[name];
    }
    return null;
  }
}
