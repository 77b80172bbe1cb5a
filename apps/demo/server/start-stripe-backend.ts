import { API_BASE_PATH } from './demo-campaigns';
import type { DemoOptions } from './demo-options';
import type { DemoLog } from './start-demo';

/** The Stripe the demo talks to. */
export interface StripeBackend {
  /** `sandbox`: a local Stripe API (the one the demo started, or `STRIPE_API_BASE`); `stripe`: real Stripe. */
  backend: 'sandbox' | 'stripe';
  /** Base URL of its API; `undefined` for Stripe's own. */
  apiBase: string | undefined;
  /** The test key that completes the connect dialog, shown to the user; `null` for real Stripe. */
  testKey: string | null;
  /** One line for the start-up story. */
  description: string;
  /** Runs once the Referkit API is up (the sandbox reconnects a connection saved by an earlier run). */
  afterReferkitStart?: (
    handle: (request: Request) => Promise<Response>,
    origin: string,
    log: DemoLog,
  ) => Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the Stripe the options ask for: with `STRIPE_SECRET_KEY` alone, real
 * Stripe in test mode (nothing to start); with `STRIPE_API_BASE`, that API;
 * otherwise the Stripe sandbox, seeded with realistic customers.
 */
export async function startStripeBackend(options: DemoOptions): Promise<StripeBackend> {
  if (options.stripeApiBase) {
    return {
      backend: 'sandbox',
      apiBase: options.stripeApiBase,
      testKey: options.stripeSecretKey ?? null,
      description: `Stripe API at ${options.stripeApiBase} (STRIPE_API_BASE)`,
      stop: async () => {},
    };
  }
  if (options.stripeSecretKey) {
    return {
      backend: 'stripe',
      apiBase: undefined,
      testKey: null,
      description: 'Real Stripe in test mode (STRIPE_SECRET_KEY); connect with that key.',
      stop: async () => {},
    };
  }

  const { startStripeSandbox } = await import('@referkit/stripe-sandbox');
  const sandbox = await startStripeSandbox({
    customers: options.sandboxCustomers,
    seed: options.sandboxSeed,
    account: { name: 'Acme Inc. (sandbox)' },
  });
  const testKey = sandbox.secretKey;
  return {
    backend: 'sandbox',
    apiBase: sandbox.url,
    testKey,
    description: `Stripe sandbox (in memory) with ${options.sandboxCustomers} customers, seed ${options.sandboxSeed}`,
    afterReferkitStart: (handle, origin, log) =>
      reconnectSandbox(handle, origin, { accountId: sandbox.accountId, secretKey: testKey }, log),
    stop: () => sandbox.stop(),
  };
}

/**
 * The sandbox lives in memory: each run starts it afresh (same seed, same
 * account, key and customers). A connection to that account saved by an
 * earlier run is connected again, so that what the server sets up on connect
 * (its webhook endpoint for ongoing syncs) exists in this run's sandbox too.
 */
async function reconnectSandbox(
  handle: (request: Request) => Promise<Response>,
  origin: string,
  sandbox: { accountId: string; secretKey: string },
  log: DemoLog,
): Promise<void> {
  const listed = await handle(new Request(`${origin}${API_BASE_PATH}/integrations`));
  if (!listed.ok) return;
  const { integrations } = (await listed.json()) as {
    integrations: Array<{ id: string; connection: { externalAccountId: string } | null }>;
  };
  const stripe = integrations.find((integration) => integration.id === 'stripe');
  // Only a connection to this sandbox's account (same seed) is renewed; any other is left alone.
  if (stripe?.connection?.externalAccountId !== sandbox.accountId) return;
  const connected = await handle(
    new Request(`${origin}${API_BASE_PATH}/integrations/stripe/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'test', secretKey: sandbox.secretKey }),
    }),
  );
  log(
    connected.ok
      ? '    Reconnected the saved Stripe connection to this run’s sandbox'
      : `    Could not reconnect the saved Stripe connection (${connected.status}); connect again in the dashboard`,
  );
}
