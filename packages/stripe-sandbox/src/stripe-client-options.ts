/** The parts of `new Stripe(key, config)` that point the SDK at another API base. */
export interface StripeClientOptions {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

/**
 * Parses an API base such as `STRIPE_API_BASE=http://127.0.0.1:12111` into
 * the `{ host, port, protocol }` the official `stripe` SDK takes:
 * `new Stripe(key, { ...stripeClientOptions(base) })`.
 */
export function stripeClientOptions(apiBase: string): StripeClientOptions {
  const url = new URL(apiBase);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`An API base must be an http(s) URL; got '${apiBase}'.`);
  }
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port ? Number(url.port) : protocol === 'https' ? 443 : 80;
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port, protocol };
}
