import type { StripeRecord } from '@referkit/core';
import { API_ERROR_MESSAGES } from '@referkit/core';
import type Stripe from 'stripe';
import { ApiError } from '../api-error';
import type { ServerContext } from '../server-context';
import { type ConnectionRow, UNREADABLE_KEY_PROBLEM } from '../store/connection-store';
import { PRIORITY } from './adaptive-rate-limiter';
import { callStripe, StripeCallError } from './call-stripe';
import { toStripeRecord } from './to-stripe-record';
import { connectionProblem } from './verify-stripe-key';

/** The tenant's Stripe connection, or 409 `integration_not_connected`. */
export async function requireConnection(
  ctx: ServerContext,
  accountId: string,
): Promise<ConnectionRow> {
  const connection = await ctx.connections.get(accountId);
  if (!connection) {
    throw new ApiError('integration_not_connected', API_ERROR_MESSAGES.stripeNotConnected);
  }
  if (!ctx.connections.readable(connection)) throw await needsReconnect(ctx, connection);
  return connection;
}

/**
 * A connection whose saved key no configured encryption key opens (the host
 * changed `encryptionKey` without keeping the old one in the list): marked
 * as failing with what to do, and answered 409 — never a 500.
 */
export async function needsReconnect(
  ctx: ServerContext,
  connection: ConnectionRow,
): Promise<ApiError> {
  if (connection.status !== 'error' || connection.error !== UNREADABLE_KEY_PROBLEM) {
    await ctx.connections.markChecked(connection.id, UNREADABLE_KEY_PROBLEM);
  }
  return new ApiError('integration_not_connected', UNREADABLE_KEY_PROBLEM);
}

/** How a call made while someone waits is retried: twice, within 10 s. Default of {@link callConnectionStripe}. */
const BRIEF_RETRY = { retries: 2, maxRetryTimeMs: 10_000 };

/**
 * One read-priority Stripe call on a connection, paced by its account's
 * limiter and retried briefly — the one way the request handlers and the
 * webhook set-up call Stripe (the engine's calls pace and retry their own way).
 *
 * @param retry - how the call is retried. Default: twice, within 10 s.
 */
export function callConnectionStripe<T>(
  ctx: ServerContext,
  connection: ConnectionRow,
  work: (stripe: Stripe) => Promise<T>,
  retry: { retries: number; maxRetryTimeMs: number } = BRIEF_RETRY,
): Promise<T> {
  const stripe = ctx.stripeFor(connection);
  return callStripe(
    ctx.limiters.get(connection.stripe_account_id),
    PRIORITY.read,
    () => work(stripe),
    retry,
  );
}

/**
 * A Stripe call made on behalf of a request: paced by the account's limiter,
 * retried briefly, and mapped to the API's errors. A key that stopped working
 * marks the connection as failing, so the Sync screen says why.
 */
export async function stripeForRequest<T>(
  ctx: ServerContext,
  connection: ConnectionRow,
  call: (stripe: Stripe) => Promise<T>,
): Promise<T> {
  if (!ctx.connections.readable(connection)) throw await needsReconnect(ctx, connection);
  try {
    return await callConnectionStripe(ctx, connection, call);
  } catch (error) {
    if (!(error instanceof StripeCallError)) throw error;
    const problem = connectionProblem(error.failure);
    if (problem) {
      await ctx.connections.markChecked(connection.id, problem);
      throw new ApiError(
        error.failure.kind === 'forbidden'
          ? 'stripe_key_missing_permissions'
          : 'stripe_key_rejected',
        problem,
      );
    }
    throw new ApiError('stripe_unavailable', 'Stripe could not be reached. Try again in a moment.');
  }
}

/** Recent customers, for field discovery and the name preview. */
export async function recentCustomers(
  ctx: ServerContext,
  connection: ConnectionRow,
  limit: number,
): Promise<StripeRecord[]> {
  const page = await stripeForRequest(ctx, connection, (stripe) =>
    stripe.customers.list({ limit }),
  );
  return page.data.map((customer) =>
    toStripeRecord(customer as unknown as Record<string, unknown>),
  );
}
