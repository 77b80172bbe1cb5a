import stableStringify from 'fast-json-stable-stringify';

/** How long Stripe keeps an idempotency key: at least 24 hours. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Longest `Idempotency-Key` Stripe accepts. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/** The saved outcome of the first request made with a key. */
export interface SavedResponse {
  /** Endpoint path of the first request (`/v1/customers/cus_…`). */
  path: string;
  /** Canonical form of the first request's parameters. */
  fingerprint: string;
  status: number;
  json: string;
  /** `Request-Id` of the first request, sent back as `Original-Request`. */
  requestId: string;
  /** Unix seconds after which the key may be reused. */
  expiresAt: number;
}

/** Stable text for parameters, independent of key order (fast-json-stable-stringify sorts keys at every level). */
export function fingerprintParams(value: unknown): string {
  return stableStringify(value) ?? 'null';
}

/**
 * One account's idempotency keys. Insertion order is time order, so expired
 * keys are dropped from the front.
 */
export class IdempotencyCache {
  readonly #saved = new Map<string, SavedResponse>();

  get size(): number {
    return this.#saved.size;
  }

  /** The saved response for `key`, unless it expired at `now`. */
  get(key: string, now: number): SavedResponse | undefined {
    const saved = this.#saved.get(key);
    if (saved && saved.expiresAt <= now) {
      this.#saved.delete(key);
      return undefined;
    }
    return saved;
  }

  set(key: string, response: Omit<SavedResponse, 'expiresAt'>, now: number): void {
    this.prune(now);
    this.#saved.set(key, { ...response, expiresAt: now + IDEMPOTENCY_TTL_SECONDS });
  }

  /** Drops expired keys. */
  prune(now: number): void {
    for (const [key, saved] of this.#saved) {
      if (saved.expiresAt > now) break;
      this.#saved.delete(key);
    }
  }
}
