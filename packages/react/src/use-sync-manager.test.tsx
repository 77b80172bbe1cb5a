import { createDefaultSyncConfig } from '@referkit/core';
import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useCreateSync } from './sync-hooks';
import { server } from './test-setup';
import { installMockApi, renderWithReferkit } from './test-utils';
import { type SyncManagerEvent, useSyncManager } from './use-sync-manager';

const ongoing = () => ({ ...createDefaultSyncConfig(), syncType: 'ongoing' as const });

describe('useSyncManager', () => {
  it('pauses, resumes, runs and deletes a sync, each with its own state and events', async () => {
    // Runs stay in progress: an incremental run with no change in Stripe would end at once.
    const api = installMockApi({
      stripe: { status: 'connected' },
      syncs: [{ id: 'sync_a', config: ongoing() }],
      pollsPerRun: Number.POSITIVE_INFINITY,
    });
    const events: SyncManagerEvent[] = [];
    const { result } = renderWithReferkit(
      () => useSyncManager({ campaignId: 'camp_spring', onEvent: (e) => events.push(e) }),
      api,
    );
    await waitFor(() => expect(result.current.syncs.map((s) => s.id)).toEqual(['sync_a']));

    let pausing: Promise<boolean> | undefined;
    act(() => {
      pausing = result.current.pause('sync_a');
    });
    expect(result.current.actionState('pause', 'sync_a').status).toBe('pending');
    expect(result.current.isBusy('sync_a')).toBe(true);
    await act(async () => expect(await pausing).toBe(true));
    await waitFor(() => expect(result.current.syncs[0]?.status).toBe('paused'));
    expect(result.current.actionState('pause', 'sync_a').status).toBe('success');
    expect(result.current.stoppingOnDisconnect).toEqual([]);

    await act(async () => expect(await result.current.resume('sync_a')).toBe(true));
    await waitFor(() => expect(result.current.syncs[0]?.status).toBe('active'));
    expect(result.current.stoppingOnDisconnect.map((s) => s.id)).toEqual(['sync_a']);

    await act(async () => expect(await result.current.runNow('sync_a')).toBe(true));
    await waitFor(() => expect(result.current.syncs[0]?.currentRun?.trigger).toBe('manual'));
    // A run is in progress: a second Run now is refused by the server, and says why.
    await act(async () => expect(await result.current.runNow('sync_a')).toBe(false));
    expect(result.current.actionState('run', 'sync_a').error?.code).toBe('sync_running');

    await act(async () => expect(await result.current.remove('sync_a')).toBe(true));
    await waitFor(() => expect(result.current.syncs).toEqual([]));
    expect(events.map((e) => `${e.type}:${e.action}`)).toEqual([
      'sync_action_started:pause',
      'sync_action_succeeded:pause',
      'sync_action_started:resume',
      'sync_action_succeeded:resume',
      'sync_action_started:run',
      'sync_action_succeeded:run',
      'sync_action_started:run',
      'sync_action_failed:run',
      'sync_action_started:delete',
      'sync_action_succeeded:delete',
    ]);
  });

  it('sends one request for a double click and disconnects Stripe', async () => {
    const api = installMockApi({
      stripe: { status: 'connected' },
      syncs: [{ id: 'sync_b', config: ongoing() }],
    });
    let patches = 0;
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'PATCH') patches += 1;
    });
    const { result } = renderWithReferkit(() => useSyncManager({ campaignId: 'camp_spring' }), api);
    await waitFor(() => expect(result.current.stripe?.status).toBe('connected'));
    await waitFor(() => expect(result.current.syncs).toHaveLength(1));
    await act(async () => {
      const outcomes = await Promise.all([
        result.current.pause('sync_b'),
        result.current.pause('sync_b'),
      ]);
      expect(outcomes).toEqual([true, false]);
    });
    expect(patches).toBe(1);

    await act(async () => expect(await result.current.disconnect()).toBe(true));
    await waitFor(() => expect(result.current.stripe?.status).toBe('not_connected'));
    expect(result.current.actionState('disconnect').status).toBe('success');
  });
});

describe('deleting a sync with its links', () => {
  it('shows a remove_links run, takes the links off Stripe, then the sync is gone', async () => {
    const api = installMockApi({
      stripe: { status: 'connected' },
      syncs: [{ id: 'sync_c' }],
      pollsPerRun: 3,
    });
    const { result } = renderWithReferkit(
      () => useSyncManager({ campaignId: 'camp_spring', pollIntervalMs: 20 }),
      api,
    );
    await waitFor(() => expect(result.current.syncs).toHaveLength(1));
    const before = await api.client.listSamples('customer', { limit: 25 });
    expect(before.records.filter((r) => r.metadata?.referral_link).length).toBeGreaterThan(5);

    await act(async () =>
      expect(await result.current.remove('sync_c', { removeLinks: true })).toBe(true),
    );
    await waitFor(() => expect(result.current.syncs[0]?.status).toBe('deleting'));
    expect(result.current.syncs[0]?.currentRun?.mode).toBe('remove_links');
    await waitFor(() => expect(result.current.syncs).toEqual([]), { timeout: 5000 });
    const after = await api.client.listSamples('customer', { limit: 25 });
    // Only the link the sync did not write (Stripe refused its write-back; the seed has one) stays.
    expect(after.records.filter((r) => r.metadata?.referral_link).map((r) => r.id)).toEqual([
      'cus_MockFelix',
    ]);
  });

  it("links a run's outcomes as CSV, with the list's filter and search", async () => {
    const api = installMockApi({ syncs: [{ id: 'sync_d' }] });
    const url = api.client.syncOutcomesCsvUrl('sync_d', 'run_1', { outcome: 'skipped' });
    expect(url).toBe(
      'http://localhost/api/referkit/syncs/sync_d/runs/run_1/outcomes.csv?outcome=skipped',
    );
    const csv = await (await fetch(url)).text();
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header).toMatch(/^Stripe ID,Email,Name,Outcome,Reason code,Reason,How to fix/);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.includes(',skipped,'))).toBe(true);
  });
});

describe('useCreateSync', () => {
  it('sends an Idempotency-Key, the same one when the request is retried', async () => {
    const api = installMockApi({ stripe: { status: 'connected' } });
    const keys: (string | null)[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST') keys.push(request.headers.get('idempotency-key'));
    });
    const { result } = renderWithReferkit(() => useCreateSync(), api);
    const variables = {
      campaignId: 'camp_spring',
      config: createDefaultSyncConfig(),
      idempotencyKey: 'start-sync-1',
    };
    const first = await act(() => result.current.mutateAsync(variables));
    const again = await act(() => result.current.mutateAsync(variables));
    expect(keys).toEqual(['start-sync-1', 'start-sync-1']);
    // The mock, like the server, answers a repeated key with the first sync.
    expect(again.sync.id).toBe(first.sync.id);

    await act(() =>
      result.current.mutateAsync({ campaignId: 'camp_spring', config: createDefaultSyncConfig() }),
    );
    expect(keys[2]).toMatch(/^[0-9a-f-]{32,36}$/);
  });
});
