import pRetry, { AbortError } from 'p-retry';
import {
  type AccountLimiter,
  ENDPOINT,
  rateLimitScope,
  type StripeEndpoint,
} from './account-limiter';
import { classifyStripeError, type StripeFailure } from './stripe-errors';

/** How hard {@link callStripe} tries. */
export interface StripeRetryOptions {
  /** Retries after 5xx, connection errors, lock timeouts and other 429s that are not a limiter's. Default: 6. */
  retries?: number | undefined;
  /** First backoff in milliseconds (randomised, doubling). Default: 250. */
  minTimeoutMs?: number | undefined;
  /** Longest backoff in milliseconds. Default: 8 000. */
  maxTimeoutMs?: number | undefined;
  /**
   * How long one call may keep retrying, 429s included (429s do not use up
   * `retries`: the limiter slows down instead). Default: 300 000 (5 minutes).
   */
  maxRetryTimeMs?: number | undefined;
}

/** A Stripe call that failed for good, with its classification. */
export class StripeCallError extends Error {
  readonly failure: StripeFailure;
  constructor(failure: StripeFailure, cause: unknown) {
    super(failure.message, { cause });
    this.name = 'StripeCallError';
    this.failure = failure;
  }
}

/** Per-call settings of {@link callStripe}. */
export interface CallStripeOptions extends StripeRetryOptions {
  /** The Stripe endpoint called, whose own limit paces it. Default: `other`. */
  endpoint?: StripeEndpoint;
  /** Stops retrying (and queued attempts never reach Stripe). */
  signal?: AbortSignal;
  /** Called for every request sent to Stripe (retries included), e.g. to count reads. */
  onRequest?: () => void;
}

/**
 * Runs one Stripe SDK call through the account's layered limiter, retrying
 * with p-retry. A limiter 429 slows the layer its `Stripe-Rate-Limited-Reason`
 * names — `endpoint-*` that endpoint only, `global-*` every request to the
 * account — and retries at the new pace without using up the retry budget;
 * 5xx, connection errors, `Stripe-Should-Retry: true` and 429s that are not a
 * limiter's (`lock_timeout`, `resource-specific`) retry that request alone
 * with backoff; everything else fails at once as a {@link StripeCallError}.
 * Writes must carry an `Idempotency-Key`, so a retry can never apply twice.
 */
export async function callStripe<T>(
  limiter: AccountLimiter,
  priority: number,
  call: () => Promise<T>,
  options: CallStripeOptions = {},
): Promise<T> {
  const endpoint = options.endpoint ?? ENDPOINT.other;
  const failures = new WeakMap<Error, StripeFailure>();
  try {
    return await pRetry(
      () =>
        limiter.schedule(endpoint, priority, async () => {
          // Queued before the caller gave up: never reach Stripe.
          if (options.signal?.aborted) throw new AbortError(String(options.signal.reason));
          options.onRequest?.();
          try {
            return await call();
          } catch (error) {
            const failure = classifyStripeError(error);
            if (failure.kind === 'rate_limited') {
              limiter.rateLimited(
                endpoint,
                rateLimitScope(failure.rateLimitedReason ?? null),
                failure.retryAfterSeconds,
              );
            }
            const wrapped = new StripeCallError(failure, error);
            failures.set(wrapped, failure);
            throw wrapped;
          }
        }),
      {
        retries: options.retries ?? 6,
        minTimeout: options.minTimeoutMs ?? 250,
        maxTimeout: options.maxTimeoutMs ?? 8000,
        maxRetryTime: options.maxRetryTimeMs ?? 300_000,
        randomize: true,
        signal: options.signal,
        shouldConsumeRetry: ({ error }) => failures.get(error)?.kind !== 'rate_limited',
        shouldRetry: ({ error }) => {
          const kind = failures.get(error)?.kind;
          return kind === 'rate_limited' || kind === 'transient';
        },
      },
    );
  } catch (error) {
    if (error instanceof StripeCallError) throw error;
    if (options.signal?.aborted) throw options.signal.reason;
    throw new StripeCallError(classifyStripeError(error), error);
  }
}
