import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { API_BASE_PATH } from './demo-campaigns';

/** What the page learns from `GET /demo/config.json` (see `src/demo-config.ts`). */
export interface DemoPageConfig {
  stripe: { backend: 'sandbox' | 'stripe'; testKey: string | null };
}

/** Options of {@link createDemoApp}. */
export interface DemoAppOptions {
  /** The Referkit handler, once it is ready; `null` while the demo is still starting. */
  referkit: () => ((request: Request) => Promise<Response>) | null;
  config: DemoPageConfig;
  /** Serve the built web app from this folder (production); `undefined` when Vite serves it. */
  staticDir?: string;
}

/**
 * The demo's HTTP routes: the Referkit API under `/api/referkit` (Stripe's
 * webhooks included: `/api/referkit/webhooks/stripe/…`), the page's config,
 * and (in production) the built web app.
 */
export function createDemoApp({ referkit, config, staticDir }: DemoAppOptions): Hono {
  const app = new Hono();
  app.all(`${API_BASE_PATH}/*`, (c) => {
    const handle = referkit();
    if (!handle) {
      return c.json(
        { error: { code: 'internal_error', message: 'The demo is still starting.' } },
        503,
      );
    }
    return handle(c.req.raw);
  });
  app.get('/demo/config.json', (c) => {
    c.header('cache-control', 'no-store');
    return c.json(config);
  });
  app.get('/healthz', (c) => c.text(referkit() ? 'ok' : 'starting', referkit() ? 200 : 503));
  if (staticDir) {
    const root = path.relative(process.cwd(), staticDir) || '.';
    app.use('/*', serveStatic({ root }));
    // Hash routing: every other page is the app.
    app.get('*', serveStatic({ root, path: 'index.html' }));
  }
  return app;
}
