import { randomBytes } from 'node:crypto';
import type { Sync, SyncOutcome } from '@referkit/core';
import {
  type StripeSandbox,
  type StripeSandboxOptions,
  startStripeSandbox,
} from '@referkit/stripe-sandbox';
import pg from 'pg';
import type Stripe from 'stripe';
import { inject, vi } from 'vitest';
import { createReferkitServer, type ReferkitServer } from '../create-referkit-server';
import { consoleLogger } from '../logger';
import type { ReferkitServerOptions, SyncWorkerOptions } from '../server-options';
import { createStripeClient } from '../stripe/stripe-client';
import { UNLIMITED_BUDGET } from './fork-sync-worker';
import { serveHandler } from './serve-handler';

/** The encryption key every test server uses. */
export const TEST_ENCRYPTION_KEY = 'a'.repeat(16) + randomBytes(24).toString('hex');

/** Creates a fresh database on the test cluster and returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const admin = inject('adminDatabaseUrl');
  const name = `rk_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** What an `api()` call answered. */
export interface ApiResult<T> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** Options of {@link createHarness}. */
export interface HarnessOptions {
  sandbox?: StripeSandboxOptions;
  server?: Partial<ReferkitServerOptions>;
  /**
   * Start a worker in this process. Default: `{ pollingIntervalSeconds: 0.5, schedule: false }`
   * (tests run the scheduler themselves, so no background tick interferes).
   */
  worker?: SyncWorkerOptions | false;
  /**
   * Serve the handler over HTTP on a free local port and give the server that
   * URL as `stripe.webhookBaseUrl`, so connecting registers a webhook endpoint
   * the sandbox delivers to. Default: `false`.
   */
  webhooks?: boolean;
}

/** A sandbox, a server on a fresh database and helpers to talk to both. */
export interface Harness {
  sandbox: StripeSandbox;
  server: ReferkitServer;
  databaseUrl: string;
  /** A pool for looking at the database directly. */
  pool: pg.Pool;
  /** Every response body the handler sent, for "never in a response" checks. */
  responses: string[];
  // biome-ignore lint/suspicious/noExplicitAny: tests check response bodies with assertions, not types
  api<T = any>(
    method: string,
    path: string,
    options?: {
      body?: unknown;
      /** The tenant (`x-test-account`); `null` for none. Default `acct-a`. */
      account?: string | null;
      headers?: Record<string, string>;
      rawBody?: RequestInit['body'];
    },
  ): Promise<ApiResult<T>>;
  /** An SDK client on the sandbox. Default: the default account's secret key. */
  stripe(key?: string): Stripe;
  /** Connects the sandbox's default account for a tenant; returns its key. */
  connect(account?: string, key?: string): Promise<string>;
  /** Creates a campaign for a tenant; returns its id. */
  campaign(account?: string, name?: string): Promise<string>;
  /** Waits until a sync has no run in progress; returns it. */
  waitForSync(syncId: string, account?: string, timeoutMs?: number): Promise<Sync>;
  /** Resolves once a deleted sync is gone (its link removal, if any, has finished). */
  waitForSyncGone(syncId: string, account?: string, timeoutMs?: number): Promise<void>;
  /** Every outcome of a run, in order. */
  outcomes(syncId: string, runId: string, account?: string): Promise<SyncOutcome[]>;
  /** Makes a sync due now and runs one tick of the scheduler; returns what it did. */
  tick(syncId?: string): ReturnType<ReferkitServer['runScheduler']>;
  /** The handler's URL when `webhooks` is on. */
  baseUrl: string | null;
  close(): Promise<void>;
}

/** A response's JSON body, for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: tests check response bodies with assertions, not types
export async function readJson(response: Response): Promise<any> {
  return response.json();
}

/** Tenants are the `x-test-account` header. */
export function testAuthenticate(request: Request) {
  const accountId = request.headers.get('x-test-account');
  return accountId ? { accountId } : null;
}

