import type { ChildProcess } from 'node:child_process';
import {
  createDefaultSyncConfig,
  type Sync,
  type SyncConfig,
  toReferrerDraft,
} from '@referkit/core';
import PgBoss from 'pg-boss';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferkitServer, type ReferkitServer } from '../create-referkit-server';
import type { SyncJobOptions } from '../server-options';
import { forkSyncWorker } from '../test-support/fork-sync-worker';
import {
  createHarness,
  type Harness,
  TEST_ENCRYPTION_KEY,
  testAuthenticate,
} from '../test-support/harness';
import { SYNC_RUN_QUEUE } from './sync-queue';

/**
 * One slice per run, no pg-boss retries, a short expiry and lease: a worker
 * killed mid-run leaves an active job that expires into `failed` within
 * seconds — the case only the scheduler's recovery picks up.
 */
const JOBS: SyncJobOptions = {
  sliceSeconds: 60,
  expireInSeconds: 4,
  leaseSeconds: 2,
  retryLimit: 0,
  retryDelaySeconds: 0,
};
const CONFIG: SyncConfig = {
  ...createDefaultSyncConfig(),
  syncType: 'ongoing',
  schedule: { kind: 'cron', expression: '0 0 1 1 *' },
};
const SILENT = { info() {}, warn() {}, error() {} };

let h: Harness;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  h = await createHarness({
    worker: false,
    sandbox: { customers: 200, seed: 'workers' },
    server: { jobs: JOBS },
  });
  await h.connect();
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await h?.close();
});

/** Another process's server on the same database (here: the same process, its own pool and pg-boss). */
function anotherServer(): ReferkitServer {
  return createReferkitServer({
    database: { url: h.databaseUrl },
    encryptionKey: TEST_ENCRYPTION_KEY,
    linkBaseUrl: 'https://ref.example.com',
    authenticate: testAuthenticate,
    stripe: { apiBase: h.sandbox.url },
    jobs: JOBS,
    logger: SILENT,
  });
}

async function startOngoingSync(): Promise<Sync> {
  const campaignId = await h.campaign('acct-a', `Workers ${Math.random()}`);
  const created = await h.api('POST', '/syncs', { body: { campaignId, config: CONFIG } });
  expect(created.status, created.text).toBe(201);
  const sync = await h.waitForSync(created.body.sync.id);
  expect(sync.lastRun?.status).toBe('completed');
  return sync;
}

/** Every referrer of these customers carries the first name of the customer as it is now in Stripe. */
async function expectNamesFollowStripe(syncId: string, ids: readonly string[]): Promise<void> {
  const { rows } = await h.pool.query(
    `SELECT r.external_id, r.first_name FROM referkit.referrers r
     JOIN referkit.syncs s ON s.campaign_id = r.campaign_id
     WHERE s.id = $1 AND r.external_id = ANY($2)`,
    [syncId, ids],
  );
  expect(rows.length).toBeGreaterThan(ids.length / 2);
  const stripe = h.stripe();
  for (const row of rows) {
    const customer = (await stripe.customers.retrieve(row.external_id)) as Stripe.Customer;
    const draft = toReferrerDraft(customer as never, CONFIG);
    expect(draft.ok && draft.draft.firstName).toBe(row.first_name);
  }
}

