import { createDefaultSyncConfig, type SyncConfig } from '@referkit/core';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../store/database';
import { createHarness, type Harness } from '../test-support/harness';
import { processRecordBatch } from './process-record-batch';

async function allCustomers(stripe: Stripe): Promise<Stripe.Customer[]> {
  const customers: Stripe.Customer[] = [];
  for await (const customer of stripe.customers.list({ limit: 100 })) customers.push(customer);
  return customers;
}

async function countEvents(stripe: Stripe, type: string): Promise<number> {
  let n = 0;
  for await (const _ of stripe.events.list({ type, limit: 100 })) n++;
  return n;
}

async function linksFor(h: Harness, campaignId: string) {
  const { rows } = await h.pool.query(
    'SELECT external_id, referral_link FROM referkit.referrers WHERE campaign_id = $1',
    [campaignId],
  );
  return new Map(rows.map((r) => [r.external_id as string, r.referral_link as string]));
}

describe('when Stripe answers 429s, 500s and drops connections', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({
      sandbox: { customers: 220, seed: 'faults' },
      server: { stripe: { retry: { minTimeoutMs: 50, maxTimeoutMs: 500 } } },
    });
    await h.connect();
  });
  afterAll(() => h?.close());

  it('the run still completes, losing and duplicating nothing', async () => {
    const campaignId = await h.campaign();
    h.sandbox.configure({
      rateLimit: 60,
      faults: { rateLimit: 0.05, serverError: 0.08, dropConnection: 0.04 },
    });
    h.sandbox.resetStats();
    const created = await h.api('POST', '/syncs', {
      body: { campaignId, config: createDefaultSyncConfig() },
    });
    expect(created.status).toBe(201);
    const sync = await h.waitForSync(created.body.sync.id);
    h.sandbox.configure({
      rateLimit: false,
      faults: { rateLimit: 0, serverError: 0, dropConnection: 0 },
    });
    const stats = h.sandbox.stats().total;
    expect(stats.rateLimited).toBeGreaterThan(0);
    expect(stats.serverErrors).toBeGreaterThan(0);
    expect(stats.dropped).toBeGreaterThan(0);

    const run = sync.lastRun;
    expect(run?.status).toBe('completed');
    expect(run?.counts.failed).toBe(0);
    const customers = await allCustomers(h.stripe());
    expect(run?.counts.seen).toBe(customers.length);
    const links = await linksFor(h, campaignId);
    expect(links.size).toBe(run?.counts.created);
    for (const [customerId, link] of links) {
      expect(customers.find((c) => c.id === customerId)?.metadata.referral_link).toBe(link);
    }
    // Each write-back changed its customer exactly once: replays were idempotent.
    expect(await countEvents(h.stripe(), 'customer.updated')).toBe(run?.counts.writtenBack);
    expect(run?.counts.writtenBack).toBe(links.size);
  });
});

describe('slow write-backs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({
      sandbox: { customers: 340, seed: 'slow' },
      server: { stripe: { budget: { globalPerSecond: 80, endpointPerSecond: 80 } } },
      worker: { pollingIntervalSeconds: 0.5, writeBatchesInFlight: 1 },
    });
    await h.connect();
  });
  afterAll(() => h?.close());

  it('marks customers deleted in Stripe before their write-back as skipped, keeping the referrer', async () => {
    const campaignId = await h.campaign();
    const created = await h.api('POST', '/syncs', {
      body: { campaignId, config: createDefaultSyncConfig() },
    });
    const syncId = created.body.sync.id;
    let pending: string[] = [];
    for (let i = 0; i < 200 && pending.length < 5; i++) {
      const { rows } = await h.pool.query(
        "SELECT external_id FROM referkit.sync_outcomes WHERE write_status = 'pending' ORDER BY id DESC LIMIT 3",
      );
      pending = rows.map((r) => r.external_id);
      if (pending.length < 3) await new Promise((resolve) => setTimeout(resolve, 25));
      else break;
    }
    expect(pending).toHaveLength(3);
    for (const id of pending) await h.stripe().customers.del(id);

    const running = await h.api('POST', `/syncs/${syncId}/runs`);
    expect(running.status).toBe(409);
    expect(running.body.error.code).toBe('sync_running');

    const sync = await h.waitForSync(syncId);
    expect(sync.lastRun?.status).toBe('completed');
    const outcomes = await h.api(
      'GET',
      `/syncs/${syncId}/runs/${sync.lastRun?.id}/outcomes?outcome=skipped&limit=500`,
    );
    const deleted = outcomes.body.outcomes.filter(
      (o: { reasonCode: string }) => o.reasonCode === 'deleted',
    );
    expect(deleted.map((o: { externalId: string }) => o.externalId).sort()).toEqual(
      [...pending].sort(),
    );
    for (const outcome of deleted) {
      expect(outcome).toMatchObject({ writtenBack: false, referrerId: expect.any(String) });
      expect(outcome.message).toContain('deleted in Stripe');
    }
    const links = await linksFor(h, campaignId);
    for (const id of pending) expect(links.has(id)).toBe(true);
    expect(sync.lastRun?.counts.skipped).toBe(outcomes.body.outcomes.length);
    expect(sync.lastRun?.skippedByReason?.deleted).toBe(3);
  });

  it('cancels at the next page boundary', async () => {
    const campaignId = await h.campaign();
    const created = await h.api('POST', '/syncs', {
      body: { campaignId, config: createDefaultSyncConfig() },
    });
    const syncId = created.body.sync.id;
    for (let i = 0; i < 200; i++) {
      const current = await h.api('GET', `/syncs/${syncId}`);
      if ((current.body.sync.currentRun?.counts.seen ?? 0) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const cancelled = await h.api('POST', `/syncs/${syncId}/cancel`);
    expect(cancelled.status).toBe(200);
    const sync = await h.waitForSync(syncId);
    expect(sync.lastRun?.status).toBe('cancelled');
    expect(sync.status).toBe('active');
    const total = (await allCustomers(h.stripe())).length;
    const seen = sync.lastRun?.counts.seen ?? 0;
    expect(seen % 100).toBe(0);
    expect(seen).toBeLessThan(total);
    // Write-backs the run planned but did not send are left to the next run: none stays pending.
    const { rows } = await h.pool.query(
      "SELECT count(*)::int AS n FROM referkit.sync_outcomes WHERE run_id = $1 AND write_status = 'pending'",
      [sync.lastRun?.id],
    );
    expect(rows[0].n).toBe(0);
  });
});

