// The host's server, as a host writes it from the README: Hono, the Referkit
// handler and worker, an embedded Postgres and the Stripe sandbox (a real host
// passes its own Postgres and Stripe). Prints one JSON line when ready.
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createReferkitServer, startEmbeddedPostgres } from '@referkit/server';
import { startStripeSandbox } from '@referkit/stripe-sandbox';
import { Hono } from 'hono';

const postgres = await startEmbeddedPostgres({ dataDir: '.data/postgres', durable: false });
const sandbox = await startStripeSandbox({ customers: 12, rateLimit: false });

const referkit = createReferkitServer({
  database: { url: postgres.url },
  stripe: { apiBase: sandbox.url, webhookBaseUrl: undefined },
  encryptionKey: randomBytes(32).toString('hex'),
  linkBaseUrl: 'https://host.example/r',
  basePath: '/api/referkit',
  authenticate: () => ({ accountId: 'host' }),
});
await referkit.migrate();
const worker = await referkit.startWorker({ pollingIntervalSeconds: 0.5 });

const app = new Hono();
app.all('/api/referkit/*', (c) => referkit.handler(c.req.raw));
app.use('/*', serveStatic({ root: 'dist' }));

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, async (info) => {
  const origin = `http://127.0.0.1:${info.port}`;
  // A campaign must exist before referrers are added to it.
  const created = await referkit.handler(
    new Request(`${origin}/api/referkit/campaigns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Host campaign' }),
    }),
  );
  const { campaign } = (await created.json()) as { campaign: { id: string } };
  console.log(
    JSON.stringify({ url: origin, campaignId: campaign.id, stripeKey: sandbox.secretKey }),
  );
});

process.on('SIGTERM', async () => {
  server.close();
  await worker.stop();
  await referkit.close();
  await sandbox.stop();
  await postgres.stop();
  process.exit(0);
});
