import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp } from './demo-app';
import { DEMO_ROOT } from './demo-options';
import { createDemoListener, createWebGuard, demoAllowedHosts } from './web-guard';

/** Serves a listener on a free port; resolves with its base URL and a closer. */
async function serve(listener: http.RequestListener) {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A raw GET with the Host header given (fetch does not let a page choose it). */
function get(port: number, pathname: string, host = `127.0.0.1:${port}`) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port, path: pathname, headers: { host } },
        (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      request.on('error', reject);
      request.end();
    },
  );
}

const ours = (pathname: string) => pathname.startsWith('/api/referkit/') || pathname === '/healthz';
const config = { stripe: { backend: 'sandbox' as const, testKey: null } };

describe('the demo in development (Vite)', () => {
  const secret = `secret-${randomBytes(8).toString('hex')}`;
  const probe = path.join(DEMO_ROOT, '.data', `guard-probe-${randomBytes(4).toString('hex')}.txt`);
  let served: Awaited<ReturnType<typeof serve>>;
  let closeVite: () => Promise<void>;

  beforeAll(async () => {
    await mkdir(path.dirname(probe), { recursive: true });
    await writeFile(probe, secret);
    const { createServer } = await import('vite');
    let middleware: http.RequestListener | null = null;
    const app = createDemoApp({ referkit: () => null, config });
    const honoListener = getRequestListener(app.fetch);
    served = await serve(
      createDemoListener(
        createWebGuard({ mode: 'development', allowedHosts: ['demo.example.test'] }),
        ours,
        (req, res) => void honoListener(req, res),
        () => middleware,
      ),
    );
    const vite = await createServer({
      configFile: path.join(DEMO_ROOT, 'vite.config.ts'),
      appType: 'spa',
      logLevel: 'silent',
      server: { middlewareMode: true, ws: false, allowedHosts: ['demo.example.test'] },
    });
    middleware = vite.middlewares;
    closeVite = () => vite.close();
  });
  afterAll(async () => {
    await closeVite?.();
    await served?.close();
    await rm(probe, { force: true });
  });

  it('serves the app, with the security headers', async () => {
    const page = await get(served.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const source = await get(served.port, '/src/main.tsx');
    expect(source.status).toBe(200);
    expect((await get(served.port, '/', 'demo.example.test:5173')).status).toBe(200);
    // Vite's own client, from pnpm's store (a dot folder inside node_modules).
    const viteClient = path.join(
      path.dirname(realpathSync(createRequire(import.meta.url).resolve('vite/package.json'))),
      'dist/client/env.mjs',
    );
    expect(viteClient).toContain('/node_modules/.pnpm/');
    expect((await get(served.port, `/@fs${viteClient}`)).status).toBe(200);
  });

  it('serves nothing of .data, the server code or the config files', async () => {
    for (const pathname of [
      `/.data/${path.basename(probe)}`,
      `/%2Edata/${path.basename(probe)}`,
      `/src/../.data/${path.basename(probe)}`,
      `/@fs${probe}`,
      `/@fs${probe}?raw`,
      `/@fs${probe}?import`,
      '/server/encryption-key.ts',
      '/package.json',
      '/vite.config.ts',
      '/e2e/global-setup.ts',
    ]) {
      const result = await get(served.port, pathname);
      expect(result.status, pathname).toBeGreaterThanOrEqual(400);
      expect(result.body, pathname).not.toContain(secret);
    }
  });

  it('refuses Host names it does not serve (DNS rebinding)', async () => {
    const result = await get(served.port, '/', 'rebind.attacker.example');
    expect(result.status).toBe(403);
    expect(result.body).not.toContain('<div id="root">');
    const api = await get(served.port, '/api/referkit/campaigns', 'rebind.attacker.example');
    expect(api.status).toBe(403);
    expect((await get(served.port, '/healthz', 'localhost:1234')).status).toBe(503);
  });
});

describe('the built demo', () => {
  let served: Awaited<ReturnType<typeof serve>>;
  let webDir: string;
  beforeAll(async () => {
    webDir = await mkdtemp(path.join(tmpdir(), 'referkit-demo-web-'));
    await writeFile(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    const app = createDemoApp({ referkit: () => null, config, staticDir: webDir });
    const honoListener = getRequestListener(app.fetch);
    served = await serve(
      createDemoListener(
        createWebGuard({ mode: 'production', allowedHosts: [] }),
        ours,
        (req, res) => void honoListener(req, res),
        () => null,
      ),
    );
  });
  afterAll(async () => {
    await served?.close();
    await rm(webDir, { recursive: true, force: true });
  });

  it('sends a strict policy without inline scripts, and refuses foreign hosts', async () => {
    const page = await get(served.port, '/');
    expect(page.status).toBe(200);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await get(served.port, '/', 'rebind.attacker.example')).status).toBe(403);
  });
});

describe('demoAllowedHosts', () => {
  it('allows HOST, the public URL and the extra names, never 0.0.0.0', () => {
    expect(
      demoAllowedHosts({
        host: '0.0.0.0',
        publicUrl: 'https://abc.tunnel.example/',
        extra: ' dev.local , Box.Lan',
      }).sort(),
    ).toEqual(['abc.tunnel.example', 'box.lan', 'dev.local']);
  });
});
