import { createDefaultSyncConfig, type Sync, type SyncRunProgress } from '@referkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test-support/harness';

describe('referrers at list speed, write-backs behind them', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({
      sandbox: { customers: 2000, seed: 'list-speed' },
      // Writes slower than reads, as at Stripe (a page of 100 customers is one read).
      server: { stripe: { budget: { globalPerSecond: 400, endpointPerSecond: 150 } } },
    });
    await h.connect();
  });
  afterAll(() => h?.close());

  it('creates every referrer before the write-back phase ends, and reports both phases with an ETA', async () => {
    const campaignId = await h.campaign();
    const created = await h.api('POST', '/syncs', {
      body: { campaignId, config: createDefaultSyncConfig() },
    });
    expect(created.status).toBe(201);
    const syncId: string = created.body.sync.id;
    const seen: SyncRunProgress[] = [];
    let referrersWhenWriting: number | null = null;
    let sync: Sync;
    for (;;) {
      sync = (await h.api('GET', `/syncs/${syncId}`)).body.sync;
      const progress = sync.currentRun?.progress;
      if (!sync.currentRun) break;
      if (progress) seen.push(progress);
      if (progress?.phase === 'writing_back' && referrersWhenWriting === null) {
        const { rows } = await h.pool.query(
          'SELECT count(*)::int AS n FROM referkit.referrers WHERE campaign_id = $1',
          [campaignId],
        );
        referrersWhenWriting = rows[0].n;
        // Still writing back: the referrers exist, their links are on the way.
        const again = (await h.api('GET', `/syncs/${syncId}`)).body.sync as Sync;
        if (again.currentRun?.progress) seen.push(again.currentRun.progress);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const last = sync.lastRun;
    expect(last?.status).toBe('completed');
    const total = (last?.counts.seen ?? 0) as number;
    let customers = 0;
    for await (const _ of h.stripe().customers.list({ limit: 100 })) customers += 1;
    expect(total).toBe(customers);

    const writing = seen.filter((p) => p.phase === 'writing_back');
    expect(writing.length).toBeGreaterThan(0);
    // Every referrer existed while links were still being written back.
    expect(referrersWhenWriting).toBe(last?.counts.created);
    const first = writing[0] as SyncRunProgress;
    expect(first.recordsRead).toBe(total);
    expect(first.recordsTotal).toBe(total);
    expect(first.writeBacksDone).toBeLessThan(first.writeBacksPlanned);
    expect(first.writesPerSecond).toBeGreaterThan(0);
    expect(first.estimatedSecondsRemaining).not.toBeNull();
    // Reading came first, and write-backs went on while it did.
    expect(seen[0]?.phase).toBe('reading');
    expect(seen.findIndex((p) => p.phase === 'reading')).toBeLessThan(
      seen.findIndex((p) => p.phase === 'writing_back'),
    );

    expect(last?.progress).toMatchObject({
      phase: 'done',
      recordsRead: total,
      writeBacksDone: last?.counts.writtenBack,
      estimatedSecondsRemaining: 0,
    });
    expect(last?.progress?.writeBacksPlanned).toBe(last?.counts.writtenBack);
    // The sync shows what its runs cost: a page per 100 customers, an update per referrer.
    expect(sync.stripeRequestsThisMonth).toEqual({
      reads: 20,
      writes: last?.counts.writtenBack,
    });
  });
});

describe('beside the merchant’s own traffic, at Stripe’s test-mode limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({
      // Stripe's documented limits (test mode: 25/s for the account), and a little latency.
      sandbox: { customers: 220, seed: 'merchant', rateLimit: {}, latency: 5 },
      server: {
        // The default budget: half the account's limit, 80 % of an endpoint's.
        stripe: { budget: {}, retry: { minTimeoutMs: 50, maxTimeoutMs: 500 } },
      },
    });
    await h.connect();
  });
  afterAll(() => h?.close());

  it('yields when the merchant pushes the account over its limit, and still writes every link once despite faults', async () => {
    const campaignId = await h.campaign();
    h.sandbox.configure({ faults: { serverError: 0.03, dropConnection: 0.02, lockTimeout: 0.03 } });
    h.sandbox.resetStats();
    // 20/s of checkouts beside a sync budgeted at 12.5/s: over the account's 25/s.
    const merchant = h.sandbox.startMerchantTraffic({ ratePerSecond: 20 });
    const created = await h.api('POST', '/syncs', {
      body: { campaignId, config: createDefaultSyncConfig() },
    });
    const syncId: string = created.body.sync.id;
    const paces: number[] = [];
    let sync: Sync;
    for (;;) {
      sync = (await h.api('GET', `/syncs/${syncId}`)).body.sync;
      if (!sync.currentRun) break;
      const pace = sync.currentRun.progress?.writesPerSecond;
      if (typeof pace === 'number') paces.push(pace);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const traffic = await merchant.stop();
    h.sandbox.configure({ faults: { serverError: 0, dropConnection: 0, lockTimeout: 0 } });
    const stats = h.sandbox.stats();

    // The account was pushed over its global limit, and the sync gave way: its pace fell below its budget.
    expect(stats.total.rateLimitedBy['global-rate']).toBeGreaterThan(0);
    expect(traffic.requests).toBeGreaterThan(0);
    expect(paces[0]).toBe(12.5);
    expect(Math.min(...paces)).toBeLessThan(12.5);

    // Nothing lost, nothing written twice.
    const run = sync.lastRun;
    expect(run?.status).toBe('completed');
    expect(run?.counts.failed).toBe(0);
    const links = new Map(
      (
        await h.pool.query(
          'SELECT external_id, referral_link FROM referkit.referrers WHERE campaign_id = $1',
          [campaignId],
        )
      ).rows.map((r) => [r.external_id as string, r.referral_link as string]),
    );
    expect(run?.counts.writtenBack).toBe(links.size);
    let updates = 0;
    for await (const event of h.stripe().events.list({ type: 'customer.updated', limit: 100 })) {
      const customer = event.data.object as { id: string; metadata: Record<string, string> };
      expect(customer.metadata.referral_link).toBe(links.get(customer.id));
      updates += 1;
    }
    expect(updates).toBe(links.size);
  });
});
