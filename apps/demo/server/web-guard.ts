import type http from 'node:http';
import { isIP } from 'node:net';

/** Options of {@link createWebGuard}. */
export interface WebGuardOptions {
  /** `development` when Vite serves the app (hot reload needs inline scripts and a WebSocket). */
  mode: 'development' | 'production';
  /**
   * Host names (without port) the demo answers besides `localhost`,
   * `*.localhost` and IP addresses: the `HOST` it listens on, `PUBLIC_URL`'s
   * host and `DEMO_ALLOWED_HOSTS`.
   */
  allowedHosts: readonly string[];
}

/** The host names allowed for a demo configured with these values. */
export function demoAllowedHosts(values: {
  host: string;
  publicUrl: string | undefined;
  extra: string | undefined;
}): string[] {
  const hosts = new Set<string>();
  if (values.host !== '0.0.0.0' && values.host !== '::') hosts.add(values.host.toLowerCase());
  if (values.publicUrl && URL.canParse(values.publicUrl)) {
    hosts.add(new URL(values.publicUrl).hostname.toLowerCase());
  }
  for (const entry of (values.extra ?? '').split(',')) {
    if (entry.trim()) hosts.add(entry.trim().toLowerCase());
  }
  return [...hosts];
}

/** The `Host` header's name without its port (IPv6 brackets removed). */
function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(header.trim().toLowerCase());
  if (!match) return null;
  return (match[1] as string).replace(/^\[|\]$/g, '');
}

/**
 * What Vite's dev server may serve: the page, the app's sources, Vite's own
 * modules (`/@vite/…`, `/@fs/…` for the workspace packages, `/@id/…`) and
 * pre-bundled dependencies. Nothing else under `apps/demo` — not `.data/`
 * (the encryption key and Postgres files), not `server/`, not config files.
 */
function viteMayServe(pathname: string): boolean {
  if (pathname === '/' || pathname === '/index.html') return true;
  if (!/^\/(src\/|@|node_modules\/)/.test(pathname)) return false;
  // No dot-folder or dot-file on the way, except inside installed packages
  // (pnpm's `node_modules/.pnpm/…`, Vite's `node_modules/.vite/…`).
  const segments = pathname.split('/');
  return segments.every(
    (segment, index) =>
      !segment.startsWith('.') || segments.slice(0, index).includes('node_modules'),
  );
}

/**
 * The demo's front door, run before anything else answers: refuses Host
 * headers it does not serve (DNS rebinding), keeps Vite to the app's files,
 * and sets the security headers on every response: a Content Security Policy
 * (with `frame-ancestors 'none'`), `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: no-referrer` and `X-Frame-Options: DENY`. Returns
 * `'answered'` when it already answered the request, `'ours'` for paths the
 * demo's own routes serve, `'vite'` for the dev server.
 */
export function createWebGuard(options: WebGuardOptions) {
  const allowed = new Set(options.allowedHosts.map((host) => host.toLowerCase()));
  const isAllowedHost = (name: string | null) =>
    name !== null &&
    (name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0 || allowed.has(name));

  return (req: http.IncomingMessage, res: http.ServerResponse, ours: (path: string) => boolean) => {
    const host = hostName(req.headers.host);
    if (!isAllowedHost(host)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        'Blocked: this host name is not allowed. Add it to DEMO_ALLOWED_HOSTS to open the demo under it.\n',
      );
      return 'answered' as const;
    }
    const development = options.mode === 'development';
    const script = development ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'";
    const connect = development
      ? `connect-src 'self' ws://${req.headers.host} wss://${req.headers.host}`
      : "connect-src 'self'";
    res.setHeader(
      'content-security-policy',
      [
        "default-src 'self'",
        script,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        connect,
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
    );
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');

    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://demo.invalid').pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Bad request path.\n');
      return 'answered' as const;
    }
    if (ours(pathname)) return 'ours' as const;
    if (!development) return 'ours' as const;
    if (viteMayServe(pathname)) return 'vite' as const;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found.\n');
    return 'answered' as const;
  };
}

/** Is this path one of the demo's own routes (the Referkit API, the page's config, the health check)? */
export type DemoRoute = (pathname: string) => boolean;

/**
 * The demo server's request listener: the guard first, then the demo's own
 * routes (Hono), or Vite for the app's files in development.
 */
export function createDemoListener(
  guard: ReturnType<typeof createWebGuard>,
  ours: DemoRoute,
  demo: http.RequestListener,
  vite: () => http.RequestListener | null,
): http.RequestListener {
  return (req, res) => {
    const route = guard(req, res, ours);
    if (route === 'answered') return;
    const middleware = route === 'vite' ? vite() : null;
    if (middleware) middleware(req, res);
    else demo(req, res);
  };
}
