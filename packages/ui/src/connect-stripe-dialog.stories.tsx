import type { Integration } from '@referkit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, screen, userEvent, waitFor, within } from 'storybook/test';
import { ConnectStripeDialog } from './connect-stripe-dialog';

const stripe: Integration = {
  id: 'stripe',
  name: 'Stripe',
  category: 'payment',
  available: true,
  status: 'not_connected',
  connection: null,
  error: null,
  oauthAvailable: false,
};

const meta = {
  title: 'Sync/ConnectStripeDialog',
  component: ConnectStripeDialog,
  args: {
    open: true,
    onOpenChange: fn(),
    onConnected: fn(),
    onOAuthRedirect: fn(),
    integration: stripe,
  },
} satisfies Meta<typeof ConnectStripeDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

export const PasteAKey: Story = {
  async play() {
    const dialog = await screen.findByRole('dialog', { name: 'Connect Stripe' });
    await expect(within(dialog).getByRole('radio', { name: 'Test Mode' })).toBeChecked();
    await expect(within(dialog).getByText('Customers: Write')).toBeVisible();
    await expect(within(dialog).getByText('Events: Read')).toBeVisible();
  },
};

export const KeyOfTheOtherMode: Story = {
  async play() {
    const dialog = await screen.findByRole('dialog', { name: 'Connect Stripe' });
    const key = within(dialog).getByLabelText('Secret or restricted key');
    await userEvent.type(key, 'sk_live_51SomethingLive0000');
    await userEvent.tab();
    await expect(key).toHaveAccessibleDescription(
      /This is a Live Mode key, but Test Mode is selected\.$/,
    );
  },
};

export const RejectedKey: Story = {
  async play({ args }) {
    const dialog = await screen.findByRole('dialog', { name: 'Connect Stripe' });
    const key = within(dialog).getByLabelText('Secret or restricted key');
    await userEvent.type(key, 'sk_test_51NotTheRightKey00000');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await expect(await within(dialog).findByRole('alert')).toBeVisible();
    await expect(key).toHaveFocus();
    await expect(args.onConnected).not.toHaveBeenCalled();
  },
};

export const WithOAuth: Story = {
  args: { integration: { ...stripe, oauthAvailable: true } },
  parameters: { referkit: { api: { stripe: { oauth: true } } } },
  async play({ args }) {
    const dialog = await screen.findByRole('dialog', { name: 'Connect Stripe' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Connect with Stripe' }));
    await waitFor(() => expect(args.onOAuthRedirect).toHaveBeenCalledTimes(1));
  },
};
