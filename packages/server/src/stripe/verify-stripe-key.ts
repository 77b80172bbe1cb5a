import { createHash } from 'node:crypto';
import { API_ERROR_MESSAGES, findStripeKeyProblem, type StripeMode } from '@referkit/core';
import { ApiError } from '../api-error';
import type { VerifiedConnection } from '../store/connection-store';
import { createStripeClient, type StripeClientOptions } from './stripe-client';
import { classifyStripeError, type StripeFailure } from './stripe-errors';

/** An id for the permission probe that no real customer has: a 404 proves write access. */
export const PERMISSION_PROBE_CUSTOMER = 'cus_referkit_permission_probe';

const FIELD = 'secretKey';

function keyError(
  code: 'stripe_key_rejected' | 'stripe_key_missing_permissions' | 'stripe_unavailable',
  message: string,
): ApiError {
  return new ApiError(code, message, { fields: { [FIELD]: message } });
}

/** The API error for a failed check step; `permission` names what the step needs. */
function stepError(failure: StripeFailure, permission: string): ApiError {
  switch (failure.kind) {
    case 'unauthorized':
      return keyError('stripe_key_rejected', API_ERROR_MESSAGES.stripeKeyRejected);
    case 'forbidden':
      return keyError(
        'stripe_key_missing_permissions',
        `This restricted key lacks the "${permission}" permission. Edit the key in the Stripe Dashboard to allow ${permission}, or paste a secret key.`,
      );
    case 'rate_limited':
    case 'transient':
      return keyError(
        'stripe_unavailable',
        'Stripe could not be reached to check the key. Try again in a moment.',
      );
    default:
      return keyError('stripe_key_rejected', `Stripe refused this key: ${failure.message}`);
  }
}

async function step<T>(permission: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw stepError(classifyStripeError(error), permission);
  }
}

/**
 * Checks a pasted key before it is saved: its shape and mode first (no call),
 * then live against Stripe — the account (for its name), reading customers,
 * reading events, and a write-permission probe that writes nothing (updating
 * a customer that does not exist: 404 proves the permission, 403 its absence).
 * Each failure is an {@link ApiError} with its own code and message.
 */
export async function verifyStripeKey(
  secretKey: string,
  mode: StripeMode,
  clientOptions: StripeClientOptions,
  method: 'key' | 'oauth' = 'key',
): Promise<VerifiedConnection> {
  const key = secretKey.trim();
  const problem = findStripeKeyProblem(key, mode);
  if (problem) {
    throw new ApiError(problem.code, problem.message, {
      fields: { [FIELD]: problem.fieldMessage },
    });
  }
  const stripe = createStripeClient(key, { ...clientOptions, maxNetworkRetries: 1 });

  let stripeAccountId: string;
  let accountName: string;
  try {
    const account = await stripe.accounts.retrieveCurrent();
    stripeAccountId = account.id;
    accountName =
      account.settings?.dashboard?.display_name ||
      account.business_profile?.name ||
      account.email ||
      account.id;
  } catch (error) {
    const failure = classifyStripeError(error);
    // A restricted key may be barred from reading the account: that is not needed to sync.
    if (failure.kind !== 'forbidden') throw stepError(failure, 'Account: Read');
    stripeAccountId = `key_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
    accountName = 'Stripe account';
  }
  await step('Customers: Read', () => stripe.customers.list({ limit: 1 }));
  await step('Events: Read', () => stripe.events.list({ limit: 1 }));
  try {
    await stripe.customers.update(PERMISSION_PROBE_CUSTOMER, {});
  } catch (error) {
    const failure = classifyStripeError(error);
    if (failure.kind !== 'missing') throw stepError(failure, 'Customers: Write');
  }
  return { method, mode, secretKey: key, stripeAccountId, accountName };
}

/** A sentence for the Sync screen when a saved key stops working, or `null` when the failure is passing. */
export function connectionProblem(failure: StripeFailure): string | null {
  if (failure.kind === 'unauthorized') {
    return 'Stripe rejected the saved key — it may have been revoked or rolled. Reconnect Stripe with a current key.';
  }
  if (failure.kind === 'forbidden') {
    const permission = /rak_[a-z_]+/.exec(failure.message)?.[0];
    return `The saved key lost a permission it needs${permission ? ` (${permission})` : ''}. Connect Stripe again with a key that can read and write customers and read events.`;
  }
  return null;
}
