/**
 * `pnpm bench`: the sync against the Stripe sandbox enforcing Stripe's
 * layered limits (docs.stripe.com/rate-limits; live mode: global 100/s, 25/s
 * per endpoint) with 40 ms latency, each scenario's figures printed side by
 * side with its target:
 *
 * - `engine`: a one-time sync of BENCH_CUSTOMERS customers — time until every
 *   referrer exists, time until every link is written back against the floor
 *   (write-backs ÷ the engine's write budget), 429 share; then an unchanged
 *   re-run (0 writes);
 * - `merchant50` / `merchant85`: the same beside the merchant's own traffic at
 *   50 or 85 requests/s on other endpoints (its 429 share);
 * - `testmode`: a test-mode key (global 25/s);
 * - `accounts`: BENCH_ACCOUNTS accounts × BENCH_ACCOUNT_CUSTOMERS customers at
 *   once on 2 worker processes (each account's write pace, worker memory);
 * - `ongoing`: an ongoing sync with 1 % of the customers changing a day,
 *   hourly schedule, webhooks on, BENCH_ONGOING_DAYS simulated days on the
 *   sandbox clock: Stripe reads per 30 days;
 * - `naive`: a naive sequential loop for comparison;
 * - `memory`: the worker's peak memory at BENCH_MEMORY_CUSTOMERS (unlimited sandbox).
 *
 * Environment: DATABASE_URL (else an embedded Postgres), BENCH_ONLY (a comma
 * list of the scenarios above; default all), BENCH_CUSTOMERS (default
 * 10000), BENCH_ACCOUNTS (20), BENCH_ACCOUNT_CUSTOMERS (2000),
 * BENCH_ONGOING_DAYS (2), BENCH_MEMORY_CUSTOMERS (100000). Prints a table;
 * asserts nothing.
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
import { resolveBudget, type StripeBudgetOptions } from '../src/stripe/stripe-budget';
import { createStripeClient } from '../src/stripe/stripe-client';
import { forkSyncWorker } from '../src/test-support/fork-sync-worker';
import { serveHandler } from '../src/test-support/serve-handler';

const LATENCY_MS = 40;
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 20);
const ACCOUNT_CUSTOMERS = Number(process.env.BENCH_ACCOUNT_CUSTOMERS ?? 2000);
const ONGOING_DAYS = Number(process.env.BENCH_ONGOING_DAYS ?? 2);
const MEMORY_CUSTOMERS = Number(process.env.BENCH_MEMORY_CUSTOMERS ?? 100_000);
const ENCRYPTION_KEY = 'bench-encryption-key-0123456789abcdef-0123456789';
const SEED = 'referkit-bench';
/** The default budget (what a host gets without setting `stripe.budget`). */
const DEFAULT_BUDGET: StripeBudgetOptions = {};
const WRITE_BUDGET = {
  live: resolveBudget({}, 'live').endpoint,
  test: resolveBudget({}, 'test').endpoint,
};

/** One printed row: scenario, figure, value, target. */
const rows: [string, string, string, string][] = [];
const row = (scenario: string, label: string, value: string | number, target = '') => {
  rows.push([scenario, label, String(value), target]);
  console.log(`  [${scenario}] ${label}: ${value}${target ? `   (target ${target})` : ''}`);
};
const pct = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(2)}%`;

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
    postgresFlags: ['-c', 'max_connections=300'],
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
    authenticate: (request) => ({ accountId: request.headers.get('x-tenant') ?? 'bench' }),
    logger: { info() {}, warn: console.warn, error: console.error },
  });
}

async function call<T = unknown>(
  server: ReferkitServer,
  method: string,
  route: string,
  body?: unknown,
  tenant = 'bench',
): Promise<T> {
  const response = await server.handler(
    new Request(`http://referkit.bench${route}`, {
      method,
      headers: { 'x-tenant': tenant, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }),
  );
  const json = await response.json().catch(() => null);
  if (!response.ok)
    throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json as T;
}

