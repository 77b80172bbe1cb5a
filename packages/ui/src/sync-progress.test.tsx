import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SyncProgress } from './sync-progress';
import { expectNoAxeViolations, renderWithApi } from './test-utils';

describe('SyncProgress', () => {
  it('shows a running sync as determinate bars of its two phases, the time left and its counts', async () => {
    renderWithApi(<SyncProgress syncId="sync_live" onDone={vi.fn()} />, {
      api: { syncs: [{ id: 'sync_live', run: 'running' }], pollsPerRun: Number.POSITIVE_INFINITY },
    });
    await screen.findByText(/^Syncing: \d+ records read so far\.$/);
    const bar = screen.getByRole('progressbar', { name: 'Referrers created' });
    expect(screen.getByRole('heading', { name: 'Syncing customers' })).toBeInTheDocument();
    // The mock seeds a run half-way: 8 of the 16 listed records read (Stripe's list leaves
    // the deleted customer out), each link written as it is read.
    expect(bar).toHaveAttribute('aria-valuenow', '50');
    expect(bar).toHaveAttribute('aria-valuetext', '8 of 16 customers read');
    const links = screen.getByRole('progressbar', { name: 'Links written back to Stripe' });
    expect(links.getAttribute('aria-valuetext')).toMatch(/^\d+ of \d+ written back$/);
    expect(screen.getByText('≈ 1 s left, 25 updates/s')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Done' })).not.toBeInTheDocument();
    expect(screen.getByText('Written back', { selector: 'dt' })).toBeInTheDocument();
    await expectNoAxeViolations();
  });

  it('lists skipped and failed records with their reasons once the run is done', async () => {
    const onDone = vi.fn();
    const onRunFinished = vi.fn();
    const { user } = renderWithApi(
      <SyncProgress syncId="sync_done" onDone={onDone} onRunFinished={onRunFinished} />,
      { api: { syncs: [{ id: 'sync_done', run: 'completed' }] } },
    );
    expect(await screen.findByRole('heading', { name: 'Sync complete' })).toBeInTheDocument();
    const skipped = await screen.findByRole('table', { name: 'Skipped records' });
    // A header and the three listed customers the rules skip.
    expect(within(skipped).getAllByRole('row')).toHaveLength(4);
    expect(skipped).toHaveTextContent(
      'This customer has no name in Stripe. Add a name to this customer in Stripe',
    );
    const failed = await screen.findByRole('table', { name: 'Failed records' });
    expect(within(failed).getByRole('rowheader')).toHaveTextContent('cus_MockFelix');
    expect(onRunFinished).toHaveBeenCalledTimes(1);
    await expectNoAxeViolations();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ id: 'sync_done' }));
  });

  it('says why a run failed, and when the sync cannot be loaded', async () => {
    const { unmount } = renderWithApi(<SyncProgress syncId="sync_bad" />, {
      api: { syncs: [{ id: 'sync_bad', run: 'failed' }] },
    });
    expect(await screen.findByRole('heading', { name: 'Sync failed' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).not.toBeEmptyDOMElement();
    unmount();

    renderWithApi(<SyncProgress syncId="sync_x" />, {
      api: { failing: { getSync: 'internal_error' } },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Couldn't load the sync: /);
  });
});
