// @vitest-environment jsdom
import { createDefaultSyncConfig } from '@referkit/core';
import { createReferkitClient, ReferkitProvider, referkitKeys } from '@referkit/react';
import { createMockReferkitApi, type MockSyncSeed } from '@referkit/react/mock-api';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SyncStatusPanel } from './sync-status-panel';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

const CAMPAIGN = 'cmp_spring';
const ongoing = { ...createDefaultSyncConfig(), syncType: 'ongoing' as const };

/** Renders the panel against the contract's mock API, seeded with `syncs`. */
function renderPanel(syncs: MockSyncSeed[], pollsPerRun = 3) {
  server.use(
    ...createMockReferkitApi({
      campaigns: [{ id: CAMPAIGN, name: 'Spring Referral Program' }],
      syncs: syncs.map((sync) => ({ campaignId: CAMPAIGN, ...sync })),
      pollsPerRun,
    }),
  );
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <ReferkitProvider
      client={createReferkitClient({ baseUrl: 'http://localhost/api/referkit' })}
      queryClient={queryClient}
    >
      <SyncStatusPanel campaignId={CAMPAIGN} />
    </ReferkitProvider>,
  );
  return queryClient;
}

const item = async (title: RegExp) =>
  (await screen.findByRole('heading', { name: title })).closest('li') as HTMLElement;

describe('SyncStatusPanel', () => {
  it('shows a running sync with its progress', async () => {
    renderPanel([{ run: 'running' }], Number.POSITIVE_INFINITY);
    const sync = await item(/One-Time Sync from Stripe/);
    expect(within(sync).getByText('Running')).toBeTruthy();
    const progress = within(sync).getByRole('progressbar', { name: 'Sync progress' });
    expect(progress.getAttribute('aria-valuetext')).toMatch(/\d+ read · \d+ added/);
  });

  it('shows an ongoing sync’s last run and next run', async () => {
    renderPanel([{ run: 'completed', config: ongoing }]);
    const sync = await item(/Ongoing Sync from Stripe \(hourly\)/);
    expect(within(sync).getByText('Following Stripe')).toBeTruthy();
    expect(within(sync).getByText('Last run').nextElementSibling?.textContent).toMatch(
      /completed\. \d+ read/,
    );
    expect(within(sync).getByText('Next run').nextElementSibling?.textContent).toMatch(/\d{4}/);
  });

  it('shows a failing sync with the reason', async () => {
    renderPanel([{ run: 'failed', config: ongoing }]);
    const sync = await item(/Ongoing Sync/);
    expect(within(sync).getByText('Failing', { selector: '.demo-badge' })).toBeTruthy();
    expect(within(sync).getByRole('alert').textContent).toContain(
      'Stripe rejected the API key: it was revoked.',
    );
  });

  it('says when an ongoing sync is paused', async () => {
    renderPanel([{ run: 'completed', config: ongoing, paused: true }]);
    const sync = await item(/Ongoing Sync/);
    expect(within(sync).getByText('Paused', { selector: '.demo-badge' })).toBeTruthy();
    expect(within(sync).getByText('Next run').nextElementSibling?.textContent).toBe('Paused');
  });

  it('renders nothing for a campaign without syncs', async () => {
    const queryClient = renderPanel([]);
    await waitFor(() =>
      expect(
        queryClient.getQueryState(referkitKeys.syncList({ campaignId: CAMPAIGN }))?.status,
      ).toBe('success'),
    );
    expect(screen.queryByRole('heading', { name: 'Syncs' })).toBeNull();
  });
});
