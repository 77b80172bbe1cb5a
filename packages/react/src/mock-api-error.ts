import { API_ERROR_STATUS, type ApiErrorBody, type ApiErrorCode } from '@referkit/core';

/** An error the mock API answers with, in core's error shape and status. */
export class MockApiError extends Error {
  readonly code: ApiErrorCode;
  readonly extra: Omit<ApiErrorBody['error'], 'code' | 'message'>;

  constructor(
    code: ApiErrorCode,
    message: string,
    extra: Omit<ApiErrorBody['error'], 'code' | 'message'> = {},
  ) {
    super(message);
    this.code = code;
    this.extra = extra;
  }

  get status(): number {
    return API_ERROR_STATUS[this.code];
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

/** What a forced failure (`failing`) says for each code. */
export const FORCED_FAILURE_MESSAGES: Record<ApiErrorCode, string> = {
  invalid_request: 'The request is not valid.',
  invalid_sync_config: 'The sync configuration is not valid.',
  unauthorized: 'Sign in again to continue.',
  forbidden: 'You are not allowed to do this.',
  not_found: 'It no longer exists.',
  method_not_allowed: 'This action is not supported here.',
  conflict: 'Someone changed this at the same time. Reload and try again.',
  duplicate_email: 'A referrer with this email is already in the campaign.',
  payload_too_large: 'The file is too large.',
  unsupported_media_type: 'This kind of file is not supported.',
  csv_invalid: 'The file is not a readable CSV.',
  integration_not_connected: 'Connect Stripe first.',
  stripe_key_invalid_format: 'That is not a Stripe secret or restricted key.',
  stripe_key_mode_mismatch: 'The key is for the other mode.',
  stripe_key_rejected: 'Stripe rejected this key.',
  stripe_key_missing_permissions: 'The key lacks the permissions the sync needs.',
  stripe_unavailable: 'Stripe is not answering right now. Try again in a moment.',
  stripe_oauth_not_configured: 'Connecting with Stripe is not set up here. Paste a key instead.',
  stripe_oauth_failed: 'Stripe did not finish connecting. Try again.',
  webhook_signature_invalid: 'The webhook signature does not match.',
  sync_running: 'A run of this sync is already in progress.',
  idempotency_key_reused: 'This Idempotency-Key was already used with another request.',
  idempotency_key_in_use: 'The first request with this Idempotency-Key is still being answered.',
  internal_error: 'Something went wrong on our side. Try again in a moment.',
};
