import { MOCK_OTHER_INTEGRATIONS, MOCK_STRIPE_KEY } from '@referkit/react/mock-api';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SyncFromIntegration } from './sync-from-integration';
import { expectNoAxeViolations, renderWithApi } from './test-utils';

describe('SyncFromIntegration', () => {
  it('lists the three categories from the server; unavailable ones are "Coming soon", not buttons', async () => {
    renderWithApi(<SyncFromIntegration />);
    expect(await screen.findByRole('button', { name: /^Stripe/ })).toHaveAccessibleName(
      'Stripe Not connected yet',
    );
    expect(
      screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent),
    ).toEqual(['Payment Integration', 'CRM', 'Email Marketing']);
    const crm = screen.getByRole('region', { name: 'CRM' });
    const crmNames = MOCK_OTHER_INTEGRATIONS.filter((item) => item.category === 'crm').map(
      (item) => item.name,
    );
    expect(crmNames.length).toBeGreaterThan(0);
    for (const name of crmNames) expect(within(crm).getByText(name)).toBeInTheDocument();
    expect(within(crm).queryByRole('button')).not.toBeInTheDocument();
    expect(within(crm).getAllByText('Coming soon')).toHaveLength(crmNames.length);
    expect(screen.getAllByRole('button')).toHaveLength(1);
    await expectNoAxeViolations();
  });

  it('connects Stripe through the dialog, showing the server’s rejection next to the key', async () => {
    const onConnected = vi.fn();
    const onIntegrationSelect = vi.fn();
    const { user } = renderWithApi(
      <SyncFromIntegration onConnected={onConnected} onIntegrationSelect={onIntegrationSelect} />,
    );
    await user.click(await screen.findByRole('button', { name: /^Stripe/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Stripe' });
    expect(within(dialog).getByText('Customers: Write')).toBeInTheDocument();
    expect(within(dialog).getByText('Events: Read')).toBeInTheDocument();
    expect(
      within(dialog).queryByRole('button', { name: 'Connect with Stripe' }),
    ).not.toBeInTheDocument();
    await expectNoAxeViolations();

    const key = within(dialog).getByLabelText('Secret or restricted key');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(key).toHaveAccessibleDescription(/Paste your Stripe secret or restricted key\.$/);

    // Checked as you type with core's parseStripeKey.
    await user.type(key, 'pk_test_1234567890');
    expect(key).toHaveAccessibleDescription(/Publishable keys \(pk_\) don't work\.$/);
    await user.clear(key);
    await user.type(key, 'sk_live_1234567890abc');
    expect(key).toHaveAccessibleDescription(
      /This is a Live Mode key, but Test Mode is selected\.$/,
    );

    // A well-formed key Stripe refuses: the server's message, next to the field.
    await user.clear(key);
    await user.type(key, 'sk_test_0000000000000wrong');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(await within(dialog).findByRole('alert')).toBeInTheDocument();
    expect(key).toHaveAttribute('aria-invalid', 'true');
    expect(key).toHaveFocus();
    expect(onConnected).not.toHaveBeenCalled();
    await expectNoAxeViolations();

    await user.clear(key);
    await user.type(key, MOCK_STRIPE_KEY);
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await vi.waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(onConnected.mock.calls[0]?.[0]).toMatchObject({ id: 'stripe', status: 'connected' });
    expect(onIntegrationSelect).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: /^Stripe/ })).toHaveAccessibleName(
      'Stripe Connected: Acme Inc (Test Mode)',
    );
  });

  it('offers Connect with Stripe when the host configured OAuth', async () => {
    const onOAuthRedirect = vi.fn();
    const { user } = renderWithApi(<SyncFromIntegration onOAuthRedirect={onOAuthRedirect} />, {
      api: { stripe: { oauth: true } },
    });
    await user.click(await screen.findByRole('button', { name: /^Stripe/ }));
    await user.click(await screen.findByRole('radio', { name: 'Live Mode' }));
    await user.click(screen.getByRole('button', { name: 'Connect with Stripe' }));
    await vi.waitFor(() => expect(onOAuthRedirect).toHaveBeenCalledTimes(1));
    expect(String(onOAuthRedirect.mock.calls[0]?.[0])).toMatch(/^https?:\/\//);
  });

  it('opens a connected Stripe directly, and says when the list cannot load', async () => {
    const onIntegrationSelect = vi.fn();
    const { user, unmount } = renderWithApi(
      <SyncFromIntegration onIntegrationSelect={onIntegrationSelect} />,
      { api: { stripe: { status: 'connected' } } },
    );
    await user.click(await screen.findByRole('button', { name: /^Stripe/ }));
    expect(onIntegrationSelect).toHaveBeenCalledWith(expect.objectContaining({ id: 'stripe' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    unmount();

    renderWithApi(<SyncFromIntegration />, {
      api: { failing: { listIntegrations: 'internal_error' } },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent("Couldn't load integrations");
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
