import type { ApiKey, ApiKeyRegistry } from './api-key-registry';
import type { SandboxState } from './sandbox-state';
import type { StripeAccount } from './stripe-account';
import {
  accountNotAccessible,
  expiredApiKey,
  invalidApiKey,
  liveKeyRefused,
  missingApiKey,
  publishableKeyRefused,
} from './stripe-error';

/** The key in an `Authorization` header: `Bearer <key>`, or `Basic` with the key as user name. */
export function keyFromHeader(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme = '', value = ''] = header.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer') return value || null;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.split(':')[0] || null;
  }
  return null;
}

/**
 * Finds the key a request carries, with Stripe's 401s: no key, unknown key,
 * revoked key (`api_key_expired`), publishable key; live keys are refused
 * with a message saying the sandbox is test mode only.
 */
export function authenticate(header: string | undefined, keys: ApiKeyRegistry): ApiKey {
  const secret = keyFromHeader(header);
  if (!secret) throw missingApiKey();
  const key = keys.get(secret);
  if (!key) {
    if (/^(?:sk|rk|pk)_live_/.test(secret)) throw liveKeyRefused(secret);
    throw invalidApiKey(secret);
  }
  if (key.revoked) throw expiredApiKey(secret);
  if (key.kind === 'publishable') throw publishableKeyRefused();
  return key;
}

/**
 * The account a request acts on: the key's own, or with `Stripe-Account`
 * an account connected to the key's account (Connect). Anything else is
 * Stripe's 403 `account_invalid`.
 */
export function resolveAccount(
  key: ApiKey,
  stripeAccount: string | undefined,
  state: SandboxState,
): StripeAccount {
  const own = state.account(key.accountId);
  if (!own) throw invalidApiKey(key.secret);
  if (!stripeAccount || stripeAccount === own.id) return own;
  const target = state.account(stripeAccount);
  if (key.kind !== 'oauth' && target?.connectedPlatforms.has(own.id)) return target;
  throw accountNotAccessible(key.secret, stripeAccount);
}
