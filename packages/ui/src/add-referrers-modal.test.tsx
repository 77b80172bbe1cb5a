import { MOCK_STRIPE_KEY } from '@referkit/react/mock-api';
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { AddReferrersModal, type AddReferrersModalProps } from './add-referrers-modal';
import type { ReferkitEvent } from './referkit-event';
import { expectNoAxeViolations, renderWithApi } from './test-utils';

function Host(props: Partial<AddReferrersModalProps>) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Add Referrers
      </button>
      <AddReferrersModal open={open} onOpenChange={setOpen} campaignId="camp_spring" {...props} />
    </>
  );
}

/** Presses Tab (Shift+Tab with `back`) until `target()` has focus: the keyboard is the only input. */
async function tabTo(user: UserEvent, target: () => HTMLElement, back = false) {
  for (let press = 0; press < 40; press++) {
    const element = target();
    if (document.activeElement === element) return element;
    await user.keyboard(back ? '{Shift>}{Tab}{/Shift}' : '{Tab}');
  }
  throw new Error(`Tab never reached it; focus is on ${document.activeElement?.outerHTML}`);
}

const button = (name: string) => () => screen.getByRole('button', { name });

describe('AddReferrersModal', () => {
  it('offers Upload, Sync, Add Manually and API as tabs', async () => {
    const onEvent = vi.fn<(event: ReferkitEvent) => void>();
    const { user } = renderWithApi(<Host onEvent={onEvent} />);
    await user.click(screen.getByRole('button', { name: 'Add Referrers' }));
    const dialog = screen.getByRole('dialog', { name: 'Add Referrers' });
    expect(onEvent).toHaveBeenCalledWith({ type: 'opened' });
    const tabs = within(dialog).getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual([
      'Upload Import a CSV file',
      'Sync Pull contacts from an integration',
      'Add Manually Type in one referrer',
      'API Create referrers over HTTP',
    ]);
    expect(within(dialog).getByRole('tab', { name: /^Upload/ })).toHaveFocus();
    expect(within(dialog).getByRole('tab', { name: /^Upload/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      await within(dialog).findByRole('heading', { name: 'Upload a CSV' }),
    ).toBeInTheDocument();
    await expectNoAxeViolations();

    // Arrow keys move between the options (automatic activation).
    await user.keyboard('{ArrowRight}');
    expect(within(dialog).getByRole('tab', { name: /^Sync/ })).toHaveFocus();
    expect(onEvent).toHaveBeenCalledWith({ type: 'option_chosen', option: 'sync' });
    expect(
      await within(dialog).findByRole('heading', { name: 'Sync from Integration' }),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('tabpanel', { name: 'Sync' })).toBeVisible();
    await expectNoAxeViolations();

    await user.click(within(dialog).getByRole('tab', { name: /^Add Manually/ }));
    expect(await within(dialog).findByRole('textbox', { name: 'First Name' })).toBeInTheDocument();
    await user.keyboard('{End}');
    expect(
      await within(dialog).findByRole('heading', { name: 'Add referrers with the API' }),
    ).toBeInTheDocument();
    await expectNoAxeViolations();
    await user.keyboard('{Home}');
    expect(within(dialog).getByRole('tab', { name: /^Upload/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(onEvent).toHaveBeenLastCalledWith({ type: 'closed' });
    expect(screen.getByRole('button', { name: 'Add Referrers' })).toHaveFocus();
  });

  it('goes from opening the modal to Start Sync with the keyboard alone', async () => {
    const onEvent = vi.fn<(event: ReferkitEvent) => void>();
    const { user } = renderWithApi(<Host onEvent={onEvent} defaultOption="sync" />, {
      api: { pollsPerRun: 1 },
    });
    await user.keyboard('{Tab}');
    expect(screen.getByRole('button', { name: 'Add Referrers' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('tab', { name: /^Sync/ })).toHaveFocus();
    await screen.findByRole('button', { name: /^Stripe/ });
    const stripe = await tabTo(user, () => screen.getByRole('button', { name: /^Stripe/ }));
    expect(stripe).toHaveAccessibleName('Stripe Not connected yet');
    await user.keyboard('{Enter}');

    const connect = await screen.findByRole('dialog', { name: 'Connect Stripe' });
    expect(within(connect).getByRole('radio', { name: 'Test Mode' })).toHaveFocus();
    await user.keyboard('{Tab}');
    expect(within(connect).getByLabelText('Secret or restricted key')).toHaveFocus();
    await user.keyboard(MOCK_STRIPE_KEY);
    await user.keyboard('{Enter}');

    const heading = await screen.findByRole('heading', { name: 'Select Object Type' });
    expect(onEvent).toHaveBeenCalledWith({ type: 'connected', integrationId: 'stripe' });
    expect(screen.getByRole('dialog', { name: 'Sync from Stripe' })).toBeInTheDocument();
    await vi.waitFor(() => expect(heading).toHaveFocus());

    for (const next of [
      'Map Stripe Fields to Referral Factory',
      'Map Return Fields',
      'Name Version',
      'Confirm',
    ]) {
      await tabTo(user, button('Continue'));
      await user.keyboard('{Enter}');
      expect(screen.getByRole('heading', { name: next })).toHaveFocus();
    }
    // Choose Ongoing Sync with the arrow keys, then keep the default schedule.
    await tabTo(user, () => screen.getByRole('radio', { name: 'One-Time Sync' }), true);
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('radio', { name: 'Ongoing Sync' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Schedule' })).toHaveDisplayValue('Hourly');
    await tabTo(user, button('Start Sync'));
    await user.keyboard('{Enter}');
    expect(
      await screen.findByRole('progressbar', { name: 'Referrers created' }),
    ).toBeInTheDocument();
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ type: 'sync_started' }));
  });

  it('asks before closing a half-finished wizard', async () => {
    const onOpenChange = vi.fn();
    const { user } = renderWithApi(
      <AddReferrersModal
        open
        onOpenChange={onOpenChange}
        campaignId="camp_spring"
        defaultOption="sync"
      />,
      { api: { stripe: { status: 'connected' } } },
    );
    await user.click(await screen.findByRole('button', { name: /^Stripe/ }));
    await screen.findByRole('heading', { name: 'Select Object Type' });
    // Cancel with nothing chosen: straight back to the Sync screen, focus on the Sync option.
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('tab', { name: /^Sync/ })).toHaveFocus();
    await user.click(await screen.findByRole('button', { name: /^Stripe/ }));
    await screen.findByRole('heading', { name: 'Select Object Type' });
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Referral Factory field for Stripe Phone' }),
      'Company',
    );
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onOpenChange).not.toHaveBeenCalled();
    const confirm = screen.getByRole('alertdialog', { name: 'Discard this sync setup?' });
    await user.click(within(confirm).getByRole('button', { name: 'Keep editing' }));
    expect(
      screen.getByRole('combobox', { name: 'Referral Factory field for Stripe Phone' }),
    ).toHaveDisplayValue('Company');

    await user.keyboard('{Escape}');
    await user.click(
      within(screen.getByRole('alertdialog', { name: 'Discard this sync setup?' })).getByRole(
        'button',
        {
          name: 'Discard',
        },
      ),
    );
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });

  it('asks before closing over a CSV being mapped, and not once it is imported', async () => {
    const onOpenChange = vi.fn();
    const { user } = renderWithApi(
      <AddReferrersModal open onOpenChange={onOpenChange} campaignId="camp_spring" />,
    );
    await user.upload(
      await screen.findByLabelText('Choose CSV file'),
      new File(['First Name;Email\nAnn;ann@csv.example\n'], 'people.csv', { type: 'text/csv' }),
    );
    await screen.findByRole('table', { name: 'Column mapping' });
    await user.keyboard('{Escape}');
    const confirm = await screen.findByRole('alertdialog', { name: 'Discard this CSV import?' });
    expect(onOpenChange).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Keep editing' }));
    expect(screen.getByRole('table', { name: 'Column mapping' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Close' }));
    await user.click(
      within(
        await screen.findByRole('alertdialog', { name: 'Discard this CSV import?' }),
      ).getByRole('button', { name: 'Keep editing' }),
    );
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText('1 created, 0 duplicates, 0 invalid.');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onOpenChange).toHaveBeenCalledWith(false);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});
