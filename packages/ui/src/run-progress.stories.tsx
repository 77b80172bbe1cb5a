import type { SyncRun } from '@referkit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { RunProgress } from './run-progress';

const run = (overrides: Partial<SyncRun>): SyncRun => ({
  id: 'run_1',
  syncId: 'sync_1',
  trigger: 'initial',
  mode: 'full',
  status: 'running',
  counts: {
    seen: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
    writtenBack: 0,
  },
  note: null,
  error: null,
  createdAt: '2026-03-01T10:00:00.000Z',
  startedAt: '2026-03-01T10:00:01.000Z',
  finishedAt: null,
  ...overrides,
});

const meta = {
  title: 'Manage/RunProgress',
  component: RunProgress,
} satisfies Meta<typeof RunProgress>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Reading the first page: the total is not known yet. */
export const ReadingTotalUnknown: Story = {
  args: {
    run: run({
      progress: {
        phase: 'reading',
        recordsRead: 200,
        recordsTotal: null,
        writeBacksPlanned: 0,
        writeBacksDone: 0,
        writesPerSecond: null,
        estimatedSecondsRemaining: null,
      },
    }),
  },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    const bar = canvas.getByRole('progressbar', { name: 'Referrers created' });
    await expect(bar).not.toHaveAttribute('aria-valuenow');
    await expect(bar).toHaveAttribute('aria-valuetext', '200 customers read so far');
    await expect(canvas.getByText('Nothing to write back yet')).toBeVisible();
  },
};

/** Every customer read; links go back to Stripe at its write limit. */
export const WritingBack: Story = {
  args: {
    run: run({
      progress: {
        phase: 'writing_back',
        recordsRead: 10_000,
        recordsTotal: 10_000,
        writeBacksPlanned: 10_000,
        writeBacksDone: 1_000,
        writesPerSecond: 25,
        estimatedSecondsRemaining: 360,
      },
    }),
  },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('progressbar', { name: 'Referrers created' })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    const links = canvas.getByRole('progressbar', { name: 'Links written back to Stripe' });
    await expect(links).toHaveAttribute('aria-valuenow', '10');
    await expect(links).toHaveAttribute('aria-valuetext', '1,000 of 10,000 written back');
    await expect(canvas.getByText('≈ 6 min left, 25 updates/s')).toBeVisible();
  },
};

/** A server that does not report `progress`: the counts still move the bars. */
export const WithoutProgressContract: Story = {
  args: {
    run: run({
      counts: {
        seen: 40,
        created: 30,
        updated: 0,
        unchanged: 0,
        skipped: 10,
        failed: 0,
        writtenBack: 30,
      },
    }),
  },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('progressbar', { name: 'Referrers created' })).toHaveAttribute(
      'aria-valuetext',
      '40 customers read so far',
    );
    await expect(
      canvas.getByRole('progressbar', { name: 'Links written back to Stripe' }),
    ).toHaveAttribute('aria-valuetext', '30 of 30 written back');
  },
};
