import { createDefaultSyncConfig, type SyncConfig } from '@referkit/core';
import type { MockReferkitApiOptions } from '@referkit/react/mock-api';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, screen, userEvent, waitFor, within } from 'storybook/test';
import { SyncManager } from './sync-manager';

const ongoing: SyncConfig = {
  ...createDefaultSyncConfig(),
  syncType: 'ongoing',
  schedule: { kind: 'preset', preset: 'hourly' },
};

/** A connected account with one ongoing sync whose first run completed, plus `api`. */
const withApi = (api: MockReferkitApiOptions = {}) => ({
  referkit: {
    api: {
      stripe: { status: 'connected' as const },
      syncs: [{ id: 'sync_1', config: ongoing }],
      ...api,
    },
  },
});

const meta = {
  title: 'Manage/SyncManager',
  component: SyncManager,
  args: { campaignId: 'camp_spring', onEvent: fn() },
  parameters: withApi(),
} satisfies Meta<typeof SyncManager>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The sync's card, once the lazy manager and the Stripe connection have loaded. */
async function card(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  const heading = await canvas.findByRole('heading', { name: 'Ongoing sync from Stripe' });
  await canvas.findByRole('button', { name: 'Disconnect Stripe' });
  return within(heading.closest('li') as HTMLElement);
}

export const Active: Story = {
  async play({ canvasElement }) {
    const sync = await card(canvasElement);
    await expect(sync.getByText('Active')).toBeVisible();
    await expect(sync.getByText('Hourly · Names: V1')).toBeVisible();
    await expect(
      sync.getByText(/: completed\. 12 created, 0 updated, 3 skipped, 1 failed\.$/),
    ).toBeVisible();
    for (const name of ['Run now', 'Pause', 'Edit', 'View run details', 'Delete']) {
      await expect(sync.getByRole('button', { name })).toBeEnabled();
    }
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Connected to Acme Inc (test mode)')).toBeVisible();
  },
};

