import Stripe from 'stripe';

/** What a failed Stripe call means for the caller. */
export type StripeFailureKind =
  /** 429 from one of Stripe's limiters (`Stripe-Rate-Limited-Reason: global-*` or `endpoint-*`): slow that layer down and try again. */
  | 'rate_limited'
  /**
   * 5xx, a connection problem, `Stripe-Should-Retry: true`, or a 429 that is
   * not a limiter's (a `lock_timeout`, `resource-specific`, no reason header):
   * try that request again with backoff.
   */
  | 'transient'
  /** 401: the key was revoked or is wrong. */
  | 'unauthorized'
  /** 403: the (restricted) key lacks a permission. */
  | 'forbidden'
  /** 404 `resource_missing`: the object does not exist (e.g. a deleted customer). */
  | 'missing'
  /** Any other 4xx: Stripe refused this request; retrying will not help. */
  | 'rejected';

/** A Stripe failure, classified. */
export interface StripeFailure {
  kind: StripeFailureKind;
  status: number | null;
  code: string | null;
  message: string;
  /** Seconds from a `Retry-After` header, if Stripe sent one. */
  retryAfterSeconds: number | null;
  /** A 429's `Stripe-Rate-Limited-Reason` (`global-rate`, `endpoint-concurrency`, …), if any. */
  rateLimitedReason?: string | null;
}

function header(error: { headers?: unknown }, name: string): string | null {
  const headers = error.headers as Record<string, string | string[] | undefined> | undefined;
  const value = headers?.[name] ?? headers?.[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** Classifies anything a Stripe SDK call threw. */
export function classifyStripeError(error: unknown): StripeFailure {
  if (!(error instanceof Stripe.errors.StripeError)) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'transient', status: null, code: null, message, retryAfterSeconds: null };
  }
  const status = error.statusCode ?? null;
  const code = error.code ?? null;
  const shouldRetry = header(error, 'stripe-should-retry');
  const retryAfter = Number(header(error, 'retry-after'));
  const base = {
    status,
    code,
    message: error.message,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  };
  if (error.type === 'StripeConnectionError') return { kind: 'transient', ...base };
  if (status === 429) {
    // docs.stripe.com/rate-limits: a limiter's 429 names its layer; a 429
    // without that header (lock contention on one object, `lock_timeout`,
    // which the official SDK retries through `Stripe-Should-Retry`) or a
    // `resource-specific` one is retried on its own without slowing down.
    const reason = header(error, 'stripe-rate-limited-reason');
    const limiter = reason?.startsWith('global-') || reason?.startsWith('endpoint-');
    return { kind: limiter ? 'rate_limited' : 'transient', ...base, rateLimitedReason: reason };
  }
  if (shouldRetry === 'true') return { kind: 'transient', ...base };
  if (shouldRetry === 'false') {
    return {
      kind: status !== null && status >= 500 ? 'rejected' : kindOfStatus(status, code),
      ...base,
    };
  }
  if (status === null || status >= 500 || status === 409) return { kind: 'transient', ...base };
  return { kind: kindOfStatus(status, code), ...base };
}

function kindOfStatus(status: number | null, code: string | null): StripeFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || code === 'resource_missing') return 'missing';
  return 'rejected';
}
