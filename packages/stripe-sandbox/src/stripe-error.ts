import type { RateLimitReason } from './rate-limit-options';

/** The `type` of a Stripe API error, as the SDK reads it. */
export type StripeErrorType =
  | 'api_error'
  | 'card_error'
  | 'idempotency_error'
  | 'invalid_request_error';

/** The JSON body Stripe sends under `error`. */
export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
}

/**
 * An error answered in Stripe's shape: `{ error: { type, code, message, param } }`
 * with the HTTP status the `stripe` SDK maps to its error classes
 * (400/404 → `StripeInvalidRequestError` or `StripeIdempotencyError`,
 * 401 → `StripeAuthenticationError`, 403 → `StripePermissionError`,
 * 429 → `StripeRateLimitError`, 5xx → `StripeAPIError`).
 */
export class StripeApiError extends Error {
  readonly status: number;
  readonly body: StripeErrorBody;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, body: StripeErrorBody, headers: Record<string, string> = {}) {
    super(body.message);
    this.name = 'StripeApiError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }

  /** The response body, exactly as Stripe serialises it. */
  toJSON(): { error: StripeErrorBody } {
    return { error: this.body };
  }
}

function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;
}

/** A 400 `invalid_request_error`, with `code` and `param` when given. */
export function invalidRequest(
  message: string,
  options: { param?: string; code?: string; status?: number } = {},
): StripeApiError {
  const body: StripeErrorBody = { type: 'invalid_request_error', message };
  if (options.code) {
    body.code = options.code;
    body.doc_url = docUrl(options.code);
  }
  if (options.param) body.param = options.param;
  return new StripeApiError(options.status ?? 400, body);
}

/** `Received unknown parameter: x` (`parameter_unknown`). */
export function unknownParameter(param: string): StripeApiError {
  return invalidRequest(`Received unknown parameter: ${param}`, {
    param,
    code: 'parameter_unknown',
  });
}

/** `Missing required param: x.` (`parameter_missing`). */
export function missingParameter(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, {
    param,
    code: 'parameter_missing',
  });
}

/** 404 `No such customer: 'cus_…'` (`resource_missing`). */
export function resourceMissing(noun: string, id: string, param = 'id'): StripeApiError {
  return invalidRequest(`No such ${noun}: '${id}'`, {
    param,
    code: 'resource_missing',
    status: 404,
  });
}

/** 404 for a path Stripe does not serve. */
export function unrecognizedUrl(method: string, path: string): StripeApiError {
  return invalidRequest(
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    { status: 404 },
  );
}

/** Masks a key the way Stripe prints it in errors: prefix, stars, last characters. */
export function maskKey(key: string, visible = 4): string {
  const prefix = /^(?:sk|rk|pk)_(?:test|live)_/.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  if (rest.length <= visible) return prefix + '*'.repeat(rest.length);
  return prefix + '*'.repeat(rest.length - visible) + rest.slice(-visible);
}

/** 401 when the request carries no key at all. */
export function missingApiKey(): StripeApiError {
  return invalidRequest(
    "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    { status: 401 },
  );
}

/** 401 for a key Stripe does not know. */
export function invalidApiKey(key: string): StripeApiError {
  return invalidRequest(`Invalid API Key provided: ${maskKey(key)}`, { status: 401 });
}

/** 401 for a revoked (rolled, deleted or deauthorized) key: `api_key_expired`. */
export function expiredApiKey(key: string): StripeApiError {
  return invalidRequest(
    `Expired API Key provided: ${maskKey(key, 6)}. Application access may have been revoked.`,
    { status: 401, code: 'api_key_expired' },
  );
}

/** 401 for a live-mode key the sandbox does not know (live keys exist only for live-mode accounts). */
export function liveKeyRefused(key: string): StripeApiError {
  return invalidRequest(
    `Invalid API Key provided: ${maskKey(key)}. Live mode keys are refused unless they belong to a live-mode account of the Referkit Stripe sandbox (createAccount({ livemode: true })); the default account is test mode. Use a sk_test_… or rk_test_… key from the sandbox (its CLI prints one).`,
    { status: 401 },
  );
}

/** 401 for a publishable key on a secret-key endpoint. */
export function publishableKeyRefused(): StripeApiError {
  return invalidRequest(
    'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
    { status: 401 },
  );
}

/**
 * 403 for a restricted key that lacks a permission. Stripe's message names the
 * missing permission (`rak_customer_write`, `rak_event_read`, …).
 */
export function missingPermission(key: string, accountId: string, rak: string): StripeApiError {
  return invalidRequest(
    `The provided key '${maskKey(key, 6)}' does not have the required permissions for this endpoint on account '${accountId}'. Having the '${rak}' permission would allow this request to continue.`,
    { status: 403 },
  );
}

/** 403 when `Stripe-Account` names an account the key cannot act on. */
export function accountNotAccessible(key: string, accountId: string): StripeApiError {
  return invalidRequest(
    `The provided key '${maskKey(key, 6)}' does not have access to account '${accountId}' (or that account does not exist). Application access may have been revoked.`,
    { status: 403, code: 'account_invalid' },
  );
}

/**
 * 429 `rate_limit` from one of Stripe's limiters, naming the layer in
 * `Stripe-Rate-Limited-Reason` (docs.stripe.com/rate-limits). No
 * `Stripe-Should-Retry`, so the SDK does not retry it: the caller backs off.
 */
export function rateLimited(reason: RateLimitReason): StripeApiError {
  const error = invalidRequest(
    'Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits.',
    { status: 429, code: 'rate_limit' },
  );
  return new StripeApiError(429, error.body, { 'Stripe-Rate-Limited-Reason': reason });
}

/**
 * 429 `lock_timeout`: another request or Stripe process held the object's
 * lock too long. Not a limiter, so no `Stripe-Rate-Limited-Reason`; Stripe
 * sends `Stripe-Should-Retry: true`, which stripe-node obeys before its
 * status rules (RequestSender._shouldRetry), so the SDK retries it itself
 * when `maxNetworkRetries` > 0 (its default is 2).
 */
export function lockTimeout(): StripeApiError {
  const error = invalidRequest(
    'This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request. If you see this error frequently and are making multiple concurrent requests to a single object, make your requests serially or at a lower rate. See https://stripe.com/docs/rate-limits for more details.',
    { status: 429, code: 'lock_timeout' },
  );
  return new StripeApiError(429, error.body, { 'Stripe-Should-Retry': 'true' });
}

/** 400 `idempotency_error` when a key is reused with other parameters. */
export function idempotencyMismatch(key: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'idempotency_error',
    message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
  });
}

/** 400 `idempotency_error` when a key is reused on another endpoint. */
export function idempotencyEndpointMismatch(
  key: string,
  path: string,
  firstPath: string,
): StripeApiError {
  return new StripeApiError(400, {
    type: 'idempotency_error',
    message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${path}' vs '${firstPath}'). Try using a key other than '${key}' if you meant to execute a different request.`,
  });
}

/**
 * 500 `api_error`. `shouldRetry` sets `Stripe-Should-Retry`, which the SDK
 * obeys before its own status-based rules.
 */
export function apiError(message: string, shouldRetry: boolean): StripeApiError {
  return new StripeApiError(
    500,
    { type: 'api_error', message },
    { 'Stripe-Should-Retry': shouldRetry ? 'true' : 'false' },
  );
}
