import Stripe from 'stripe';

/** What a failed Stripe call means for the caller. */
export type StripeFailureKind =
  /** 429 from the rate limiter: slow down and try again. */
  | 'rate_limited'
  /** 5xx, a connection problem, lock timeouts or `Stripe-Should-Retry: true`: try again. */
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
    // Stripe also answers 429 for lock contention on one object: retry without slowing down.
    if (code === 'lock_timeout') return { kind: 'transient', ...base };
    return { kind: 'rate_limited', ...base };
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
