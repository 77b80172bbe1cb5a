import type { SyncOutcome } from '@referkit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { HttpResponse, http } from 'msw';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { SyncRunDetail } from './sync-run-detail';

const at = '2026-03-01T10:00:00.000Z';
const outcome = (
  id: string,
  kind: SyncOutcome['outcome'],
  email: string | null,
  extra: Partial<SyncOutcome> = {},
): SyncOutcome => ({
  id,
  runId: 'run_1',
  externalId: `cus_${id}`,
  outcome: kind,
  reasonCode: null,
  message: null,
  referrerId: kind === 'skipped' || kind === 'failed' ? null : `ref_${id}`,
  email,
  name: null,
  writtenBack: kind === 'created' || kind === 'updated',
  createdAt: at,
  ...extra,
});

/** One record of every outcome, with the reasons a person meets. */
const EVERY_OUTCOME: SyncOutcome[] = [
  outcome('Ada', 'created', 'ada@example.com', { name: 'Ada Lovelace' }),
  outcome('Grace', 'updated', 'grace@example.com', { name: 'Grace Hopper' }),
  outcome('Alan', 'unchanged', 'alan@example.com', { name: 'Alan Turing' }),
  outcome('NoName', 'skipped', 'noname@example.com', { reasonCode: 'no_first_name' }),
  outcome('Twin', 'skipped', 'ada@example.com', {
    reasonCode: 'duplicate_email',
    duplicateOf: 'cus_Ada',
  }),
  outcome('Felix', 'failed', 'felix@example.com', {
    reasonCode: 'stripe_error',
    message: 'Stripe refused to update cus_Felix: the customer is locked by another request.',
  }),
];

/** Answers the run's outcome list from {@link EVERY_OUTCOME}, with the filter and search. */
const everyOutcome = http.get('*/api/referkit/syncs/sync_1/runs/run_1/outcomes', ({ request }) => {
  const url = new URL(request.url);
  const kind = url.searchParams.get('outcome');
  const q = url.searchParams.get('q')?.toLowerCase();
  const outcomes = EVERY_OUTCOME.filter(
    (o) => (!kind || o.outcome === kind) && (!q || (o.email ?? '').includes(q)),
  );
  return HttpResponse.json({ outcomes, nextCursor: null });
});

const meta = {
  title: 'Manage/SyncRunDetail',
  component: SyncRunDetail,
  args: { syncId: 'sync_1', runId: 'run_1' },
  parameters: {
    msw: [everyOutcome],
    referkit: { api: { stripe: { status: 'connected' }, syncs: [{ id: 'sync_1' }] } },
  },
} satisfies Meta<typeof SyncRunDetail>;

export default meta;
type Story = StoryObj<typeof meta>;

const rowOf = async (canvasElement: HTMLElement, text: string) => {
  const table = await within(canvasElement).findByRole('table', { name: 'Records of this run' });
  const row = within(table)
    .getByRole('rowheader', { name: new RegExp(text) })
    .closest('tr');
  return within(row as HTMLElement);
};

export const EveryOutcome: Story = {
  async play({ canvasElement }) {
    for (const [email, label] of [
      ['cus_Ada', 'Created'],
      ['cus_Grace', 'Updated'],
      ['cus_Alan', 'Unchanged'],
    ] as const) {
      await expect((await rowOf(canvasElement, `${email}$`)).getByText(label)).toBeVisible();
    }
    const noName = await rowOf(canvasElement, 'noname@example.com');
    await expect(noName.getByText('This customer has no name in Stripe.')).toBeVisible();
    await expect(noName.getByText(/^Add a name to this customer in Stripe/)).toBeVisible();
    const twin = await rowOf(canvasElement, 'cus_Twin');
    await expect(
      twin.getByText('Another customer (cus_Ada) already has this email.'),
    ).toBeVisible();
    const felix = await rowOf(canvasElement, 'felix@example.com');
    await expect(felix.getByText('Failed')).toBeVisible();
    await expect(felix.getByText(/^Stripe refused to update cus_Felix/)).toBeVisible();
  },
};

export const FilterAndSearch: Story = {
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await canvas.findByRole('table', { name: 'Records of this run' });
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Show' }), 'Skipped');
    await waitFor(() => expect(canvas.getAllByRole('row')).toHaveLength(3));
    const link = canvas.getByRole('link', { name: 'Download CSV of this run' });
    await expect(link).toHaveAttribute(
      'href',
      '/api/referkit/syncs/sync_1/runs/run_1/outcomes.csv?outcome=skipped',
    );
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Search by email' }), 'noname');
    await waitFor(() => expect(canvas.getAllByRole('row')).toHaveLength(2));
    await expect(link).toHaveAttribute(
      'href',
      '/api/referkit/syncs/sync_1/runs/run_1/outcomes.csv?outcome=skipped&q=noname',
    );
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Search by email' }), 'nobody');
    await expect(await canvas.findByText('No records match.')).toBeVisible();
  },
};

/** The mock's own run (16 listed records), two records a page. */
export const Paged: Story = {
  args: { pageSize: 2 },
  parameters: { msw: [] },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await canvas.findByRole('table', { name: 'Records of this run' });
    await expect(canvas.getByText('Page 1')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    const first = canvas.getAllByRole('rowheader').map((cell) => cell.textContent);
    await userEvent.click(canvas.getByRole('button', { name: 'Next page' }));
    await expect(await canvas.findByText('Page 2')).toBeVisible();
    await waitFor(() =>
      expect(canvas.getAllByRole('rowheader').map((cell) => cell.textContent)).not.toEqual(first),
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Previous page' }));
    await expect(await canvas.findByText('Page 1')).toBeVisible();
  },
};

export const LoadError: Story = {
  parameters: {
    msw: [],
    referkit: {
      api: {
        stripe: { status: 'connected' },
        syncs: [{ id: 'sync_1' }],
        failing: { listSyncOutcomes: 'internal_error' },
      },
    },
  },
  async play({ canvasElement }) {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      /^Couldn't load the records: /,
    );
  },
};