describe('two workers on one sync', () => {
  it('a tick fired in both starts one run, and a duplicate job does not run it twice', async () => {
    const second = anotherServer();
    const workers = await Promise.all([
      h.server.startWorker({ pollingIntervalSeconds: 0.5, schedule: false }),
      second.startWorker({ pollingIntervalSeconds: 0.5, schedule: false }),
    ]);
    try {
      const sync = await startOngoingSync();
      const { renamed } = h.sandbox.mutateCustomers({ rename: 20 });
      h.sandbox.resetStats();
      await h.pool.query(
        "UPDATE referkit.syncs SET next_run_at = now() - interval '1 second' WHERE id = $1",
        [sync.id],
      );
      const ticks = await Promise.all([h.server.runScheduler(), second.runScheduler()]);
      expect(ticks.flatMap((tick) => tick.started)).toEqual([sync.id]);

      // pg-boss delivering the same run twice (a duplicate job) changes nothing either.
      const { rows } = await h.pool.query(
        "SELECT id FROM referkit.sync_runs WHERE sync_id = $1 AND trigger = 'schedule'",
        [sync.id],
      );
      const boss = new PgBoss({
        connectionString: h.databaseUrl,
        supervise: false,
        schedule: false,
      });
      await boss.start();
      await boss.send(SYNC_RUN_QUEUE, { runId: rows[0].id });
      await boss.stop({ graceful: false });

      const done = await h.waitForSync(sync.id);
      const runs = (await h.api('GET', `/syncs/${sync.id}/runs`)).body.runs as Sync['lastRun'][];
      expect(runs.map((run) => run?.trigger)).toEqual(['schedule', 'initial']);
      expect(done.lastRun).toMatchObject({ mode: 'incremental', status: 'completed' });
      const outcomes = await h.outcomes(sync.id, done.lastRun?.id as string);
      expect(outcomes.map((o) => o.externalId).sort()).toEqual([...renamed].sort());
      // The events carry the customers: event pages read (the first run's write-back echoes
      // and the renames, 100 a page), nothing fetched, nothing listed.
      const { endpoints } = h.sandbox.stats();
      const events = (sync.lastRun?.counts.writtenBack ?? 0) + renamed.length;
      expect(endpoints['GET /v1/events']?.requests).toBe(Math.ceil(events / 100));
      expect(endpoints['GET /v1/customers/:id']?.requests ?? 0).toBe(0);
      expect(endpoints['GET /v1/customers']?.requests ?? 0).toBe(0);
      await expectNamesFollowStripe(sync.id, renamed);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
      await second.close();
    }
  });
});

describe('a worker killed during a run', () => {
  it('is replaced: another worker finishes the run, even after pg-boss gave up on its job', async () => {
    const { child } = await forkSyncWorker({
      databaseUrl: h.databaseUrl,
      stripeApiBase: h.sandbox.url,
      encryptionKey: TEST_ENCRYPTION_KEY,
      jobs: JOBS,
      // Slow enough to be killed in the middle of a run.
      budget: { globalPerSecond: 40, endpointPerSecond: 20 },
      worker: { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 30, schedule: false },
      children,
    });
    const sync = await startOngoingSync();
    // New customers: each becomes a referrer whose link is written back (paced slowly).
    const { created } = h.sandbox.mutateCustomers({ create: 150 });
    expect((await h.tick(sync.id)).started).toEqual([sync.id]);
    let runId = '';
    await expect
      .poll(
        async () => {
          const { body } = await h.api('GET', `/syncs/${sync.id}`);
          runId = body.sync.currentRun?.id ?? runId;
          return body.sync.currentRun?.counts.seen ?? 0;
        },
        { timeout: 30_000, interval: 25 },
      )
      .toBeGreaterThanOrEqual(100);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const worker = await h.server.startWorker({
      pollingIntervalSeconds: 0.5,
      maintenanceIntervalSeconds: 1,
      schedule: false,
    });
    try {
      // pg-boss expires the dead worker's job (no retries left); the scheduler hands the run on.
      await expect
        .poll(async () => (await h.server.runScheduler()).recovered, {
          timeout: 20_000,
          interval: 500,
        })
        .toEqual([runId]);
      const done = await h.waitForSync(sync.id);
      expect(done.lastRun).toMatchObject({
        id: runId,
        mode: 'incremental',
        status: 'completed',
        note: 'Resumed by another worker after its worker stopped.',
      });
      const outcomes = await h.outcomes(sync.id, runId);
      expect(outcomes.map((o) => o.externalId).sort()).toEqual([...created].sort());
      expect(done.lastRun?.counts.seen).toBe(created.length);
      await expectNamesFollowStripe(sync.id, created);
      // Every new referrer's link is on its customer.
      const links = await h.pool.query(
        `SELECT r.external_id, r.referral_link FROM referkit.referrers r
         JOIN referkit.syncs s ON s.campaign_id = r.campaign_id
         WHERE s.id = $1 AND r.external_id = ANY($2)`,
        [sync.id, created],
      );
      const stripe = h.stripe();
      for (const row of links.rows) {
        const customer = (await stripe.customers.retrieve(row.external_id)) as Stripe.Customer;
        expect(customer.metadata.referral_link).toBe(row.referral_link);
      }
      expect(done.lastRun?.counts.writtenBack).toBe(links.rows.length);
    } finally {
      await worker.stop();
    }
  }, 90_000);
});
