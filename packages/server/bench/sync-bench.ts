/**
 * `pnpm bench`: the one-time sync against the Stripe sandbox at a 100
 * requests/s limit and 40 ms latency — wall time, requests, utilisation of the
 * limit, 429s, failed records — beside a naive sequential loop; the worker's
 * peak memory at 100,000 customers (in its own process); what an unchanged
 * second run costs; and for an ongoing sync, what incremental runs cost after
 * 1 % of the customers changed, and how long a change takes from Stripe to the
 * referrer through the webhook. Prints a table; asserts nothing.
 *
 * Environment: DATABASE_URL (else an embedded Postgres), BENCH_CUSTOMERS
 * (default 10000), BENCH_MEMORY_CUSTOMERS (default 100000), BENCH_ONLY
 * (`engine`, `naive`, `memory` or `ongoing`: run just that part),
 * BENCH_WEBHOOK_SAMPLES (default 25).
 */
import type { ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  buildReferralLink,
  createDefaultSyncConfig,
  type Sync,
  toReferrerDraft,
  toStripeUpdate,
} from '@referkit/core';
import { type StripeSandbox, startStripeSandbox } from '@referkit/stripe-sandbox';
import pg from 'pg';
import { createReferkitServer, type ReferkitServer, startEmbeddedPostgres } from '../src/index';
import { createStripeClient } from '../src/stripe-client';
import { forkSyncWorker } from '../src/test-support/fork-sync-worker';
import { serveHandler } from '../src/test-support/serve-handler';

const LIMIT = 100;
const LATENCY_MS = 40;
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const MEMORY_CUSTOMERS = Number(process.env.BENCH_MEMORY_CUSTOMERS ?? 100_000);
const WEBHOOK_SAMPLES = Number(process.env.BENCH_WEBHOOK_SAMPLES ?? 25);
const ENCRYPTION_KEY = 'bench-encryption-key-0123456789abcdef-0123456789';
const SEED = 'referkit-bench';

const rows: [string, string][] = [];
const row = (label: string, value: string | number) => {
  rows.push([label, String(value)]);
  console.log(`  ${label}: ${value}`);
};

