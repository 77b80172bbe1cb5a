import { z } from 'zod';
import { syncConfigIssueSchema } from './validate-sync-config';

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
  'internal_error',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

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
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
