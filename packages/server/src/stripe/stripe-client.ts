import Stripe from 'stripe';

/** Stripe's own API base. */
export const STRIPE_API_BASE = 'https://api.stripe.com';

/** How the SDK reaches Stripe (or the sandbox). */
export interface StripeClientOptions {
  /** Base URL of the Stripe API, e.g. the sandbox's `http://127.0.0.1:12111`. Default: `https://api.stripe.com`. */
  apiBase?: string;
  /** Per-request timeout in milliseconds. Default: 30 000. */
  timeoutMs?: number;
  /**
   * Retries the SDK makes on its own. Default: 0 — the engine retries through
   * its rate limiter instead, so every attempt is paced and counted.
   */
  maxNetworkRetries?: number;
}

/** `host`, `port` and `protocol` settings of the SDK for an API base URL. */
export function parseApiBase(apiBase: string): {
  host: string;
  port: number;
  protocol: 'http' | 'https';
} {
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
  };
}

/** An official `stripe` SDK client for one key, pointed at `apiBase`. */
export function createStripeClient(secretKey: string, options: StripeClientOptions = {}): Stripe {
  return new Stripe(secretKey, {
    ...parseApiBase(options.apiBase ?? STRIPE_API_BASE),
    maxNetworkRetries: options.maxNetworkRetries ?? 0,
    timeout: options.timeoutMs ?? 30_000,
    telemetry: false,
    appInfo: { name: 'Referkit', url: 'https://github.com/referkit' },
  });
}