export const Running: Story = {
  parameters: withApi({
    syncs: [{ id: 'sync_1', config: ongoing, run: 'running' }],
    pollsPerRun: Number.POSITIVE_INFINITY,
  }),
  async play({ canvasElement }) {
    const sync = await card(canvasElement);
    await expect(sync.getByText('Running')).toBeVisible();
    await expect(sync.getByRole('progressbar', { name: 'Referrers created' })).toHaveAttribute(
      'aria-valuetext',
      '8 of 16 customers read',
    );
    await userEvent.click(sync.getByRole('button', { name: 'Cancel run' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Cancel this run?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel run' }));
    await expect(await sync.findByRole('button', { name: 'Run now' })).toBeEnabled();
    await expect(sync.getByText(/: cancelled\./)).toBeVisible();
  },
};

export const Paused: Story = {
  parameters: withApi({ syncs: [{ id: 'sync_1', config: ongoing, paused: true }] }),
  async play({ canvasElement }) {
    const sync = await card(canvasElement);
    await expect(sync.getByText('Paused', { selector: '[data-slot="sync-status"]' })).toBeVisible();
    await expect(
      sync.getByText('Paused: Stripe changes are not followed until you resume.'),
    ).toBeVisible();
    await userEvent.click(sync.getByRole('button', { name: 'Resume' }));
    await expect(await sync.findByRole('button', { name: 'Pause' })).toBeEnabled();
    await expect(
      await within(canvasElement).findByText('Resumed: the sync follows Stripe again.', {
        selector: '[data-slot="manager-notice"]',
      }),
    ).toBeVisible();
  },
};

export const Failing: Story = {
  parameters: withApi({ syncs: [{ id: 'sync_1', config: ongoing, run: 'failed' }] }),
  async play({ canvasElement }) {
    const sync = await card(canvasElement);
    await expect(sync.getByText('Failing')).toBeVisible();
    const note = canvasElement.querySelector('[data-slot="sync-failing"]') as HTMLElement;
    await expect(note).toHaveTextContent('The last run failed. Stripe rejected the API key');
    await expect(note).toHaveTextContent('Run the sync again.');
  },
};

export const PausePending: Story = {
  parameters: withApi({ latencyByRoute: { updateSync: 'infinite' } }),
  async play({ canvasElement }) {
    const sync = await card(canvasElement);
    await userEvent.click(sync.getByRole('button', { name: 'Pause' }));
    const pending = await sync.findByRole('button', { name: 'Pausing…' });
    await expect(pending).toBeDisabled();
    await expect(pending).toHaveAttribute('aria-busy', 'true');
    // Every other action on the sync waits too.
    await expect(sync.getByRole('button', { name: 'Run now' })).toBeDisabled();
    await expect(sync.getByRole('button', { name: 'Delete' })).toBeDisabled();
  },
};

export const PauseDone: Story = {
  async play({ canvasElement, args }) {
    const sync = await card(canvasElement);
    await userEvent.click(sync.getByRole('button', { name: 'Pause' }));
    await expect(await sync.findByRole('button', { name: 'Resume' })).toBeEnabled();
    await expect(sync.getByText('Paused', { selector: '[data-slot="sync-status"]' })).toBeVisible();
    await expect(args.onEvent).toHaveBeenCalledWith({
      type: 'sync_action_succeeded',
      action: 'pause',
      syncId: 'sync_1',
    });
  },
};

export const RunNowPending: Story = {
  parameters: withApi({ latencyByRoute: { runSync: 'infinite' } }),
  async play({ canvasElement }) {
    const sync = await card(canvasElement);
    await userEvent.click(sync.getByRole('button', { name: 'Run now' }));
    await expect(await sync.findByRole('button', { name: 'Starting…' })).toBeDisabled();
  },
};

export const RunNowDone: Story = {
  parameters: withApi({ pollsPerRun: Number.POSITIVE_INFINITY }),
  async play({ canvasElement }) {
    const sync = await card(canvasElement);
    await userEvent.click(sync.getByRole('button', { name: 'Run now' }));
    await expect(await sync.findByRole('button', { name: 'Cancel run' })).toBeEnabled();
    await expect(
      within(canvasElement).getByText('A new run has started.', {
        selector: '[data-slot="manager-notice"]',
      }),
    ).toBeVisible();
  },
};

export const RunNowFailed: Story = {
  parameters: withApi({ failing: { runSync: 'stripe_unavailable' } }),
  async play({ canvasElement, args }) {
    const sync = await card(canvasElement);
    await userEvent.click(sync.getByRole('button', { name: 'Run now' }));
    await expect(await sync.findByRole('alert')).toHaveTextContent(
      "Couldn't start a run: Stripe is not answering right now. Try again in a moment.",
    );
    await expect(sync.getByRole('button', { name: 'Run now' })).toBeEnabled();
    await expect(args.onEvent).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'sync_action_failed', action: 'run' }),
    );
  },
};

