import { z } from 'zod';
import { syncConfigIssueSchema } from './sync-config-issue';

/** Stable error codes of the HTTP API. */
export const API_ERROR_CODES = [
  'invalid_request',
  'invalid_sync_config',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'duplicate_email',
  'payload_too_large',
  'unsupported_media_type',
  'csv_invalid',
  'integration_not_connected',
  'stripe_key_invalid_format',
  'stripe_key_mode_mismatch',
  'stripe_key_rejected',
  'stripe_key_missing_permissions',
  'stripe_unavailable',
  'stripe_oauth_not_configured',
  'stripe_oauth_failed',
  'webhook_signature_invalid',
  'sync_running',
  'idempotency_key_reused',
  'idempotency_key_in_use',
  'internal_error',
] as const;
/** A stable API error code: see {@link API_ERROR_CODES}. */
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/**
 * The HTTP status each error code is answered with, so the server, the client
 * and the mock API agree: 400 for a request that can be fixed and resent, 409
 * for a clash with the current state (`idempotency_key_in_use`: the first
 * request with that `Idempotency-Key` is still being answered), 422 for a
 * Stripe key that is well formed but refused and for an `Idempotency-Key`
 * reused with another request (`idempotency_key_reused`), 5xx for failures on the server's or Stripe's side.
 */
export const API_ERROR_STATUS: Record<ApiErrorCode, number> = {
  invalid_request: 400,
  invalid_sync_config: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  duplicate_email: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  csv_invalid: 400,
  integration_not_connected: 409,
  stripe_key_invalid_format: 400,
  stripe_key_mode_mismatch: 422,
  stripe_key_rejected: 422,
  stripe_key_missing_permissions: 422,
  stripe_unavailable: 502,
  stripe_oauth_not_configured: 501,
  stripe_oauth_failed: 400,
  webhook_signature_invalid: 400,
  sync_running: 409,
  idempotency_key_reused: 422,
  idempotency_key_in_use: 409,
  internal_error: 500,
};

/**
 * Every error the API returns: `{ error: { code, message, fields?, issues? } }`.
 * `fields` maps a request field to what is wrong with it (for forms);
 * `issues` carries `validateSyncConfig`'s issues for an invalid sync configuration.
 */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    issues: z.array(syncConfigIssueSchema).optional(),
  }),
});
/** The body of every error response. */
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
