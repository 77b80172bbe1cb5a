import Stripe from 'stripe';
import type { StripeSandbox } from './start-stripe-sandbox';
import { stripeClientOptions } from './stripe-client-options';

/** An official SDK client pointed at the sandbox (no automatic retries unless asked). */
export function sdk(
  sandbox: StripeSandbox,
  key = sandbox.secretKey,
  config: Stripe.StripeConfig = {},
): Stripe {
  return new Stripe(key, { ...stripeClientOptions(sandbox.url), maxNetworkRetries: 0, ...config });
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    return error as Stripe.errors.StripeError;
  }
  throw new Error('expected the request to fail');
}

/** Calls the control API and returns its JSON. */
export async function control<T = unknown>(
  sandbox: StripeSandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
  return json;
}