export const DeleteKeepsLinks: Story = {
  async play({ canvasElement }) {
    const sync = await card(canvasElement);
    await userEvent.click(sync.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete this sync?' });
    await expect(dialog).toHaveTextContent('The referrers it created stay in the campaign.');
    await expect(
      within(dialog).getByRole('checkbox', {
        name: 'Also remove the links this sync wrote to Stripe',
      }),
    ).not.toBeChecked();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete sync' }));
    await expect(await within(canvasElement).findByText('No syncs yet.')).toBeVisible();
  },
};

export const DeleteRemovingLinks: Story = {
  parameters: withApi({ pollsPerRun: Number.POSITIVE_INFINITY }),
  async play({ canvasElement }) {
    const sync = await card(canvasElement);
    await userEvent.click(sync.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete this sync?' });
    await userEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'Also remove the links this sync wrote to Stripe',
      }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete sync' }));
    await expect(
      await sync.findByText('Deleting', { selector: '[data-slot="sync-status"]' }),
    ).toBeVisible();
    await expect(sync.getByText('Removing its links from Stripe…')).toBeVisible();
    await expect(sync.getByRole('progressbar', { name: 'Referrers created' })).toBeVisible();
    await expect(sync.getByRole('button', { name: 'Delete' })).toBeDisabled();
  },
};

export const DeleteFailed: Story = {
  parameters: withApi({ failing: { deleteSync: 'internal_error' } }),
  async play({ canvasElement }) {
    const sync = await card(canvasElement);
    await userEvent.click(sync.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete this sync?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete sync' }));
    await expect(await sync.findByRole('alert')).toHaveTextContent(
      "Couldn't delete the sync: Something went wrong on our side.",
    );
  },
};

export const Editing: Story = {
  async play({ canvasElement, args }) {
    const sync = await card(canvasElement);
    await userEvent.click(sync.getByRole('button', { name: 'Edit' }));
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: 'Select Object Type' });
    // The saved configuration is prefilled: jump to Name Version through the stepper.
    for (let step = 0; step < 3; step++) {
      await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    }
    await canvas.findByRole('heading', { name: 'Name Version' });
    await userEvent.click(canvas.getByRole('radio', { name: /^Original/ }));
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await userEvent.click(await canvas.findByRole('button', { name: 'Save changes' }));
    const edited = await card(canvasElement);
    await expect(edited.getByText(/Names: Original$/)).toBeVisible();
    await expect(
      canvas.getByText('Saved: the next run applies the new settings.', {
        selector: '[data-slot="manager-notice"]',
      }),
    ).toBeVisible();
    await expect(args.onEvent).toHaveBeenCalledWith({
      type: 'sync_action_succeeded',
      action: 'edit',
      syncId: 'sync_1',
    });
  },
};

export const EditSaving: Story = {
  parameters: withApi({ latencyByRoute: { updateSync: 'infinite' } }),
  async play({ canvasElement }) {
    const sync = await card(canvasElement);
    await userEvent.click(sync.getByRole('button', { name: 'Edit' }));
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: 'Select Object Type' });
    for (let step = 0; step < 4; step++) {
      await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    }
    await userEvent.click(await canvas.findByRole('button', { name: 'Save changes' }));
    await expect(await canvas.findByRole('button', { name: 'Saving…' })).toBeDisabled();
  },
};

export const Disconnect: Story = {
  async play({ canvasElement }) {
    await card(canvasElement);
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Disconnect Stripe' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Disconnect Stripe?' });
    await expect(dialog).toHaveTextContent(
      'These syncs stop until Stripe is connected again: Ongoing sync from Stripe.',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
    await expect(
      await canvas.findByText('Stripe is not connected: syncs do not run.'),
    ).toBeVisible();
    const heading = canvas.getByRole('heading', { name: 'Ongoing sync from Stripe' });
    const sync = within(heading.closest('li') as HTMLElement);
    await expect(sync.getByRole('button', { name: 'Run now' })).toBeDisabled();
  },
};

export const DisconnectFailed: Story = {
  parameters: withApi({ failing: { disconnectStripe: 'internal_error' } }),
  async play({ canvasElement }) {
    await card(canvasElement);
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Disconnect Stripe' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Disconnect Stripe?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent("Couldn't disconnect Stripe:");
  },
};

export const ChangeKey: Story = {
  async play({ canvasElement }) {
    await card(canvasElement);
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Change key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Stripe' });
    await expect(dialog).toHaveTextContent(
      'A key of another account stops: Ongoing sync from Stripe.',
    );
  },
};

export const RunDetails: Story = {
  async play({ canvasElement }) {
    const sync = await card(canvasElement);
    await userEvent.click(sync.getByRole('button', { name: 'View run details' }));
    const canvas = within(canvasElement);
    const table = await canvas.findByRole('table', { name: 'Records of this run' });
    await expect(table).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Back to syncs' }));
    await waitFor(() =>
      expect(canvas.getByRole('heading', { name: 'Ongoing sync from Stripe' })).toBeVisible(),
    );
  },
};

export const Empty: Story = {
  parameters: withApi({ syncs: [] }),
  async play({ canvasElement }) {
    await expect(await within(canvasElement).findByText('No syncs yet.')).toBeVisible();
  },
};
