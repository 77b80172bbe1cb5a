import { createDefaultSyncConfig } from '@referkit/core';
import { act, waitFor } from '@testing-library/react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { useCampaign } from './campaign-hooks';
import { useConnectStripe, useIntegrations } from './integration-hooks';
import { useCreateReferrer, useReferrers } from './referrer-hooks';
import { useCreateSync, useSync, useSyncOutcomes } from './sync-hooks';
import { server } from './test-setup';
import { installMockApi, renderWithReferkit } from './test-utils';

/** Counts the requests that reach the mock API, by "METHOD path". */
function countRequests() {
  const counts = new Map<string, number>();
  server.events.on('request:start', ({ request }) => {
    const key = `${request.method} ${new URL(request.url).pathname}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return (key: string) => counts.get(key) ?? 0;
}

describe('sync hooks', () => {
  it('polls a running sync and stops when its run completes', async () => {
    // Fake timers that also follow the clock: the end moves time on by ten poll
    // intervals at once, running every poll that is still scheduled.
    vi.useFakeTimers({
      shouldAdvanceTime: true,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const api = installMockApi({ syncs: [{ id: 'sync_live', run: 'running' }], pollsPerRun: 4 });
    const requests = countRequests();
    const seen: string[] = [];
    const { result } = renderWithReferkit(() => {
      const query = useSync('sync_live', { pollIntervalMs: 20 });
      const status = query.data?.sync.currentRun?.status ?? 'idle';
      if (query.data && seen.at(-1) !== status) seen.push(status);
      return query;
    }, api);
    await waitFor(() => expect(result.current.data?.sync.lastRun?.status).toBe('completed'), {
      timeout: 3000,
    });
    expect(seen).toEqual(['running', 'idle']);

    const sync = result.current.data?.sync;
    expect(sync?.status).toBe('completed');
    expect(sync?.currentRun).toBeNull();
    // 16 listed records (Stripe's list leaves the deleted one out): 3 skipped by core's
    // rules, 1 failed write-back.
    expect(sync?.lastRun?.counts).toMatchObject({ seen: 16, skipped: 3, failed: 1, created: 12 });
    // Seeded half-way (8 of 16), then 4 records a poll: the third poll completes it.
    expect(requests('GET /api/referkit/syncs/sync_live')).toBe(3);
    await vi.advanceTimersByTimeAsync(200);
    expect(requests('GET /api/referkit/syncs/sync_live')).toBe(3);
  });

  it('lists skipped records with their reasons', async () => {
    const api = installMockApi({ syncs: [{ id: 'sync_done', run: 'completed' }] });
    const { result: sync } = renderWithReferkit(() => useSync('sync_done'), api);
    await waitFor(() => expect(sync.current.data?.sync.lastRun?.id).toBe('run_1'));
    const runId = sync.current.data?.sync.lastRun?.id;
    const { result } = renderWithReferkit(
      () => useSyncOutcomes('sync_done', runId, { outcome: 'skipped' }),
      api,
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.outcomes.map((o) => [o.externalId, o.reasonCode])).toEqual([
      ['cus_MockNoName', 'no_first_name'],
      ['cus_MockBob', 'invalid_email'],
      ['cus_MockCarol', 'no_email'],
    ]);
  });

  it('refreshes the referrers and the campaign count after adding a referrer', async () => {
    const api = installMockApi();
    const { result } = renderWithReferkit(
      () => ({
        referrers: useReferrers('camp_spring'),
        campaign: useCampaign('camp_spring'),
        create: useCreateReferrer('camp_spring'),
      }),
      api,
    );
    await waitFor(() => expect(result.current.referrers.isSuccess).toBe(true));
    await waitFor(() => expect(result.current.campaign.data?.campaign.referrerCount).toBe(2));

    await act(() =>
      result.current.create.mutateAsync({ firstName: 'Grace', email: 'grace@example.com' }),
    );
    await waitFor(() =>
      expect(result.current.referrers.data?.pages[0]?.referrers.map((r) => r.email)).toEqual([
        'grace@example.com',
        'sam@example.com',
        'jane@example.com',
      ]),
    );
    expect(result.current.campaign.data?.campaign.referrerCount).toBe(3);

    await act(async () => {
      await expect(
        result.current.create.mutateAsync({ firstName: 'Grace', email: 'GRACE@example.com' }),
      ).rejects.toMatchObject({ status: 409, code: 'duplicate_email' });
    });
    await waitFor(() => expect(result.current.create.error?.fields?.email).toMatch(/already/));
  });

  it('pages referrers with a cursor', async () => {
    const api = installMockApi();
    const { result } = renderWithReferkit(() => useReferrers('camp_spring', { limit: 1 }), api);
    await waitFor(() => expect(result.current.hasNextPage).toBe(true));
    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(2));
    expect(result.current.data?.pages.flatMap((p) => p.referrers.map((r) => r.firstName))).toEqual([
      'Sam',
      'Jane',
    ]);
    expect(result.current.hasNextPage).toBe(false);
  });

  it('refreshes integrations after connecting Stripe, and referrers after a sync completes', async () => {
    const api = installMockApi({ pollsPerRun: 2 });
    const { result } = renderWithReferkit(
      () => ({
        integrations: useIntegrations(),
        connect: useConnectStripe(),
        createSync: useCreateSync(),
        referrers: useReferrers('camp_spring'),
      }),
      api,
    );
    await waitFor(() =>
      expect(result.current.integrations.data?.integrations[0]?.status).toBe('not_connected'),
    );
    await act(() =>
      result.current.connect.mutateAsync({
        mode: 'test',
        secretKey: 'sk_test_51MockReferkitKey000000',
      }),
    );
    expect(result.current.integrations.data?.integrations[0]?.status).toBe('connected');

    const created = await act(() =>
      result.current.createSync.mutateAsync({
        campaignId: 'camp_spring',
        config: createDefaultSyncConfig(),
      }),
    );
    expect(created.sync.currentRun?.status).toBe('queued');
    const { result: sync } = renderWithReferkit(
      () => useSync(created.sync.id, { pollIntervalMs: 20 }),
      api,
    );
    await waitFor(() => expect(sync.current.data?.sync.lastRun?.status).toBe('completed'), {
      timeout: 3000,
    });
    // Two seeded referrers and 13 synced ones: Felix's referrer exists though Stripe refused its write-back.
    await waitFor(() => expect(result.current.referrers.data?.pages[0]?.total).toBe(15));
  });
});
