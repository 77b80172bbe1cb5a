import { STRIPE_LIMITS } from './stripe-limits';

/** Why a metadata key breaks Stripe's rules. */
export type MetadataKeyProblem =
  | 'metadata_key_empty'
  | 'metadata_key_too_long'
  | 'metadata_key_invalid_chars';

/**
 * Checks a metadata key against Stripe's rules: not empty, at most 40
 * characters, no `[` or `]`. Returns the problem, or `null` for a good key.
 * The wizard calls this as the user types; `validateSyncConfig` calls it too.
 */
export function checkMetadataKey(key: string): MetadataKeyProblem | null {
  if (key.trim().length === 0) return 'metadata_key_empty';
  if (key.length > STRIPE_LIMITS.metadataKeyMaxLength) return 'metadata_key_too_long';
  if (/[[\]]/.test(key)) return 'metadata_key_invalid_chars';
  return null;
}