async function waitForSync(
  server: ReferkitServer,
  syncId: string,
  tenant = 'bench',
): Promise<Sync> {
  for (;;) {
    const { sync } = (await call(server, 'GET', `/syncs/${syncId}`, undefined, tenant)) as {
      sync: Sync;
    };
    if (!sync.currentRun) return sync;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Follows a run through its phases: when every referrer existed, when it finished, the lowest write pace. */
async function watchRun(
  server: ReferkitServer,
  syncId: string,
  started: number,
  tenant = 'bench',
  intervalMs = 100,
) {
  let referrersAt: number | null = null;
  let minPace = Number.POSITIVE_INFINITY;
  for (;;) {
    const { sync } = (await call(server, 'GET', `/syncs/${syncId}`, undefined, tenant)) as {
      sync: Sync;
    };
    const progress = sync.currentRun?.progress;
    if (progress?.writesPerSecond) minPace = Math.min(minPace, progress.writesPerSecond);
    if (referrersAt === null && (!sync.currentRun || progress?.phase === 'writing_back')) {
      referrersAt = performance.now() - started;
    }
    if (!sync.currentRun) {
      return { sync, referrersAt: referrersAt ?? 0, doneAt: performance.now() - started, minPace };
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

type MemoryReport = { peakRss: number; peakHeap: number; rssSamples: number[] };

/** Worker processes still running, stopped if the bench fails half-way. */
const children = new Set<ChildProcess>();

/** A sync worker in its own process, as a host would run it (not sharing the sandbox's event loop). */
async function startWorkerChild(
  databaseUrl: string,
  sandbox: StripeSandbox,
  budget: StripeBudgetOptions = DEFAULT_BUDGET,
  concurrency = 8,
) {
  const { child, readyRss } = await forkSyncWorker({
    databaseUrl,
    stripeApiBase: sandbox.url,
    encryptionKey: ENCRYPTION_KEY,
    budget,
    worker: { pollingIntervalSeconds: 0.5, concurrency },
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

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** A sandbox with `customers`, a server on a fresh database, a worker process, Stripe connected and a campaign. */
async function prepare(
  admin: string,
  customers: number,
  database: string,
  options: { budget?: StripeBudgetOptions; webhooks?: boolean; livemode?: boolean } = {},
) {
  const livemode = options.livemode ?? true;
  // Seeded without limits; each scenario then turns Stripe's on.
  const sandbox = await startStripeSandbox({
    customers,
    seed: SEED,
    rateLimit: false,
    latency: 0,
    account: { livemode },
  });
  const databaseUrl = await freshDatabase(admin, database);
  let serve: ReferkitServer['handler'] = async () => new Response(null, { status: 503 });
  const listener = options.webhooks ? await serveHandler((request) => serve(request)) : null;
  const server = serverFor(databaseUrl, sandbox, listener?.url);
  serve = (request) => server.handler(request);
  await server.migrate();
  const worker = await startWorkerChild(databaseUrl, sandbox, options.budget);
  await call(server, 'POST', '/integrations/stripe/connect', {
    mode: livemode ? 'live' : 'test',
    secretKey: sandbox.secretKey,
  });
  const { campaign } = await call<{ campaign: { id: string } }>(server, 'POST', '/campaigns', {
    name: database,
  });
  return { sandbox, server, worker, campaignId: campaign.id, databaseUrl, listener };
}

/** Requests the engine made (everything not tagged as the merchant's) since the last reset. */
function engineStats(sandbox: StripeSandbox) {
  const stats = sandbox.stats();
  const merchant = stats.tags.merchant;
  const requests = stats.total.requests - (merchant?.requests ?? 0);
  const rateLimited = stats.total.rateLimited - (merchant?.rateLimited ?? 0);
  const writes = stats.endpoints['POST /v1/customers/:id'];
  return { stats, requests, rateLimited, writes: writes?.requests ?? 0, merchant };
}

/**
 * A one-time sync at live-mode limits with 40 ms latency, optionally beside
 * the merchant's traffic at `merchantRate` requests/s; prints its figures.
 */
async function oneTimeRun(
  admin: string,
  scenario: string,
  options: { merchantRate?: number; livemode?: boolean; rerun?: boolean } = {},
) {
  const livemode = options.livemode ?? true;
  const customers = CUSTOMERS;
  console.log(
    `
${scenario}: ${customers} customers, ${livemode ? 'live' : 'test'}-mode limits, ${LATENCY_MS} ms latency${options.merchantRate ? `, merchant at ${options.merchantRate}/s` : ''}`,
  );
  const { sandbox, server, worker, campaignId } = await prepare(
    admin,
    customers,
    `bench_${scenario}`,
    {
      livemode,
    },
  );
  sandbox.configure({ rateLimit: {}, latency: LATENCY_MS });
  const merchant = options.merchantRate
    ? sandbox.startMerchantTraffic({ ratePerSecond: options.merchantRate })
    : null;
  // The merchant's traffic alone first, so the sync starts into a busy account.
  if (merchant) await new Promise((resolve) => setTimeout(resolve, 2000));
  sandbox.resetStats();
  const started = performance.now();
  const { sync } = await call<{ sync: Sync }>(server, 'POST', '/syncs', {
    campaignId,
    config: createDefaultSyncConfig(),
  });
  const watched = await watchRun(server, sync.id, started);
  const traffic = merchant ? await merchant.stop() : null;
  const engine = engineStats(sandbox);
  const run = watched.sync.lastRun;
  const writeBudget = WRITE_BUDGET[livemode ? 'live' : 'test'];
  const writeBacks = run?.counts.writtenBack ?? 0;
  const floor = (writeBacks / writeBudget) * 1000;
  // Beside a merchant at 85/s the engine yields: only the merchant's 429s and a correct finish are targets.
  const yielding = (options.merchantRate ?? 0) > 60;
  // A live-mode target only: a test-mode key reads at a fraction of the pace (global 25/s).
  let referrerTarget = customers >= 10_000 ? '≤ 15 s' : '≤ 15 s at 10k';
  if (!livemode) referrerTarget = 'none in test mode';
  if (yielding) referrerTarget = 'none: the engine yields';
  row(
    scenario,
    'run status / seen / created / failed',
    `${run?.status} / ${run?.counts.seen} / ${run?.counts.created} / ${run?.counts.failed}`,
  );
  row(scenario, 'time until every referrer exists', seconds(watched.referrersAt), referrerTarget);
  row(
    scenario,
    `time until every link is written back (floor = ${writeBacks} ÷ ${writeBudget}/s = ${seconds(floor)})`,
    `${seconds(watched.doneAt)} = ${(watched.doneAt / floor).toFixed(3)} × floor`,
    yielding ? 'finishes correctly' : '≤ 1.05 × floor',
  );
  row(
    scenario,
    "429s of the engine's requests",
    `${engine.rateLimited} of ${engine.requests} = ${pct(engine.rateLimited, engine.requests)}`,
    yielding ? '' : '≤ 1%',
  );
  row(
    scenario,
    'engine requests/s overall (÷ account limit)',
    `${(engine.requests / (watched.doneAt / 1000)).toFixed(1)} (${(engine.requests / (watched.doneAt / 1000) / (livemode ? 100 : 25)).toFixed(2)})`,
    livemode ? '' : '≤ 25/s',
  );
  row(scenario, 'lowest write pace reported (updates/s)', watched.minPace.toFixed(1));
  if (traffic) {
    row(
      scenario,
      "merchant's 429s",
      `${traffic.rateLimited} of ${traffic.requests} = ${pct(traffic.rateLimited, traffic.requests)}`,
      yielding ? '≤ 2%' : '≤ 0.5%',
    );
  }
  if (options.rerun) {
    sandbox.resetStats();
    const rerunStarted = performance.now();
    await call(server, 'POST', `/syncs/${sync.id}/runs`);
    const rerun = await waitForSync(server, sync.id);
    const second = engineStats(sandbox);
    row(
      scenario,
      'unchanged re-run: requests (updates) / time',
      `${second.requests} (${second.writes}) / ${seconds(performance.now() - rerunStarted)}; unchanged ${rerun.lastRun?.counts.unchanged}`,
      '0 updates',
    );
  }
  await worker.stop();
  await server.close();
  await sandbox.stop();
  return watched.doneAt;
}

/** Many accounts syncing at once on two worker processes, each at its own budget. */
async function accountsRun(admin: string) {
  const scenario = 'accounts';
  console.log(
    `
${scenario}: ${ACCOUNTS} accounts × ${ACCOUNT_CUSTOMERS} customers at once, 2 worker processes, live-mode limits, ${LATENCY_MS} ms latency`,
  );
  const sandbox = await startStripeSandbox({ seed: SEED, rateLimit: false, latency: 0 });
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) =>
    sandbox.createAccount({ customers: ACCOUNT_CUSTOMERS, livemode: true, name: `Account ${i}` }),
  );
  const databaseUrl = await freshDatabase(admin, 'bench_accounts');
  const server = serverFor(databaseUrl, sandbox);
  await server.migrate();
  const perWorker = Math.ceil(ACCOUNTS / 2);
  const workers = [
    await startWorkerChild(databaseUrl, sandbox, DEFAULT_BUDGET, perWorker),
    await startWorkerChild(databaseUrl, sandbox, DEFAULT_BUDGET, perWorker),
  ];
  const campaigns: string[] = [];
  for (const [i, account] of accounts.entries()) {
    const tenant = `tenant${i}`;
    await call(
      server,
      'POST',
      '/integrations/stripe/connect',
      { mode: 'live', secretKey: account.secretKey },
      tenant,
    );
    const { campaign } = await call<{ campaign: { id: string } }>(
      server,
      'POST',
      '/campaigns',
      { name: tenant },
      tenant,
    );
    campaigns.push(campaign.id);
  }
  sandbox.configure({ rateLimit: {}, latency: LATENCY_MS });
  sandbox.resetStats();
  const started = performance.now();
  const syncs = await Promise.all(
    campaigns.map((campaignId, i) =>
      call<{ sync: Sync }>(
        server,
        'POST',
        '/syncs',
        { campaignId, config: createDefaultSyncConfig() },
        `tenant${i}`,
      ),
    ),
  );
  const done = await Promise.all(
    // Polled once a second each: twenty pollers at 10/s would load the machine more than the sync.
    syncs.map(({ sync }, i) => watchRun(server, sync.id, started, `tenant${i}`, 1000)),
  );
  const budget = WRITE_BUDGET.live;
  const paces = done.map((d) => {
    const run = d.sync.lastRun;
    const ms = new Date(run?.finishedAt ?? 0).getTime() - new Date(run?.startedAt ?? 0).getTime();
    return (run?.counts.writtenBack ?? 0) / (ms / 1000);
  });
  const completed = done.filter((d) => d.sync.lastRun?.status === 'completed').length;
  const stats = sandbox.stats();
  row(
    scenario,
    'runs completed',
    `${completed} of ${ACCOUNTS} in ${seconds(Math.max(...done.map((d) => d.doneAt)))}`,
  );
  row(
    scenario,
    `write pace per account, start to finish (budget ${budget}/s): min / median / max`,
    `${Math.min(...paces).toFixed(1)} / ${[...paces].sort((a, b) => a - b)[Math.floor(paces.length / 2)]?.toFixed(1)} / ${Math.max(...paces).toFixed(1)} (min ${((100 * Math.min(...paces)) / budget).toFixed(0)}% of budget)`,
    'each within 10% of budget',
  );
  row(
    scenario,
    "time until every account's referrers exist: max",
    seconds(Math.max(...done.map((d) => d.referrersAt))),
  );
  row(
    scenario,
    '429s of all requests',
    `${stats.total.rateLimited} of ${stats.total.requests} = ${pct(stats.total.rateLimited, stats.total.requests)}`,
    '≤ 1%',
  );
  for (const [i, worker] of workers.entries()) {
    const report = await worker.report();
    const samples = report.rssSamples;
    const at = (share: number) =>
      mb(samples[Math.min(samples.length - 1, Math.floor(share * samples.length))] ?? 0);
    row(
      scenario,
      `worker ${i + 1} RSS idle → 25% → 50% → 75% → end (peak)`,
      `${mb(worker.readyRss)} → ${at(0.25)} → ${at(0.5)} → ${at(0.75)} → ${at(1)} (${mb(report.peakRss)})`,
      'flat',
    );
  }
  for (const worker of workers) await worker.stop();
  await server.close();
  await sandbox.stop();
}

async function naiveRun(engineWall: number | null) {
  const scenario = 'naive';
  console.log(
    `\n${scenario}: ${CUSTOMERS} customers (list all, then update one by one), live-mode limits`,
  );
  const sandbox = await startStripeSandbox({
    customers: CUSTOMERS,
    seed: SEED,
    rateLimit: {},
    latency: LATENCY_MS,
    account: { livemode: true },
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
  const { stats } = engineStats(sandbox);
  row(scenario, 'wall time (referrers and links at the end)', seconds(wall));
  row(scenario, 'requests made / 429s', `${stats.total.requests} / ${stats.total.rateLimited}`);
  row(scenario, 'failed updates', failed);
  if (engineWall) row(scenario, 'engine time ÷ naive time', `${(engineWall / wall).toFixed(2)}`);
  await sandbox.stop();
}

async function memoryRun(admin: string) {
  const scenario = 'memory';
  console.log(`\n${scenario}: ${MEMORY_CUSTOMERS} customers, worker in its own process`);
  // The sandbox runs unlimited here so 100,000 customers finish in minutes; memory is what is measured.
  const { sandbox, server, worker, campaignId } = await prepare(
    admin,
    MEMORY_CUSTOMERS,
    'bench_memory',
    {
      budget: { globalPerSecond: 1500, endpointPerSecond: 1500 },
    },
  );
  const readyRss = worker.readyRss;
  const started = performance.now();
  const { sync } = await call<{ sync: Sync }>(server, 'POST', '/syncs', {
    campaignId,
    config: createDefaultSyncConfig(),
  });
  const done = await watchRun(server, sync.id, started);
  const report = await worker.report();
  await worker.stop();
  row(
    scenario,
    'run status / seen / failed',
    `${done.sync.lastRun?.status} / ${done.sync.lastRun?.counts.seen} / ${done.sync.lastRun?.counts.failed} in ${seconds(done.doneAt)}`,
  );
  row(scenario, 'worker peak RSS (VmHWM)', mb(report.peakRss), '≤ 256 MB at 100k');
  const samples = report.rssSamples;
  const at = (share: number) =>
    mb(samples[Math.min(samples.length - 1, Math.floor(share * samples.length))] ?? 0);
  row(
    scenario,
    'worker RSS idle → 25% → 50% → 75% → end of run',
    `${mb(readyRss)} → ${at(0.25)} → ${at(0.5)} → ${at(0.75)} → ${at(1)}`,
  );
  row(scenario, 'worker peak heap used', mb(report.peakHeap));
  await server.close();
  await sandbox.stop();
}

/**
 * An ongoing sync, default (hourly) schedule, webhooks on, 1 % of the
 * customers changing a day, spread over the day: each simulated hour makes
 * its share of the changes (delivered by webhook), moves the sandbox clock an
 * hour and runs the schedule. Stripe reads are counted and scaled to 30 days.
 */
async function ongoingRun(admin: string) {
  const scenario = 'ongoing';
  console.log(
    `\n${scenario}: ${CUSTOMERS} customers, 1% changing a day, hourly schedule, webhooks on, ${ONGOING_DAYS} simulated days`,
  );
  const { sandbox, server, worker, campaignId, databaseUrl, listener } = await prepare(
    admin,
    CUSTOMERS,
    'bench_ongoing',
    { webhooks: true, budget: { globalPerSecond: 400, endpointPerSecond: 200 } },
  );
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => {});
  const stripe = createStripeClient(sandbox.secretKey, { apiBase: sandbox.url });
  const { sync } = await call<{ sync: Sync }>(server, 'POST', '/syncs', {
    campaignId,
    config: { ...createDefaultSyncConfig(), syncType: 'ongoing' },
  });
  const full = await waitForSync(server, sync.id);
  row(
    scenario,
    'first (full) run: status / written back',
    `${full.lastRun?.status} / ${full.lastRun?.counts.writtenBack}`,
  );
  await sandbox.webhooksIdle();
  await waitForSync(server, sync.id);
  const referrers = (
    await pool.query<{ external_id: string }>(
      'SELECT external_id FROM referkit.referrers WHERE campaign_id = $1 ORDER BY seq',
      [campaignId],
    )
  ).rows.map((r) => r.external_id);
  // The first incremental run reads the full run's own write-back echoes once (a page per 100).
  sandbox.resetStats();
  await pool.query('UPDATE referkit.syncs SET next_run_at = now() WHERE id = $1', [sync.id]);
  await server.runScheduler();
  await waitForSync(server, sync.id);
  const echoReads = sandbox.stats().total.reads;
  row(
    scenario,
    'first incremental run after the full run: reads (its write-back echoes, once)',
    echoReads,
  );
  sandbox.resetStats();
  const perDay = Math.max(1, Math.round(CUSTOMERS / 100));
  let changed = 0;
  let runs = 0;
  for (let hour = 0; hour < ONGOING_DAYS * 24; hour++) {
    // This hour's changes, made in Stripe "elsewhere" (the dashboard), arrive by webhook.
    const due = Math.round(((hour + 1) * perDay) / 24) - Math.round((hour * perDay) / 24);
    for (let i = 0; i < due; i++) {
      const id = referrers[changed % referrers.length] as string;
      await stripe.customers.update(id, { name: `Changed${changed} Customer` });
      changed += 1;
    }
    await sandbox.webhooksIdle();
    await waitForSync(server, sync.id);
    sandbox.advanceClock(3600);
    await pool.query('UPDATE referkit.syncs SET next_run_at = now() WHERE id = $1', [sync.id]);
    await server.runScheduler();
    await waitForSync(server, sync.id);
    runs += 1;
  }
  const engine = engineStats(sandbox);
  // The changes themselves are writes: every read is the sync's.
  const reads = engine.stats.total.reads;
  const { sync: after } = await call<{ sync: Sync }>(server, 'GET', `/syncs/${sync.id}`);
  row(scenario, 'changes made / scheduled runs', `${changed} / ${runs}`);
  row(
    scenario,
    `Stripe reads in ${ONGOING_DAYS} days (event pages / customers fetched)`,
    `${reads} (${engine.stats.endpoints['GET /v1/events']?.requests ?? 0} / ${engine.stats.endpoints['GET /v1/customers/:id']?.requests ?? 0})`,
  );
  row(
    scenario,
    'Stripe reads per 30 days (once + steady state scaled)',
    `${echoReads} + ${Math.round((reads * 30) / ONGOING_DAYS)} = ${echoReads + Math.round((reads * 30) / ONGOING_DAYS)}`,
    '≤ 1,000',
  );
  row(
    scenario,
    "sync's stripeRequestsThisMonth (all runs, incl. the first full run)",
    JSON.stringify(after.stripeRequestsThisMonth),
  );
  const { rows: names } = await pool.query(
    `SELECT count(*)::int AS n FROM referkit.referrers WHERE campaign_id = $1 AND first_name LIKE 'Changed%'`,
    [campaignId],
  );
  row(
    scenario,
    'referrers following a change',
    `${names[0]?.n} of ${Math.min(changed, referrers.length)}`,
  );
  await pool.end();
  await worker.stop();
  await server.close();
  await listener?.close();
  await sandbox.stop();
}

const ALL = [
  'engine',
  'merchant50',
  'merchant85',
  'testmode',
  'accounts',
  'ongoing',
  'naive',
  'memory',
];
const only = new Set((process.env.BENCH_ONLY ?? ALL.join(',')).split(',').map((s) => s.trim()));
const { admin, stop } = await databases();
try {
  let engineWall: number | null = null;
  if (only.has('engine')) engineWall = await oneTimeRun(admin, 'engine', { rerun: true });
  if (only.has('merchant50')) await oneTimeRun(admin, 'merchant50', { merchantRate: 50 });
  if (only.has('merchant85')) await oneTimeRun(admin, 'merchant85', { merchantRate: 85 });
  if (only.has('testmode')) await oneTimeRun(admin, 'testmode', { livemode: false });
  if (only.has('accounts')) await accountsRun(admin);
  if (only.has('ongoing')) await ongoingRun(admin);
  if (only.has('naive')) await naiveRun(engineWall);
  if (only.has('memory')) await memoryRun(admin);
} finally {
  for (const child of children) child.kill('SIGKILL');
  await stop();
}
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
const line = '─'.repeat(widths.reduce((a, b) => a + b + 2, 0) + 10);
console.log(`\n${line}`);
for (const [scenario, label, value, target] of rows) {
  console.log(
    `${scenario.padEnd(widths[0] ?? 0)}  ${label.padEnd(widths[1] ?? 0)}  ${value.padEnd(widths[2] ?? 0)}  ${target}`,
  );
}
console.log(line);
