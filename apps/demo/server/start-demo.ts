import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { buildWebApp } from './build-web-app';
import { createDemoApp, type DemoPageConfig } from './demo-app';
import { API_BASE_PATH, DEMO_ACCOUNT_ID, seedCampaigns } from './demo-campaigns';
import { DEMO_ROOT, type DemoOptions } from './demo-options';
import { loadEncryptionKey } from './encryption-key';
import { startReferkit } from './start-referkit';
import { type StripeBackend, startStripeBackend } from './start-stripe-backend';
import { createDemoListener, createWebGuard } from './web-guard';

/** A running demo. */
export interface RunningDemo {
  /** The one URL to open. */
  url: string;
  stripe: StripeBackend;
  /** The Postgres in use (the embedded one unless `DATABASE_URL` was set). */
  databaseUrl: string;
  /** Stops everything the demo started, in reverse order. Safe to call twice. */
  stop(): Promise<void>;
}

/** Writes a line of the demo's start-up story. */
export type DemoLog = (line: string) => void;

/**
 * Starts the whole demo: Postgres (embedded unless `DATABASE_URL`), Stripe
 * (the sandbox unless a real key is given), the Referkit server and its
 * worker in this process, and the web app, all behind one URL. If any step
 * fails, what was already started is stopped again.
 */
export async function startDemo(options: DemoOptions, log: DemoLog): Promise<RunningDemo> {
  const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      for (const { name, stop: stopOne } of stops.reverse()) {
        try {
          await stopOne();
        } catch (error) {
          log(`Could not stop ${name} cleanly: ${(error as Error).message}`);
        }
      }
    })();
    return stopping;
  };

  try {
    const started = performance.now();
    const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
      const at = performance.now();
      const result = await work();
      log(`  ✓ ${label} (${((performance.now() - at) / 1000).toFixed(1)} s)`);
      return result;
    };

    // 1. Postgres.
    let databaseUrl = options.databaseUrl;
    if (databaseUrl) {
      log('  ✓ Postgres: DATABASE_URL');
    } else {
      const { startEmbeddedPostgres } = await import('@referkit/server');
      const dataDir = path.join(options.dataDir, 'postgres');
      const shown = path.relative(process.cwd(), dataDir) || '.';
      const postgres = await step(`Postgres (embedded, data in ${shown})`, () =>
        startEmbeddedPostgres({
          dataDir,
          database: 'demo',
          durable: !options.fastPostgres,
        }),
      );
      stops.push({ name: 'Postgres', stop: () => postgres.stop() });
      if (postgres.dataDir !== dataDir) {
        log(
          `    (run as root: the postgres user cannot enter ${shown}, so its files are in ${postgres.dataDir})`,
        );
      }
      databaseUrl = postgres.url;
    }

    // 2. Stripe: the sandbox, real Stripe in test mode, or the API given.
    const stripe = await step('Stripe', () => startStripeBackend(options));
    stops.push({ name: 'the Stripe sandbox', stop: () => stripe.stop() });
    log(`    ${stripe.description}`);

    // 3. The HTTP server, listening first so its URL is known for webhooks.
    let handle: ((request: Request) => Promise<Response>) | null = null;
    const pageConfig: DemoPageConfig = {
      stripe: { backend: stripe.backend, testKey: stripe.testKey },
    };
    const staticDir = options.mode === 'production' ? options.webDir : undefined;
    if (staticDir && !existsSync(path.join(staticDir, 'index.html'))) {
      const shown = path.relative(process.cwd(), staticDir) || '.';
      await step(`Web app built (${shown})`, () => buildWebApp(staticDir));
    }
    const app = createDemoApp({ referkit: () => handle, config: pageConfig, staticDir });
    const honoListener = getRequestListener(app.fetch);
    let viteMiddleware: http.RequestListener | null = null;
    const guard = createWebGuard({ mode: options.mode, allowedHosts: options.allowedHosts });
    const demoRoute = (pathname: string) =>
      pathname.startsWith(`${API_BASE_PATH}/`) ||
      pathname.startsWith('/demo/') ||
      pathname === '/healthz';
    const server = http.createServer(
      createDemoListener(
        guard,
        demoRoute,
        (req, res) => void honoListener(req, res),
        () => viteMiddleware,
      ),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
    stops.push({
      name: 'the HTTP server',
      stop: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    });
    const { port } = server.address() as AddressInfo;
    const host =
      options.host === '127.0.0.1' || options.host === '0.0.0.0' ? 'localhost' : options.host;
    const url = `http://${host}:${port}`;
    const localOrigin = `http://127.0.0.1:${port}`;

    // 4. The Referkit server and its worker, in this process.
    const encryptionKey = await loadEncryptionKey(options.dataDir, options.encryptionKey);
    const referkit = await step('Referkit server and worker', () =>
      startReferkit({
        databaseUrl,
        encryptionKey,
        stripeApiBase: stripe.apiBase,
        // Connecting Stripe registers a webhook endpoint here, so ongoing syncs
        // follow changes within seconds. The sandbox reaches the demo locally;
        // real Stripe only through a public URL.
        webhookBaseUrl:
          stripe.backend === 'sandbox'
            ? `${localOrigin}${API_BASE_PATH}`
            : options.publicUrl
              ? `${options.publicUrl.replace(/\/+$/, '')}${API_BASE_PATH}`
              : undefined,
        accountId: DEMO_ACCOUNT_ID,
        basePath: API_BASE_PATH,
        log,
      }),
    );
    stops.push({ name: 'the Referkit server', stop: () => referkit.stop() });
    await seedCampaigns(referkit.handle, localOrigin);
    await stripe.afterReferkitStart?.(referkit.handle, localOrigin, log);
    handle = referkit.handle;

    // 5. The web app.
    if (!staticDir) {
      await step('Web app (Vite, hot reload)', async () => {
        const { createServer } = await import('vite');
        const vite = await createServer({
          configFile: path.join(DEMO_ROOT, 'vite.config.ts'),
          appType: 'spa',
          server: {
            middlewareMode: true,
            ws: { server },
            allowedHosts: options.allowedHosts.length > 0 ? [...options.allowedHosts] : [],
          },
        });
        stops.push({ name: 'Vite', stop: () => vite.close() });
        viteMiddleware = vite.middlewares;
      });
    }

    log(`  Ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { url, stripe, databaseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
