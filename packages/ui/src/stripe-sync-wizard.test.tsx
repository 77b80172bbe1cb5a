import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ReferkitEvent } from './referkit-event';
import { StripeSyncWizard } from './stripe-sync-wizard';
import { expectNoAxeViolations, renderWithApi } from './test-utils';

const connected = { stripe: { status: 'connected' as const }, pollsPerRun: 1 };

function continueButton() {
  return screen.getByRole('button', { name: 'Continue' });
}

describe('StripeSyncWizard', () => {
  it('walks every step: focus on each heading, announced, Back keeps choices, then Start Sync to Done', async () => {
    const onEvent = vi.fn<(event: ReferkitEvent) => void>();
    const onComplete = vi.fn();
    const { user } = renderWithApi(
      <StripeSyncWizard campaignId="camp_spring" onEvent={onEvent} onComplete={onComplete} />,
      { api: connected },
    );

    expect(await screen.findByRole('heading', { name: 'Select Object Type' })).toBeInTheDocument();
    const stepper = screen.getByRole('navigation', { name: 'Sync setup steps' });
    expect(
      within(stepper)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      '1Select Object Type',
      '2Map Fields',
      '3Map Return Fields',
      '4Name Version',
      '5Confirm',
    ]);
    expect(within(stepper).getByText('Select Object Type').closest('li')).toHaveAttribute(
      'aria-current',
      'step',
    );
    expect(screen.getByRole('radio', { name: 'Customers' })).toBeChecked();
    await expectNoAxeViolations();

    await user.click(continueButton());
    const mapFields = screen.getByRole('heading', {
      name: 'Map Stripe Fields to Referral Factory',
    });
    expect(mapFields).toHaveFocus();
    expect(screen.getByText('Step 2 of 5: Map Fields')).toHaveAttribute('role', 'status');
    expect(onEvent).toHaveBeenCalledWith({ type: 'step_changed', step: 'map_fields' });

    // A required target left unmapped blocks Continue and says why.
    const emailTarget = screen.getByRole('combobox', {
      name: 'Referral Factory field for Stripe Email',
    });
    await user.selectOptions(emailTarget, 'Do Not Map');
    expect(continueButton()).toBeDisabled();
    expect(continueButton()).toHaveAccessibleDescription(
      'To continue: Map a Stripe field to Email: it is required.',
    );
    expect(screen.getByText('not mapped yet')).toBeInTheDocument();
    await user.selectOptions(emailTarget, 'Email (required)');
    expect(continueButton()).toBeEnabled();
    await expectNoAxeViolations();

    await user.click(continueButton());
    expect(screen.getByRole('heading', { name: 'Map Return Fields' })).toHaveFocus();
    await user.click(continueButton());
    expect(screen.getByRole('heading', { name: 'Name Version' })).toHaveFocus();

    await user.click(screen.getByRole('radio', { name: 'V4' }));
    const preview = await screen.findByRole('table');
    expect(
      within(preview).getByRole('columnheader', { name: 'V4 (selected)' }),
    ).toBeInTheDocument();
    const ada = within(preview).getByRole('rowheader', { name: 'Ada Lovelace' }).closest('tr');
    expect(
      within(ada as HTMLElement)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Ada Lovelace', 'Ada', 'Ada Lovelace', 'Ada Lovelace', 'Ada L', 'Ada Lo']);

    await user.click(continueButton());
    expect(screen.getByRole('heading', { name: 'Confirm' })).toHaveFocus();
    expect(screen.getByText('First Name Version').nextElementSibling).toHaveTextContent(
      'V4: First name + 1 letter',
    );
    const returns = screen.getByText('Return Mapping').nextElementSibling as HTMLElement;
    expect(within(returns).getAllByRole('listitem')[0]).toHaveTextContent(
      /^Referral Link\s*→\s*to\s*Metadata: referral_link$/,
    );
    expect(screen.getByText('Ready to Sync')).toBeInTheDocument();

    // Back keeps the choice; Continue returns.
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('radio', { name: 'V4' })).toBeChecked();
    await user.click(continueButton());

    // Ongoing: hourly by default; a custom cron expression is checked.
    await user.click(screen.getByRole('radio', { name: 'Ongoing Sync' }));
    const schedule = screen.getByRole('combobox', { name: 'Schedule' });
    expect(schedule).toHaveDisplayValue('Hourly');
    await user.selectOptions(schedule, 'Custom (cron)');
    const cron = screen.getByRole('textbox', { name: 'Cron expression (UTC)' });
    expect(cron).toHaveValue('0 * * * *');
    await user.clear(cron);
    await user.type(cron, 'every day');
    expect(cron).toHaveAccessibleDescription(/"every day" is not a cron expression/);
    expect(screen.getByRole('button', { name: 'Start Sync' })).toBeDisabled();
    await user.selectOptions(schedule, 'Daily');
    expect(screen.getByText('Ready to Sync')).toBeInTheDocument();
    await expectNoAxeViolations();

    await user.click(screen.getByRole('button', { name: 'Start Sync' }));
    const progress = await screen.findByRole('progressbar', { name: 'Referrers created' });
    expect(progress).toBeInTheDocument();
    const done = await screen.findByRole('button', { name: 'Done' }, { timeout: 5000 });
    expect(screen.getByRole('heading', { name: 'Sync complete' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Referrers created' })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    const count = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling;
    // 16 listed customers (Stripe's list leaves the deleted one out).
    expect(count('Seen')).toHaveTextContent('16');
    expect(count('Created')).toHaveTextContent('12');
    expect(count('Skipped')).toHaveTextContent('3');
    expect(count('Failed')).toHaveTextContent('1');
    expect(await screen.findByRole('table', { name: 'Skipped records' })).toHaveTextContent(
      'This customer has no name in Stripe.',
    );
    await user.click(done);
    expect(onComplete).toHaveBeenCalledTimes(1);
    const sync = onComplete.mock.calls[0]?.[0];
    expect(sync.config).toMatchObject({
      nameVersion: 'v4',
      syncType: 'ongoing',
      schedule: { kind: 'preset', preset: 'daily' },
    });
    const types = onEvent.mock.calls.map(([event]) => event.type);
    expect(types).toContain('sync_started');
    expect(onEvent).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'sync_completed', syncId: sync.id }),
    );
  });

  it('asks before discarding a half-finished setup', async () => {
    const onCancel = vi.fn();
    const { user } = renderWithApi(
      <StripeSyncWizard campaignId="camp_spring" onCancel={onCancel} />,
      {
        api: connected,
      },
    );
    await screen.findByRole('heading', { name: 'Select Object Type' });
    // Nothing chosen yet: Cancel leaves at once.
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);

    await user.click(continueButton());
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Referral Factory field for Stripe Description' }),
      'Company',
    );
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Discard this sync setup?' });
    expect(within(dialog).getByRole('button', { name: 'Keep editing' })).toHaveFocus();
    await expectNoAxeViolations();
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(
      screen.getByRole('combobox', { name: 'Referral Factory field for Stripe Description' }),
    ).toHaveDisplayValue('Company');

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    expect(onCancel).toHaveBeenCalledTimes(2);
  });

  it('shows a server error when the sync cannot start', async () => {
    const { user } = renderWithApi(<StripeSyncWizard campaignId="camp_spring" />, {
      api: { ...connected, failing: { createSync: 'internal_error' } },
    });
    await screen.findByRole('heading', { name: 'Select Object Type' });
    for (let step = 0; step < 4; step++) await user.click(continueButton());
    await user.click(screen.getByRole('button', { name: 'Start Sync' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/Couldn't start the sync/);
    expect(screen.getByRole('button', { name: 'Start Sync' })).toBeEnabled();
  });

  it('says so when the Stripe account cannot be read', async () => {
    renderWithApi(<StripeSyncWizard campaignId="camp_spring" />, {
      api: { ...connected, failing: { listFields: 'stripe_unavailable' } },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(/Couldn't load your Stripe account/);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(continueButton()).toBeDisabled();
  });
});