async function databases() {
  if (process.env.DATABASE_URL) {
    const admin = process.env.DATABASE_URL;
    return {
      admin,
      stop: async () => {},
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'referkit-bench-'));
  await chmod(dir, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'data'),
    database: 'postgres',
    durable: false,
  });
  return {
    admin: postgres.url,
    stop: async () => {
      await postgres.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function freshDatabase(admin: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

function serverFor(
  databaseUrl: string,
  sandbox: StripeSandbox,
  webhookBaseUrl?: string,
): ReferkitServer {
  return createReferkitServer({
    database: { url: databaseUrl },
    stripe: { apiBase: sandbox.url, ...(webhookBaseUrl ? { webhookBaseUrl } : {}) },
    encryptionKey: ENCRYPTION_KEY,
    linkBaseUrl: 'https://ref.example.com',
    authenticate: () => ({ accountId: 'bench' }),
    logger: { info() {}, warn: console.warn, error: console.error },
  });
}

async function call<T = unknown>(
  server: ReferkitServer,
  method: string,
  route: string,
  body?: unknown,
): Promise<T> {
  const response = await server.handler(
    new Request(`http://referkit.bench${route}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      ...(body ? { body: JSON.stringify(body) } : {}),
    }),
  );
  const json = await response.json().catch(() => null);
  if (!response.ok)
    throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json as T;
}

async function waitForSync(server: ReferkitServer, syncId: string): Promise<Sync> {
  for (;;) {
    const { sync } = (await call(server, 'GET', `/syncs/${syncId}`)) as { sync: Sync };
    if (!sync.currentRun) return sync;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type MemoryReport = { peakRss: number; peakHeap: number; rssSamples: number[] };

/** Worker processes still running, stopped if the bench fails half-way. */
const children = new Set<ChildProcess>();

/** A sync worker in its own process, as a host would run it (not sharing the sandbox's event loop). */
async function startWorkerChild(databaseUrl: string, sandbox: StripeSandbox, rateLimit?: object) {
  const { child, readyRss } = await forkSyncWorker({
    databaseUrl,
    stripeApiBase: sandbox.url,
    encryptionKey: ENCRYPTION_KEY,
    ...(rateLimit ? { rateLimit } : {}),
    worker: { pollingIntervalSeconds: 0.5 },
    children,
  });
  return {
    readyRss,
    report: () =>
      new Promise<MemoryReport>((resolve) => {
        child.once('message', (message) => resolve(message as MemoryReport));
        child.send('report');
      }),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}

function seconds(ms: number) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function writesOf(sandbox: StripeSandbox) {
  const stats = sandbox.stats();
  const writes = stats.endpoints['POST /v1/customers/:id'];
  const reads = stats.endpoints['GET /v1/customers'];
  return { stats, writes: writes?.requests ?? 0, reads: reads?.requests ?? 0 };
}

/** A sandbox with `customers`, a server on a fresh database, a worker process, Stripe connected and a campaign. */
async function prepare(
  admin: string,
  customers: number,
  database: string,
  workerRateLimit?: object,
  webhooks = false,
) {
  const sandbox = await startStripeSandbox({ customers, seed: SEED, rateLimit: false, latency: 0 });
  const databaseUrl = await freshDatabase(admin, database);
  let serve: ReferkitServer['handler'] = async () => new Response(null, { status: 503 });
  const listener = webhooks ? await serveHandler((request) => serve(request)) : null;
  const server = serverFor(databaseUrl, sandbox, listener?.url);
  serve = (request) => server.handler(request);
  await server.migrate();
  const worker = await startWorkerChild(databaseUrl, sandbox, workerRateLimit);
  await call(server, 'POST', '/integrations/stripe/connect', {
    mode: 'test',
    secretKey: sandbox.secretKey,
  });
  const { campaign } = await call<{ campaign: { id: string } }>(server, 'POST', '/campaigns', {
    name: database,
  });
  return { sandbox, server, worker, campaignId: campaign.id, databaseUrl, listener };
}

/** Creates a one-time sync (its first run starts at once) and waits for it to finish. */
async function timedSync(server: ReferkitServer, campaignId: string) {
  const started = performance.now();
  const { sync } = await call<{ sync: Sync }>(server, 'POST', '/syncs', {
    campaignId,
    config: createDefaultSyncConfig(),
  });
  const done = await waitForSync(server, sync.id);
  return { sync, done, wall: performance.now() - started };
}

async function engineRun(admin: string) {
  console.log(`\nEngine: ${CUSTOMERS} customers, limit ${LIMIT}/s, latency ${LATENCY_MS} ms`);
  const { sandbox, server, worker, campaignId } = await prepare(admin, CUSTOMERS, 'bench_engine');
  sandbox.configure({ rateLimit: LIMIT, latency: LATENCY_MS });
  sandbox.resetStats();
  const { sync, done, wall } = await timedSync(server, campaignId);
  const { stats, writes, reads } = writesOf(sandbox);
  const counts = done.lastRun?.counts;
  const achieved = stats.total.succeeded / (wall / 1000);
  row('wall time', seconds(wall));
  row('run status', done.lastRun?.status ?? 'none');
  row(
    'Stripe requests made',
    `${stats.total.requests} (${reads} list, ${writes} update, ${stats.total.requests - reads - writes} other)`,
  );
  row('achieved requests/s (successful)', achieved.toFixed(1));
  row('utilisation = achieved ÷ limit', (achieved / LIMIT).toFixed(3));
  row('429s met', stats.total.rateLimited);
  row(
    'records seen / created / skipped / failed',
    `${counts?.seen} / ${counts?.created} / ${counts?.skipped} / ${counts?.failed}`,
  );
  row(
    'written back (= successful updates)',
    `${counts?.writtenBack} (${stats.endpoints['POST /v1/customers/:id']?.succeeded ?? 0})`,
  );

  sandbox.resetStats();
  const rerunStarted = performance.now();
  await call(server, 'POST', `/syncs/${sync.id}/runs`);
  const rerun = await waitForSync(server, sync.id);
  const second = writesOf(sandbox);
  row(
    'second, unchanged run: requests',
    `${second.stats.total.requests} (${second.reads} list, ${second.writes} update) in ${seconds(performance.now() - rerunStarted)}`,
  );
  row(
    'second run counts unchanged / skipped',
    `${rerun.lastRun?.counts.unchanged} / ${rerun.lastRun?.counts.skipped}`,
  );
  await worker.stop();
  await server.close();
  await sandbox.stop();
  return wall;
}

async function naiveRun(engineWall: number | null) {
  console.log(`\nNaive sequential loop: ${CUSTOMERS} customers (list all, then update one by one)`);
  const sandbox = await startStripeSandbox({
    customers: CUSTOMERS,
    seed: SEED,
    rateLimit: LIMIT,
    latency: LATENCY_MS,
  });
  const stripe = createStripeClient(sandbox.secretKey, {
    apiBase: sandbox.url,
    maxNetworkRetries: 2,
  });
  const config = createDefaultSyncConfig();
  const started = performance.now();
  const customers = [];
  for await (const customer of stripe.customers.list({ limit: 100 })) customers.push(customer);
  const seen = new Set<string>();
  let failed = 0;
  for (const [index, customer] of customers.entries()) {
    const record = customer as unknown as Parameters<typeof toReferrerDraft>[0];
    const draft = toReferrerDraft(record, config);
    if (!draft.ok || seen.has(draft.draft.emailKey)) continue;
    seen.add(draft.draft.emailKey);
    const link = buildReferralLink('https://ref.example.com/naive', `code${index}`);
    const update = toStripeUpdate(
      {
        referralLink: link,
        referralCode: `code${index}`,
        referralsCount: 0,
        convertedReferralsCount: 0,
      },
      record,
      config,
    );
    if (!update) continue;
    try {
      await stripe.customers.update(customer.id, update);
    } catch {
      failed += 1;
    }
  }
  const wall = performance.now() - started;
  const { stats } = writesOf(sandbox);
  row('naive wall time', seconds(wall));
  row('naive requests made', stats.total.requests);
  row('naive achieved requests/s', (stats.total.succeeded / (wall / 1000)).toFixed(1));
  row('naive failed updates', failed);
  if (engineWall)
    row('speed-up of the engine over the naive loop', `${(wall / engineWall).toFixed(2)}×`);
  await sandbox.stop();
}

async function memoryRun(admin: string) {
  console.log(`\nWorker memory: ${MEMORY_CUSTOMERS} customers, worker in its own process`);
  // The sandbox runs unlimited here so 100,000 customers finish in minutes; memory is what is measured.
  const { sandbox, server, worker, campaignId } = await prepare(
    admin,
    MEMORY_CUSTOMERS,
    'bench_memory',
    {
      maxRequestsPerSecond: 1500,
    },
  );
  const readyRss = worker.readyRss;
  const { done, wall } = await timedSync(server, campaignId);
  const report = await worker.report();
  await worker.stop();
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  row(
    '100k run status / seen / failed',
    `${done.lastRun?.status} / ${done.lastRun?.counts.seen} / ${done.lastRun?.counts.failed} in ${seconds(wall)}`,
  );
  row('worker peak RSS (VmHWM)', mb(report.peakRss));
  const samples = report.rssSamples;
  const at = (share: number) =>
    mb(samples[Math.min(samples.length - 1, Math.floor(share * samples.length))] ?? 0);
  row(
    'worker RSS idle → 25% → 50% → 75% → end of run',
    `${mb(readyRss)} → ${at(0.25)} → ${at(0.5)} → ${at(0.75)} → ${at(1)}`,
  );
  row('worker peak heap used', mb(report.peakHeap));
  await server.close();
  await sandbox.stop();
}

/** Requests by kind since the last `resetStats`. */
function requestsOf(sandbox: StripeSandbox) {
  const { endpoints, total } = sandbox.stats();
  const count = (endpoint: string) => endpoints[endpoint]?.requests ?? 0;
  return {
    total: total.requests,
    pages: count('GET /v1/events'),
    fetched: count('GET /v1/customers/:id'),
    written: count('POST /v1/customers/:id'),
  };
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

async function ongoingRun(admin: string) {
  console.log(
    `\nOngoing sync: ${CUSTOMERS} customers, then 1% changed; limit ${LIMIT}/s, latency ${LATENCY_MS} ms`,
  );
  const { sandbox, server, worker, campaignId, databaseUrl, listener } = await prepare(
    admin,
    CUSTOMERS,
    'bench_ongoing',
    undefined,
    true,
  );
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => {});
  const stripe = createStripeClient(sandbox.secretKey, { apiBase: sandbox.url });
  const [endpoint] = (await stripe.webhookEndpoints.list()).data;
  if (!endpoint) throw new Error('Connecting did not register a webhook endpoint');
  // Scheduled runs first (the endpoint held back), webhooks last.
  await stripe.webhookEndpoints.update(endpoint.id, { disabled: true });
  const { sync } = await call<{ sync: Sync }>(server, 'POST', '/syncs', {
    campaignId,
    config: {
      ...createDefaultSyncConfig(),
      syncType: 'ongoing',
      schedule: { kind: 'cron', expression: '0 0 1 1 *' },
    },
  });
  const full = await waitForSync(server, sync.id);
  row('ongoing: first (full) run written back', full.lastRun?.counts.writtenBack ?? 0);
  sandbox.configure({ rateLimit: LIMIT, latency: LATENCY_MS });

  const referrers = (
    await pool.query<{ external_id: string }>(
      'SELECT external_id FROM referkit.referrers WHERE campaign_id = $1 ORDER BY seq',
      [campaignId],
    )
  ).rows.map((r) => r.external_id);
  const onePercent = Math.max(1, Math.round(CUSTOMERS / 100));
  const scheduledRun = async (label: string, change: () => Promise<number>) => {
    // The changes are made "elsewhere": outside the limit the run is measured at.
    sandbox.configure({ rateLimit: false });
    const changed = await change();
    sandbox.configure({ rateLimit: LIMIT });
    sandbox.resetStats();
    await pool.query('UPDATE referkit.syncs SET next_run_at = now() WHERE id = $1', [sync.id]);
    const started = performance.now();
    await server.runScheduler();
    const done = await waitForSync(server, sync.id);
    const wall = performance.now() - started;
    const r = requestsOf(sandbox);
    row(
      `${label}: Stripe requests (event pages / fetched / written)`,
      `${r.total} (${r.pages} / ${r.fetched} / ${r.written}); budget changed + pages + 5 = ${changed + r.pages + 5}`,
    );
    const counts = done.lastRun?.counts;
    row(
      `${label}: ${done.lastRun?.mode} run, time`,
      `${seconds(wall)} (${(wall / Math.max(1, r.total)).toFixed(1)} ms per request); seen ${counts?.seen}, updated ${counts?.updated}, created ${counts?.created}, skipped ${counts?.skipped}`,
    );
  };
  const renameSynced = (offset: number) => async () => {
    const ids = referrers.slice(offset, offset + onePercent);
    await Promise.all(
      ids.map((id, i) => stripe.customers.update(id, { name: `Changed${offset + i} Customer` })),
    );
    return ids.length;
  };
  await scheduledRun(`1% renamed after the full run (${onePercent})`, renameSynced(0));
  await scheduledRun(`1% renamed again (${onePercent})`, renameSynced(onePercent));
  await scheduledRun('1% mixed (sandbox mutate)', async () => {
    const share = (n: number) => Math.max(1, Math.round((onePercent * n) / 100));
    const changed = sandbox.mutateCustomers({
      rename: share(60),
      changeEmail: share(20),
      create: share(10),
      delete: share(10),
    });
    return new Set(Object.values(changed).flat()).size;
  });

  // Webhooks: a change in Stripe → the referrer updated, one change at a time.
  await stripe.webhookEndpoints.update(endpoint.id, { disabled: false });
  const latencies: number[] = [];
  for (let i = 0; i < WEBHOOK_SAMPLES; i++) {
    const id = referrers[2 * onePercent + i] as string;
    const name = `Hooked${i}`;
    const started = performance.now();
    await stripe.customers.update(id, { name: `${name} Customer` });
    for (;;) {
      const { rows } = await pool.query(
        'SELECT first_name FROM referkit.referrers WHERE campaign_id = $1 AND external_id = $2',
        [campaignId, id],
      );
      if (rows[0]?.first_name === name) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    latencies.push(performance.now() - started);
    await waitForSync(server, sync.id);
    await sandbox.webhooksIdle();
  }
  latencies.sort((a, b) => a - b);
  const ms = (value: number) => `${(value / 1000).toFixed(2)} s`;
  row(
    `webhook → referrer updated, one worker (${WEBHOOK_SAMPLES} changes): median / p90 / max`,
    `${ms(percentile(latencies, 0.5))} / ${ms(percentile(latencies, 0.9))} / ${ms(latencies.at(-1) ?? 0)}`,
  );
  await pool.end();
  await worker.stop();
  await server.close();
  await listener?.close();
  await sandbox.stop();
}

const { admin, stop } = await databases();
try {
  const only = process.env.BENCH_ONLY;
  const engineWall = !only || only === 'engine' ? await engineRun(admin) : null;
  if (!only || only === 'naive') await naiveRun(engineWall);
  if (!only || only === 'ongoing') await ongoingRun(admin);
  if (!only || only === 'memory') await memoryRun(admin);
} finally {
  for (const child of children) child.kill('SIGKILL');
  await stop();
}
const width = Math.max(...rows.map(([label]) => label.length));
console.log(`\n${'─'.repeat(width + 30)}`);
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
console.log('─'.repeat(width + 30));
