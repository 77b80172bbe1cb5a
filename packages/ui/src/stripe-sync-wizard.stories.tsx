import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, screen, userEvent, waitFor, within } from 'storybook/test';
import { StripeSyncWizard } from './stripe-sync-wizard';

const meta = {
  title: 'Wizard/StripeSyncWizard',
  component: StripeSyncWizard,
  args: {
    campaignId: 'camp_spring',
    onComplete: fn(),
    onCancel: fn(),
    onEvent: fn(),
    autoFocus: true,
  },
  parameters: { referkit: { api: { stripe: { status: 'connected' } } } },
} satisfies Meta<typeof StripeSyncWizard>;

export default meta;
type Story = StoryObj<typeof meta>;

const STEP_HEADINGS = [
  'Map Stripe Fields to Referral Factory',
  'Map Return Fields',
  'Name Version',
  'Confirm',
] as const;

/** Waits for the first step, then presses Continue step by step until `last` has focus. */
async function walkTo(canvasElement: HTMLElement, last: (typeof STEP_HEADINGS)[number]) {
  await within(canvasElement).findByRole('heading', { name: 'Select Object Type' });
  for (const heading of STEP_HEADINGS) {
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: heading })).toHaveFocus());
    if (heading === last) return;
  }
}

export const Loading: Story = {
  parameters: { referkit: { api: { stripe: { status: 'connected' }, latencyMs: 'infinite' } } },
  async play({ canvasElement }) {
    await expect(within(canvasElement).getByText('Loading your Stripe account…')).toHaveAttribute(
      'role',
      'status',
    );
    await expect(within(canvasElement).getByRole('button', { name: 'Continue' })).toBeDisabled();
  },
};

export const SelectObjectType: Story = {
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    const heading = await canvas.findByRole('heading', { name: 'Select Object Type' });
    await waitFor(() => expect(heading).toHaveFocus());
    await expect(canvas.getByRole('radio', { name: 'Customers' })).toBeChecked();
  },
};

export const MapFieldsRequiredMissing: Story = {
  async play({ canvasElement }) {
    await walkTo(canvasElement, 'Map Stripe Fields to Referral Factory');
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Referral Factory field for Stripe Email' }),
      'Do Not Map',
    );
    const next = screen.getByRole('button', { name: 'Continue' });
    await expect(next).toBeDisabled();
    await expect(next).toHaveAccessibleDescription(
      'To continue: Map a Stripe field to Email: it is required.',
    );
  },
};

export const MapReturnFieldsKeyErrors: Story = {
  async play({ canvasElement }) {
    await walkTo(canvasElement, 'Map Return Fields');
    const link = within(screen.getByRole('group', { name: /^Referral Link/ }));
    const key = link.getByLabelText('Metadata Key');
    await userEvent.clear(key);
    await userEvent.type(key, 'referral[[link]');
    await expect(key).toHaveAccessibleDescription("Metadata keys can't contain [ or ].");
    const code = within(screen.getByRole('group', { name: 'Referral Code' }));
    await userEvent.click(code.getByRole('switch', { name: 'Send As Metadata' }));
    await userEvent.clear(code.getByLabelText('Metadata Key'));
    await expect(screen.getByRole('button', { name: 'Continue' })).toBeDisabled();
  },
};

export const EmptyAccount: Story = {
  parameters: { referkit: { api: { stripe: { status: 'connected', records: [] } } } },
  async play({ canvasElement }) {
    await walkTo(canvasElement, 'Name Version');
    await expect(
      await screen.findByRole('table', {
        name: 'Preview with an example name (no names in this account yet)',
      }),
    ).toBeVisible();
  },
};

export const ReadyToSync: Story = {
  async play({ canvasElement }) {
    await walkTo(canvasElement, 'Confirm');
    await expect(screen.getByText('Ready to Sync')).toBeVisible();
    await expect(screen.getByRole('button', { name: 'Start Sync' })).toBeEnabled();
  },
};

export const ConfirmInvalidSchedule: Story = {
  async play({ canvasElement }) {
    await walkTo(canvasElement, 'Confirm');
    await userEvent.click(screen.getByRole('radio', { name: 'Ongoing Sync' }));
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Schedule' }),
      'Custom (cron)',
    );
    const cron = screen.getByRole('textbox', { name: 'Cron expression (UTC)' });
    await userEvent.clear(cron);
    await userEvent.type(cron, 'every monday');
    await expect(screen.getByRole('button', { name: 'Start Sync' })).toBeDisabled();
    await expect(cron).toHaveAccessibleDescription(/is not a cron expression/);
  },
};

export const RunningThenCompletedWithSkips: Story = {
  parameters: { referkit: { api: { stripe: { status: 'connected' }, pollsPerRun: 3 } } },
  async play({ canvasElement, args }) {
    await walkTo(canvasElement, 'Confirm');
    await userEvent.click(screen.getByRole('button', { name: 'Start Sync' }));
    await expect(
      await screen.findByRole('progressbar', { name: 'Referrers created' }),
    ).toBeVisible();
    const done = await screen.findByRole('button', { name: 'Done' }, { timeout: 10_000 });
    await expect(await screen.findByRole('table', { name: 'Skipped records' })).toBeVisible();
    await userEvent.click(done);
    await expect(args.onComplete).toHaveBeenCalledTimes(1);
    await expect(args.onEvent).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'sync_completed' }),
    );
  },
};

export const StartSyncServerError: Story = {
  parameters: {
    referkit: {
      api: { stripe: { status: 'connected' }, failing: { createSync: 'internal_error' } },
    },
  },
  async play({ canvasElement }) {
    await walkTo(canvasElement, 'Confirm');
    await userEvent.click(screen.getByRole('button', { name: 'Start Sync' }));
    await expect(await screen.findByRole('alert')).toHaveTextContent(/Couldn't start the sync/);
  },
};

export const AccountUnreadable: Story = {
  parameters: {
    referkit: {
      api: { stripe: { status: 'connected' }, failing: { listFields: 'stripe_unavailable' } },
    },
  },
  async play({ canvasElement }) {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      /Couldn't load your Stripe account/,
    );
  },
};
