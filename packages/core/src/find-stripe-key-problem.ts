import { parseStripeKey, type StripeMode } from './api-integrations';

/** Why a pasted key cannot be tried against Stripe, before any request. */
export interface StripeKeyProblem {
  code: 'stripe_key_invalid_format' | 'stripe_key_mode_mismatch';
  /** The sentence shown for the request. */
  message: string;
  /** The sentence shown beside the key field. */
  fieldMessage: string;
}

/**
 * The one check of a pasted Stripe key's shape and mode, for the server's
 * connect route and the mock API: not a secret or restricted key
 * (`stripe_key_invalid_format`, a publishable key named as such), or a key of
 * the other mode (`stripe_key_mode_mismatch`). `null`: worth trying.
 */
export function findStripeKeyProblem(secretKey: string, mode: StripeMode): StripeKeyProblem | null {
  const key = secretKey.trim();
  const info = parseStripeKey(key);
  if (!info) {
    return {
      code: 'stripe_key_invalid_format',
      message: key.startsWith('pk_')
        ? 'That is a publishable key. Paste a secret key (sk_…) or a restricted key (rk_…).'
        : 'That does not look like a Stripe key: paste a secret key (sk_test_… or sk_live_…) or a restricted key (rk_…).',
      fieldMessage: 'Not a Stripe secret or restricted key.',
    };
  }
  if (info.mode !== mode) {
    const message =
      mode === 'live'
        ? 'This is a test mode key, but Live Mode is selected. Paste a live key (…_live_…) or switch to Test Mode.'
        : 'This is a live mode key, but Test Mode is selected. Paste a test key (…_test_…) or switch to Live Mode.';
    return { code: 'stripe_key_mode_mismatch', message, fieldMessage: message };
  }
  return null;
}
