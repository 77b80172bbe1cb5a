import { createDefaultSyncConfig } from '@referkit/core';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConfirmStep } from './confirm-step';
import { expectNoAxeViolations, renderStep } from './test-utils';

describe('ConfirmStep', () => {
  it('shows the Sync Overview and the schedule of an ongoing sync', async () => {
    const config = createDefaultSyncConfig();
    config.returns.referralsCount = { kind: 'field', field: 'description' };
    const { user, wizard } = renderStep((props) => <ConfirmStep {...props} />, {
      initialConfig: config,
      initialStep: 'confirm',
    });
    const overview = screen.getByRole('region', { name: 'Sync Overview' });
    const item = (term: string) =>
      within(overview).getByText(term).nextElementSibling as HTMLElement;
    expect(item('First Name Version')).toHaveTextContent('V1: First word');
    expect(
      within(item('Inbound Mapping'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Name →to First Name', 'Email →to Email']);
    expect(
      within(item('Return Mapping'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Referral Link →to Metadata: referral_link',
      'Referral Code →to Do Not Send',
      'Referrals Count →to Description',
      'Converted Referrals Count →to Do Not Send',
    ]);
    expect(screen.getByRole('radio', { name: 'One-Time Sync' })).toBeChecked();
    expect(screen.queryByRole('combobox', { name: 'Schedule' })).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Ready to Sync');
    await expectNoAxeViolations();

    await user.click(screen.getByRole('radio', { name: 'Ongoing Sync' }));
    const schedule = screen.getByRole('combobox', { name: 'Schedule' });
    expect(
      within(schedule)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Every 15 minutes', 'Hourly', 'Daily', 'Custom (cron)']);
    expect(schedule).toHaveDisplayValue('Hourly');
    await user.selectOptions(schedule, 'Every 15 minutes');
    expect(wizard().config.schedule).toEqual({ kind: 'preset', preset: 'every_15_minutes' });

    await user.selectOptions(schedule, 'Custom (cron)');
    const cron = screen.getByRole('textbox', { name: 'Cron expression (UTC)' });
    expect(cron).toHaveValue('*/15 * * * *');
    await user.clear(cron);
    await user.type(cron, '0 9 * *');
    expect(cron).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('status')).toHaveTextContent('Not ready to sync yet.');
    expect(wizard().canContinue).toBe(false);
    await user.type(cron, ' 1-5');
    expect(screen.getByRole('status')).toHaveTextContent('Ready to Sync');
    expect(wizard().config.schedule).toEqual({ kind: 'cron', expression: '0 9 * * 1-5' });
    await expectNoAxeViolations();
  });
});
