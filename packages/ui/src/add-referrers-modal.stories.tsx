import { MOCK_STRIPE_KEY } from '@referkit/react/mock-api';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, screen, userEvent, waitFor, within } from 'storybook/test';
import { AddReferrersModal, type AddReferrersModalProps } from './add-referrers-modal';

/** The host's side: a button that opens the modal, as on the Promote page or the Referrers tab. */
function Host({
  startOpen = true,
  ...props
}: Omit<AddReferrersModalProps, 'open' | 'onOpenChange'> & { startOpen?: boolean }) {
  const [open, setOpen] = useState(startOpen);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        + Add Referrers
      </button>
      <AddReferrersModal {...props} open={open} onOpenChange={setOpen} />
    </>
  );
}

const meta = {
  title: 'AddReferrersModal',
  component: Host,
  args: { campaignId: 'camp_spring', onEvent: fn(), onSyncComplete: fn() },
} satisfies Meta<typeof Host>;

export default meta;
type Story = StoryObj<typeof meta>;

const dialog = () => screen.findByRole('dialog', { name: /Add Referrers|Sync from Stripe/ });

export const Upload: Story = {
  async play() {
    const modal = await dialog();
    // The light side of each light-dark() colour (the default theme).
    await expect(getComputedStyle(modal).backgroundColor).toBe('rgb(255, 255, 255)');
    await expect(within(modal).getByRole('tab', { name: /^Upload/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(await within(modal).findByRole('heading', { name: 'Upload a CSV' })).toBeVisible();
  },
};

export const SyncNotConnected: Story = {
  args: { defaultOption: 'sync' },
  async play() {
    const modal = await dialog();
    const stripe = await within(modal).findByRole('button', { name: /^Stripe/ });
    await expect(stripe).toHaveAccessibleName('Stripe Not connected yet');
    await expect(within(modal).getAllByText('Coming soon').length).toBeGreaterThan(0);
  },
};

export const SyncConnectedOpensWizard: Story = {
  args: { defaultOption: 'sync' },
  parameters: { referkit: { api: { stripe: { status: 'connected' } } } },
  async play({ args }) {
    const modal = await dialog();
    await userEvent.click(await within(modal).findByRole('button', { name: /^Stripe/ }));
    const heading = await screen.findByRole('heading', { name: 'Select Object Type' });
    await waitFor(() => expect(heading).toHaveFocus());
    await expect(screen.getByRole('dialog', { name: 'Sync from Stripe' })).toBeVisible();
    await expect(args.onEvent).not.toHaveBeenCalledWith({ type: 'closed' });
  },
};

export const AddManually: Story = {
  args: { defaultOption: 'manual' },
  async play() {
    const modal = await dialog();
    await expect(await within(modal).findByRole('textbox', { name: 'First Name' })).toBeVisible();
    await expect(within(modal).getByRole('textbox', { name: 'Email' })).toBeVisible();
  },
};

export const Api: Story = {
  args: { defaultOption: 'api' },
  async play() {
    const modal = await dialog();
    await expect(await within(modal).findByText('No API key yet.')).toBeVisible();
  },
};

/** The whole flow from the host's button to Start Sync, with the keyboard only. */
export const KeyboardOnlyToStartSync: Story = {
  args: { startOpen: false, defaultOption: 'sync' },
  parameters: { referkit: { api: { pollsPerRun: 2 } } },
  async play({ canvasElement, args }) {
    const tabUntil = async (target: () => HTMLElement, back = false) => {
      for (let press = 0; press < 40; press++) {
        if (document.activeElement === target()) return;
        await userEvent.keyboard(back ? '{Shift>}{Tab}{/Shift}' : '{Tab}');
      }
      throw new Error(
        `Tab never reached the target; focus is on ${document.activeElement?.outerHTML}`,
      );
    };
    within(canvasElement).getByRole('button', { name: '+ Add Referrers' }).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('tab', { name: /^Sync/ })).toHaveFocus());
    await screen.findByRole('button', { name: /^Stripe/ });
    await tabUntil(() => screen.getByRole('button', { name: /^Stripe/ }));
    await userEvent.keyboard('{Enter}');

    const connect = await screen.findByRole('dialog', { name: 'Connect Stripe' });
    await tabUntil(() => within(connect).getByLabelText('Secret or restricted key'));
    await userEvent.keyboard(MOCK_STRIPE_KEY);
    await userEvent.keyboard('{Enter}');
    const first = await screen.findByRole('heading', { name: 'Select Object Type' });
    await waitFor(() => expect(first).toHaveFocus());
    await expect(args.onEvent).toHaveBeenCalledWith({ type: 'connected', integrationId: 'stripe' });

    for (const next of [
      'Map Stripe Fields to Referral Factory',
      'Map Return Fields',
      'Name Version',
      'Confirm',
    ]) {
      await tabUntil(() => screen.getByRole('button', { name: 'Continue' }));
      await userEvent.keyboard('{Enter}');
      await waitFor(() => expect(screen.getByRole('heading', { name: next })).toHaveFocus());
    }
    await tabUntil(() => screen.getByRole('radio', { name: 'One-Time Sync' }), true);
    await userEvent.keyboard('{ArrowDown}');
    await expect(screen.getByRole('radio', { name: 'Ongoing Sync' })).toBeChecked();
    await expect(screen.getByText('Ready to Sync')).toBeVisible();
    await tabUntil(() => screen.getByRole('button', { name: 'Start Sync' }));
    await userEvent.keyboard('{Enter}');
    await expect(
      await screen.findByRole('progressbar', { name: 'Referrers created' }),
    ).toBeVisible();
    const done = await screen.findByRole('button', { name: 'Done' }, { timeout: 10_000 });
    await tabUntil(() => done);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await expect(args.onSyncComplete).toHaveBeenCalledTimes(1);
    await expect(args.onEvent).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'sync_completed' }),
    );
  },
};

