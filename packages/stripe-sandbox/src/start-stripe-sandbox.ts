import type { AddressInfo } from 'node:net';
import type { MerchantTraffic, MerchantTrafficOptions } from './merchant-traffic';
import type { RequestStatsSnapshot } from './request-stats';
import type { SandboxConfig, SandboxConfigPatch, StripeSandboxOptions } from './sandbox-options';
import { createSandboxServer } from './sandbox-server';
import {
  type AccountCredentials,
  type CreateAccountOptions,
  type CreateRestrictedKeyOptions,
  type MutateCustomersOptions,
  type MutateCustomersResult,
  type RestrictedKeyInfo,
  SandboxState,
} from './sandbox-state';
import type { WebhookDelivery, WebhookStats } from './webhook-dispatcher';

/** Request statistics plus webhook delivery totals. */
export type SandboxStats = RequestStatsSnapshot & { webhooks: WebhookStats };

/** A running sandbox. Everything the control API offers is also a method here. */
export interface StripeSandbox {
  /** Base URL, e.g. `http://127.0.0.1:12111`: use it as `STRIPE_API_BASE`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The default account's id (`acct_…`). */
  readonly accountId: string;
  /** The default account's secret key (`sk_test_…`), deterministic from `seed`. */
  readonly secretKey: string;
  /** The default account's publishable key (`pk_test_…`). */
  readonly publishableKey: string;
  /** The default account's Connect `client_id` (`ca_…`), for OAuth. */
  readonly clientId: string;
  /** Endpoints created from the `webhookEndpoints` option, with their signing secrets. */
  readonly webhookEndpoints: ReadonlyArray<{
    id: string;
    url: string;
    secret: string;
    enabledEvents: string[];
  }>;
  /** Creates another account, with its own data and keys. */
  createAccount(options?: CreateAccountOptions): AccountCredentials;
  /** Creates a restricted key (`rk_test_…`); permissions default to `'none'`. */
  createRestrictedKey(options?: CreateRestrictedKeyOptions): RestrictedKeyInfo;
  /** Revokes a key: later requests get 401 `api_key_expired`. False when unknown. */
  revokeKey(key: string): boolean;
  /** Sandbox time in Unix seconds. */
  now(): number;
  /** Moves the sandbox clock forward; returns the new time. */
  advanceClock(seconds: number): number;
  /** Moves the sandbox clock forward to `to` (Unix seconds); returns the new time. */
  setClock(to: number): number;
  /** Current runtime settings. */
  config(): SandboxConfig;
  /** Changes rate limit, latency, faults or webhook retry policy at run time. */
  configure(patch: SandboxConfigPatch): SandboxConfig;
  /** Adds generated customers to an account (default: the default account). */
  seedCustomers(options: { account?: string; customers: number; seed?: number | string }): number;
  /** Simulates changes made outside the kit (renames, email changes, creations, deletions). */
  mutateCustomers(options?: MutateCustomersOptions): MutateCustomersResult;
  /**
   * Request counts per operation (`endpoints`), per API key (`keys`) and per
   * `Referkit-Sandbox-Tag` (`tags`), each with reads/writes and 429s by
   * cause, plus webhook totals.
   */
  stats(): SandboxStats;
  resetStats(): void;
  /** The last 1000 webhook deliveries, newest first. */
  webhookDeliveries(): WebhookDelivery[];
  /** Resolves `true` when no webhook delivery is in flight or waiting to retry (or `false` after the timeout). */
  webhooksIdle(timeoutMs?: number): Promise<boolean>;
  /**
   * Starts the merchant's own traffic: `ratePerSecond` paced requests to
   * other endpoints (PaymentIntents, balance, account) through this server,
   * sharing the account's global limits with whatever else runs. Stop it
   * with `stop()`; its requests are tagged (`stats().tags.merchant`).
   */
  startMerchantTraffic(options: MerchantTrafficOptions): MerchantTraffic;
  /** Back to the start state (same ids and keys); `customers`/`seed` override the seed data. */
  reset(options?: { customers?: number; seed?: number | string }): void;
  /** Stops listening, drops connections and cancels webhook retries. */
  stop(): Promise<void>;
}

/**
 * Starts an offline, stateful Stripe on localhost. Point the official SDK at
 * it with `new Stripe(sandbox.secretKey, { host, port, protocol: 'http' })`
 * parsed from `sandbox.url` (`stripeClientOptions` does the parsing).
 *
 * @example
 * const sandbox = await startStripeSandbox({ customers: 100 });
 * const stripe = new Stripe(sandbox.secretKey, stripeClientOptions(sandbox.url));
 * for await (const customer of stripe.customers.list({ limit: 100 })) console.log(customer.email);
 * await sandbox.stop();
 */
export async function startStripeSandbox(
  options: StripeSandboxOptions = {},
): Promise<StripeSandbox> {
  const state = new SandboxState(options);
  const host = options.host ?? '127.0.0.1';
  let url = '';
  const server = createSandboxServer(state, () => url);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    state.dispatcher.stop();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let stopped: Promise<void> | null = null;

  return {
    url,
    host,
    port,
    get accountId() {
      return state.defaultCredentials.accountId;
    },
    get secretKey() {
      return state.defaultCredentials.secretKey;
    },
    get publishableKey() {
      return state.defaultCredentials.publishableKey;
    },
    get clientId() {
      return state.defaultCredentials.clientId;
    },
    get webhookEndpoints() {
      return state.startEndpoints;
    },
    createAccount: (o) => state.createAccount(o),
    createRestrictedKey: (o) => state.createRestrictedKey(o),
    revokeKey: (key) => state.revokeKey(key),
    now: () => state.clock.now(),
    advanceClock: (seconds) => state.clock.advance(seconds),
    setClock: (to) => state.clock.set(to),
    config: () => state.config,
    configure: (patch) => state.configure(patch),
    seedCustomers: (o) => state.seedCustomers(o.account, o.customers, o.seed),
    mutateCustomers: (o) => state.mutateCustomers(o),
    stats: () => ({ ...state.stats.snapshot(), webhooks: state.dispatcher.stats() }),
    resetStats: () => {
      state.stats.reset();
      state.dispatcher.resetStats();
    },
    webhookDeliveries: () => state.dispatcher.deliveries(),
    webhooksIdle: (timeoutMs) => state.dispatcher.idle(timeoutMs),
    startMerchantTraffic: (o) => state.startMerchantTraffic(url, o),
    reset: (o) => state.reset(o),
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        for (const traffic of state.merchantTraffic.values()) void traffic.stop();
        state.dispatcher.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
