import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, screen, userEvent, within } from 'storybook/test';
import { SyncFromIntegration } from './sync-from-integration';

const meta = {
  title: 'Sync/SyncFromIntegration',
  component: SyncFromIntegration,
  args: { onIntegrationSelect: fn(), onConnected: fn(), onOAuthRedirect: fn() },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: '48rem' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof SyncFromIntegration>;

export default meta;
type Story = StoryObj<typeof meta>;

export const NotConnected: Story = {
  async play({ canvasElement }) {
    const stripe = await within(canvasElement).findByRole('button', { name: /^Stripe/ });
    await expect(stripe).toHaveAccessibleName('Stripe Not connected yet');
  },
};

export const Connected: Story = {
  parameters: { referkit: { api: { stripe: { status: 'connected', mode: 'live' } } } },
  async play({ canvasElement, args }) {
    const stripe = await within(canvasElement).findByRole('button', { name: /^Stripe/ });
    await expect(stripe).toHaveAccessibleName('Stripe Connected: Acme Inc (Live Mode)');
    await userEvent.click(stripe);
    await expect(args.onIntegrationSelect).toHaveBeenCalledTimes(1);
  },
};

export const ConnectionError: Story = {
  parameters: { referkit: { api: { stripe: { status: 'error' } } } },
  async play({ canvasElement }) {
    const stripe = await within(canvasElement).findByRole('button', { name: /^Stripe/ });
    await expect(stripe).toHaveAccessibleName(/^Stripe Connection problem: /);
  },
};

export const Loading: Story = {
  parameters: { referkit: { api: { latencyMs: 'infinite' } } },
  async play({ canvasElement }) {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      'Loading integrations…',
    );
  },
};

export const ServerError: Story = {
  parameters: { referkit: { api: { failing: { listIntegrations: 'internal_error' } } } },
  async play({ canvasElement }) {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      /^Couldn't load integrations: /,
    );
  },
};

export const ConnectingWithARejectedKey: Story = {
  async play({ canvasElement, args }) {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: /^Stripe/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Stripe' });
    const key = within(dialog).getByLabelText('Secret or restricted key');
    await userEvent.type(key, 'rk_test_51ThisKeyWasRevoked0000');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await expect(await within(dialog).findByRole('alert')).toBeVisible();
    await expect(key).toHaveAttribute('aria-invalid', 'true');
    await expect(args.onConnected).not.toHaveBeenCalled();
  },
};

/** The host lists only payment integrations, without "Coming soon" cards. */
export const HostChosenList: Story = {
  args: { categories: ['payment'], unavailable: 'hide' },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: /^Stripe/ });
    await expect(canvas.getByRole('heading', { name: 'Payment Integration' })).toBeVisible();
    await expect(canvas.queryByRole('heading', { name: 'CRM' })).not.toBeInTheDocument();
    await expect(canvas.queryByText('Coming soon')).not.toBeInTheDocument();
  },
};

/** Every category, unavailable integrations left out (an empty category goes too). */
export const HideComingSoon: Story = {
  args: { unavailable: 'hide' },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: /^Stripe/ });
    await expect(canvas.queryByText('Coming soon')).not.toBeInTheDocument();
    await expect(canvas.getAllByRole('heading', { level: 3 })).toHaveLength(1);
  },
};