export const CloseAsksBeforeDiscardingWizard: Story = {
  args: { defaultOption: 'sync' },
  parameters: { referkit: { api: { stripe: { status: 'connected' } } } },
  async play() {
    await userEvent.click(await screen.findByRole('button', { name: /^Stripe/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Referral Factory field for Stripe Phone' }),
      'Company',
    );
    await userEvent.keyboard('{Escape}');
    const confirm = await screen.findByRole('alertdialog', { name: 'Discard this sync setup?' });
    await expect(within(confirm).getByRole('button', { name: 'Keep editing' })).toHaveFocus();
  },
};

export const CloseAsksBeforeDiscardingManualEntry: Story = {
  args: { defaultOption: 'manual' },
  async play() {
    await userEvent.type(await screen.findByRole('textbox', { name: /First Name/ }), 'Ada');
    await userEvent.keyboard('{Escape}');
    const confirm = await screen.findByRole('alertdialog', { name: 'Discard this referrer?' });
    await expect(confirm).toHaveTextContent('The name and email you typed will be lost.');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Keep editing' }));
    await expect(screen.getByRole('textbox', { name: /First Name/ })).toHaveValue('Ada');
    // × asks too.
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    const again = await screen.findByRole('alertdialog', { name: 'Discard this referrer?' });
    await userEvent.click(within(again).getByRole('button', { name: 'Discard' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Add Referrers' })).not.toBeInTheDocument(),
    );
  },
};

export const CloseAsksBeforeDiscardingCsv: Story = {
  args: { defaultOption: 'upload' },
  async play() {
    await userEvent.upload(
      await screen.findByLabelText('Choose CSV file'),
      new File(['First Name;Email\nJosé;jose@csv.example\n'], 'people.csv', { type: 'text/csv' }),
    );
    await screen.findByRole('table', { name: 'Column mapping' });
    await userEvent.click(screen.getByRole('checkbox', { name: /Ignore first row/ }));
    await userEvent.keyboard('{Escape}');
    const confirm = await screen.findByRole('alertdialog', { name: 'Discard this CSV import?' });
    await expect(within(confirm).getByRole('button', { name: 'Keep editing' })).toHaveFocus();
  },
};

export const DarkTheme: Story = {
  args: { defaultOption: 'sync', theme: 'dark' },
  parameters: { referkit: { theme: 'dark', api: { stripe: { status: 'connected' } } } },
  async play() {
    const modal = await dialog();
    await expect(modal).toHaveAttribute('data-rk-theme', 'dark');
    // The dark side of each light-dark() colour: the surface and its text.
    await expect(getComputedStyle(modal).backgroundColor).toBe('rgb(15, 23, 42)');
    await expect(getComputedStyle(modal).color).toBe('rgb(226, 232, 240)');
    await within(modal).findByRole('button', { name: /^Stripe/ });
  },
};

/** A host stylesheet that styles bare elements aggressively. */
const HOSTILE_HOST_CSS = `
  * { letter-spacing: 3px; text-transform: uppercase; }
  button { background: rgb(255, 0, 0); border-radius: 0; font-family: cursive; }
  h2, h3 { color: rgb(255, 105, 180); margin: 40px; }
  input, select { border: 4px dotted rgb(0, 128, 0); }
  ul { list-style: square; }
`;

/** The kit inside a host whose CSS restyles every element: nothing of it reaches the kit. */
export const HostStylesDoNotLeakIn: Story = {
  args: { defaultOption: 'manual' },
  decorators: [
    (Story) => (
      <>
        <style>{HOSTILE_HOST_CSS}</style>
        <Story />
      </>
    ),
  ],
  async play() {
    const modal = await dialog();
    const tab = within(modal).getByRole('tab', { name: /^Upload/ });
    const title = within(modal).getByRole('heading', { name: 'Add Referrers' });
    const input = await within(modal).findByRole('textbox', { name: 'First Name' });
    const style = (element: Element) => getComputedStyle(element);
    await expect(style(tab).textTransform).toBe('none');
    await expect(style(tab).letterSpacing).toBe('normal');
    await expect(style(tab).backgroundColor).not.toBe('rgb(255, 0, 0)');
    await expect(style(tab).fontFamily).not.toContain('cursive');
    await expect(style(title).color).not.toBe('rgb(255, 105, 180)');
    await expect(style(title).marginTop).toBe('0px');
    await expect(style(input).borderTopStyle).toBe('solid');
    // The host's own button keeps the host's style.
    const hostButton = screen.getByRole('button', { name: '+ Add Referrers', hidden: true });
    await expect(style(hostButton).backgroundColor).toBe('rgb(255, 0, 0)');
  },
};
