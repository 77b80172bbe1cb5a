import { ApiError } from '../api-error';

/**
 * The origins (`scheme://host[:port]`) the host trusts besides the handler's
 * own, from `trustedOrigins`, normalised; a malformed entry is a start-up error.
 */
export function resolveTrustedOrigins(origins: readonly string[] | undefined): Set<string> {
  const resolved = new Set<string>();
  for (const entry of origins ?? []) {
    const url = URL.canParse(entry) ? new URL(entry) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new Error(
        `trustedOrigins: "${entry}" is not an http(s) origin such as https://app.example.com`,
      );
    }
    resolved.add(url.origin);
  }
  return resolved;
}

/** Whether a page of `origin` may use the handler reached at `url`. */
export function isTrustedOrigin(origin: string, url: URL, trusted: ReadonlySet<string>): boolean {
  return origin === url.origin || trusted.has(origin);
}

/**
 * Where the browser may be sent back after Stripe OAuth: an http(s) URL on
 * the handler's own origin or a trusted one. Anything else (another site,
 * `javascript:`) is a 400, so the callback is never an open redirect.
 */
export function checkReturnUrl(returnUrl: string, url: URL, trusted: ReadonlySet<string>): string {
  const parsed = URL.canParse(returnUrl) ? new URL(returnUrl) : null;
  if (
    !parsed ||
    (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') ||
    !isTrustedOrigin(parsed.origin, url, trusted)
  ) {
    const message = `returnUrl must be a page of this app (${url.origin}) or of an origin the server trusts (its trustedOrigins option).`;
    throw new ApiError('invalid_request', message, { fields: { returnUrl: message } });
  }
  return parsed.toString();
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a state-changing request a browser sent from another site (a form
 * posted cross-site, a `text/plain` upload): its `Origin` must be the
 * handler's own or a trusted one, and without `Origin` its `Sec-Fetch-Site`
 * must not say `cross-site` or `same-site`. Requests no browser made (no
 * `Origin`, no `Sec-Fetch-Site`: servers, scripts, Stripe) pass.
 */
export function checkRequestOrigin(request: Request, url: URL, trusted: ReadonlySet<string>): void {
  if (!STATE_CHANGING.has(request.method)) return;
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site')?.toLowerCase();
  const refuse = (from: string) =>
    new ApiError(
      'forbidden',
      `Requests that change data must come from this app's own pages; this one came from ${from}. A host serving its app on another origin lists it in the server's trustedOrigins option.`,
    );
  if (origin && origin !== 'null') {
    if (!isTrustedOrigin(origin, url, trusted)) throw refuse('another origin');
    return;
  }
  if (origin === 'null') throw refuse('an opaque origin');
  if (site === 'cross-site' || site === 'same-site') throw refuse(`a ${site} page`);
}
