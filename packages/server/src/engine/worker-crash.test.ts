import type { ChildProcess } from 'node:child_process';
import { createDefaultSyncConfig, type Sync } from '@referkit/core';
import type Stripe from 'stripe';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncJobOptions } from '../server-options';
import { forkSyncWorker } from '../test-support/fork-sync-worker';
import { createHarness, type Harness, TEST_ENCRYPTION_KEY } from '../test-support/harness';

// Short slices, expiry and lease, so a dead worker's run is picked up within seconds.
const JOBS: SyncJobOptions = {
  sliceSeconds: 1,
  expireInSeconds: 3,
  leaseSeconds: 2,
  retryDelaySeconds: 0,
};

let h: Harness;
const children = new Set<ChildProcess>();

async function startWorkerProcess(): Promise<ChildProcess> {
  const { child } = await forkSyncWorker({
    databaseUrl: h.databaseUrl,
    stripeApiBase: h.sandbox.url,
    encryptionKey: TEST_ENCRYPTION_KEY,
    jobs: JOBS,
    budget: { globalPerSecond: 150, endpointPerSecond: 150 },
    worker: { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, writeBatchesInFlight: 1 },
    children,
  });
  return child;
}

beforeAll(async () => {
  h = await createHarness({
    worker: false,
    sandbox: { customers: 420, seed: 'crash' },
    server: { jobs: JOBS },
  });
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await h?.close();
});

interface FinalState {
  run: NonNullable<Sync['lastRun']>;
  outcomes: string[];
  referrers: string[];
  /** Customers carrying a referral link, and whether it is their referrer's link. */
  links: string[];
  writes: number;
}

async function finalState(account: string, sync: Sync, updatedBefore: number): Promise<FinalState> {
  const run = sync.lastRun as NonNullable<Sync['lastRun']>;
  const { rows: outcomes } = await h.pool.query(
    'SELECT external_id, outcome, reason_code, written_back, write_status FROM referkit.sync_outcomes WHERE run_id = $1',
    [run.id],
  );
  const { rows: referrers } = await h.pool.query(
    `SELECT r.email_key, r.external_id, r.referral_link FROM referkit.referrers r
     JOIN referkit.campaigns c ON c.id = r.campaign_id WHERE c.account_id = $1`,
    [account],
  );
  const linkOf = new Map(referrers.map((r) => [r.external_id, r.referral_link]));
  const links: string[] = [];
  for await (const customer of h.stripe().customers.list({ limit: 100 })) {
    const link = customer.metadata.referral_link;
    if (link) links.push(`${customer.id}:${link === linkOf.get(customer.id) ? 'own' : 'other'}`);
  }
  return {
    run,
    outcomes: outcomes
      .map(
        (o) => `${o.external_id}:${o.outcome}:${o.reason_code}:${o.written_back}:${o.write_status}`,
      )
      .sort(),
    referrers: referrers.map((r) => `${r.email_key}:${r.external_id}`).sort(),
    links: links.sort(),
    writes: (await countUpdates(h.stripe())) - updatedBefore,
  };
}

async function countUpdates(stripe: Stripe): Promise<number> {
  let n = 0;
  for await (const _ of stripe.events.list({ type: 'customer.updated', limit: 100 })) n++;
  return n;
}

async function syncOnce(account: string, duringRun?: (syncId: string) => Promise<void>) {
  await h.connect(account);
  const campaignId = await h.campaign(account);
  const updatedBefore = await countUpdates(h.stripe());
  const created = await h.api('POST', '/syncs', {
    account,
    body: { campaignId, config: createDefaultSyncConfig() },
  });
  const syncId = created.body.sync.id as string;
  await duringRun?.(syncId);
  return finalState(account, await h.waitForSync(syncId, account, 90_000), updatedBefore);
}

it('a worker killed mid-run is resumed by another, ending exactly like an uninterrupted run', async () => {
  const first = await startWorkerProcess();
  const uninterrupted = await syncOnce('acct-steady');

  // The same Stripe account from the same start, synced again for another tenant.
  h.sandbox.reset();
  let killedAt = 0;
  const interrupted = await syncOnce('acct-crash', async (syncId) => {
    for (;;) {
      const { body } = await h.api('GET', `/syncs/${syncId}`, { account: 'acct-crash' });
      const seen = body.sync.currentRun?.counts.seen ?? 0;
      if (seen >= 200) {
        first.kill('SIGKILL');
        killedAt = seen;
        break;
      }
      expect(body.sync.currentRun).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => first.once('exit', resolve));
    await startWorkerProcess();
  });

  expect(killedAt).toBeGreaterThanOrEqual(200);
  expect(killedAt).toBeLessThan(uninterrupted.run.counts.seen);
  expect(uninterrupted.run.status).toBe('completed');
  expect(interrupted.run.status).toBe('completed');
  expect(interrupted.run.counts).toEqual(uninterrupted.run.counts);
  expect(interrupted.outcomes).toEqual(uninterrupted.outcomes);
  expect(interrupted.referrers).toEqual(uninterrupted.referrers);
  expect(interrupted.links).toEqual(uninterrupted.links);
  expect(interrupted.links.every((entry) => entry.endsWith(':own'))).toBe(true);
  // Nothing written twice: one customer.updated per write-back.
  expect(uninterrupted.writes).toBe(uninterrupted.run.counts.writtenBack);
  expect(interrupted.writes).toBe(interrupted.run.counts.writtenBack);
}, 120_000);
