import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { SyncProgress } from './sync-progress';

const meta = {
  title: 'Wizard/SyncProgress',
  component: SyncProgress,
  args: { syncId: 'sync_1', onDone: fn(), onRunFinished: fn() },
} satisfies Meta<typeof SyncProgress>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Running: Story = {
  parameters: {
    referkit: {
      api: { syncs: [{ id: 'sync_1', run: 'running' }], pollsPerRun: Number.POSITIVE_INFINITY },
    },
  },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await canvas.findByText(/^Syncing: \d+ records read so far\.$/);
    const bar = canvas.getByRole('progressbar', { name: 'Referrers created' });
    await expect(bar).toHaveAttribute('aria-valuetext', '8 of 16 customers read');
    await expect(canvas.getByText(/^≈ \d+ s left, 25 updates\/s$/)).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Done' })).not.toBeInTheDocument();
  },
};

export const CompletedWithSkips: Story = {
  parameters: { referkit: { api: { syncs: [{ id: 'sync_1', run: 'completed' }] } } },
  async play({ canvasElement, args }) {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('table', { name: 'Skipped records' })).toBeVisible();
    await expect(await canvas.findByRole('table', { name: 'Failed records' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Done' }));
    await expect(args.onDone).toHaveBeenCalledTimes(1);
  },
};

export const RunFailed: Story = {
  parameters: { referkit: { api: { syncs: [{ id: 'sync_1', run: 'failed' }] } } },
  async play({ canvasElement }) {
    await expect(
      await within(canvasElement).findByRole('heading', { name: 'Sync failed' }),
    ).toBeVisible();
  },
};

export const ServerError: Story = {
  parameters: { referkit: { api: { failing: { getSync: 'internal_error' } } } },
  async play({ canvasElement }) {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      /^Couldn't load the sync: /,
    );
  },
};

/** The host's next step on the completion summary ("View referrers"). */
export const CompletedWithPrimaryAction: Story = {
  args: { primaryAction: { label: 'View referrers', onSelect: fn() } },
  parameters: { referkit: { api: { syncs: [{ id: 'sync_1', run: 'completed' }] } } },
  async play({ canvasElement, args }) {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText(
        'Done: 16 records read. 12 referrers created, 0 updated, 3 skipped, 1 failed; 12 links written back to Stripe.',
      ),
    ).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'View referrers' }));
    await expect(args.primaryAction?.onSelect).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'sync_1' }),
    );
  },
};
