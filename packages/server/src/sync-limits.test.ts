import { createDefaultSyncConfig, type Sync, type SyncRunProgress } from '@referkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './test-support/harness';

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