/** Starts a sandbox and a Referkit server (with a worker) on a fresh database. */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sandbox = await startStripeSandbox({ rateLimit: false, ...options.sandbox });
  const databaseUrl = await createTestDatabase();
  let serve: ((request: Request) => Promise<Response>) | null = null;
  const listener = options.webhooks
    ? await serveHandler((request) => (serve as (request: Request) => Promise<Response>)(request))
    : null;
  const server = createReferkitServer({
    database: { url: databaseUrl },
    encryptionKey: TEST_ENCRYPTION_KEY,
    linkBaseUrl: 'https://ref.example.com',
    authenticate: testAuthenticate,
    validateResponses: true,
    connectionCheckIntervalSeconds: 0,
    logger: process.env.REFERKIT_TEST_LOG ? consoleLogger : { info() {}, warn() {}, error() {} },
    ...options.server,
    stripe: {
      apiBase: sandbox.url,
      // The sandbox enforces no limits unless a test asks: runs need not keep to Stripe's.
      budget: UNLIMITED_BUDGET,
      ...(listener ? { webhookBaseUrl: listener.url } : {}),
      ...options.server?.stripe,
    },
    jobs: { retryDelaySeconds: 1, ...options.server?.jobs },
  });
  serve = (request) => server.handler(request);
  await server.migrate();
  if (options.worker !== false) {
    await server.startWorker({ pollingIntervalSeconds: 0.5, schedule: false, ...options.worker });
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  const responses: string[] = [];

  const harness: Harness = {
    sandbox,
    server,
    databaseUrl,
    pool,
    responses,
    async api(method, path, { body, account = 'acct-a', headers = {}, rawBody } = {}) {
      const init: RequestInit & { duplex?: 'half' } = { method, headers: { ...headers } };
      if (account) (init.headers as Record<string, string>)['x-test-account'] = account;
      if (body !== undefined) {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      } else if (rawBody !== undefined) {
        init.body = rawBody;
        init.duplex = 'half';
      }
      const response = await server.handler(new Request(`http://referkit.test${path}`, init));
      const text = await response.text();
      responses.push(text, JSON.stringify([...response.headers]));
      return {
        status: response.status,
        // JSON bodies parsed; others (the outcomes' CSV download) are read from `text`.
        body:
          text && !/^text\/csv\b/.test(response.headers.get('content-type') ?? '')
            ? JSON.parse(text)
            : undefined,
        text,
        headers: response.headers,
      };
    },
    stripe(key = sandbox.secretKey) {
      return createStripeClient(key, { apiBase: sandbox.url });
    },
    async connect(account = 'acct-a', key = sandbox.secretKey) {
      const result = await harness.api('POST', '/integrations/stripe/connect', {
        account,
        body: { mode: 'test', secretKey: key },
      });
      if (result.status !== 200) throw new Error(`connect failed: ${result.text}`);
      return key;
    },
    async campaign(account = 'acct-a', name = 'Spring referrals') {
      const result = await harness.api('POST', '/campaigns', { account, body: { name } });
      if (result.status !== 201) throw new Error(`campaign failed: ${result.text}`);
      return result.body.campaign.id as string;
    },
    async waitForSync(syncId, account = 'acct-a', timeoutMs = 45_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const result = await harness.api<{ sync: Sync }>('GET', `/syncs/${syncId}`, { account });
        if (result.status !== 200) throw new Error(result.text);
        if (!result.body.sync.currentRun) return result.body.sync;
        if (Date.now() > deadline) throw new Error(`Sync ${syncId} still running: ${result.text}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async waitForSyncGone(syncId, account = 'acct-a', timeoutMs = 45_000) {
      await vi.waitFor(
        async () => {
          const result = await harness.api('GET', `/syncs/${syncId}`, { account });
          if (result.status !== 404) throw new Error(`Sync ${syncId} still there: ${result.text}`);
        },
        { timeout: timeoutMs, interval: 50 },
      );
    },
    async outcomes(syncId, runId, account = 'acct-a') {
      const all: SyncOutcome[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?limit=500${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await harness.api('GET', `/syncs/${syncId}/runs/${runId}/outcomes${query}`, {
          account,
        });
        if (page.status !== 200) throw new Error(page.text);
        all.push(...page.body.outcomes);
        cursor = page.body.nextCursor;
      } while (cursor);
      return all;
    },
    baseUrl: listener?.url ?? null,
    async tick(syncId) {
      if (syncId) {
        await pool.query(
          "UPDATE referkit.syncs SET next_run_at = now() - interval '1 second' WHERE id = $1",
          [syncId],
        );
      }
      return server.runScheduler();
    },
    async close() {
      await sandbox.stop();
      await listener?.close();
      await server.close();
      await pool.end();
    },
  };
  return harness;
}