describe('the record pipeline', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ worker: false, sandbox: { customers: 2 } });
  });
  afterAll(() => h?.close());

  it('skips a deleted customer with its reason and never counts a record twice', async () => {
    const db = createDatabase({ url: h.databaseUrl });
    const campaignId = await h.campaign();
    const { rows: campaigns } = await h.pool.query(
      'SELECT * FROM referkit.campaigns WHERE id = $1',
      [campaignId],
    );
    const config: SyncConfig = createDefaultSyncConfig();
    await h.pool.query(
      `INSERT INTO referkit.syncs (id, account_id, campaign_id, integration_id, config) VALUES ('syn_t', 'acct-a', $1, 'stripe', $2)`,
      [campaignId, JSON.stringify(config)],
    );
    await h.pool.query(
      `INSERT INTO referkit.sync_runs (id, sync_id, account_id, trigger, mode, status, config, lease_token, lease_until)
       VALUES ('run_t', 'syn_t', 'acct-a', 'webhook', 'incremental', 'running', $1, 'lease', now() + interval '1 minute')`,
      [JSON.stringify(config)],
    );
    const run = {
      id: 'run_t',
      config,
      campaign: campaigns[0],
      leaseToken: 'lease',
      leaseSeconds: 60,
    };
    const batch = [
      { id: 'cus_gone', object: 'customer', deleted: true },
      { id: 'cus_ok', name: 'Rosa Parks', email: 'rosa@example.com', metadata: {} },
    ];
    let checkpoints = 0;
    const writes = await processRecordBatch(db, run, batch, async () => {
      checkpoints++;
    });
    expect(writes.map((w) => [w.customerId, Object.keys(w.params.metadata ?? {})])).toEqual([
      ['cus_ok', ['referral_link']],
    ]);
    const again = await processRecordBatch(db, run, batch, async () => {
      checkpoints++;
    });
    expect(again).toEqual([]);
    expect(checkpoints).toBe(2);
    const { rows } = await h.pool.query(
      "SELECT external_id, outcome, reason_code FROM referkit.sync_outcomes WHERE run_id = 'run_t' ORDER BY external_id",
    );
    expect(rows).toEqual([
      { external_id: 'cus_gone', outcome: 'skipped', reason_code: 'deleted' },
      { external_id: 'cus_ok', outcome: 'created', reason_code: null },
    ]);
    const { rows: counts } = await h.pool.query(
      "SELECT seen, created, skipped FROM referkit.sync_runs WHERE id = 'run_t'",
    );
    expect(counts[0]).toEqual({ seen: 2, created: 1, skipped: 1 });

    await h.pool.query(
      "UPDATE referkit.sync_runs SET lease_token = 'someone-else' WHERE id = 'run_t'",
    );
    await expect(processRecordBatch(db, run, batch, async () => {})).rejects.toThrow(
      'Lost the lease',
    );
    await db.close();
  });
});
