import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AddManuallyForm } from './add-manually-form';
import { expectNoAxeViolations, renderWithApi } from './test-utils';

describe('AddManuallyForm', () => {
  it("checks the fields with core's rules and adds the referrer", async () => {
    const onCreated = vi.fn();
    const { user } = renderWithApi(
      <AddManuallyForm campaignId="camp_spring" onCreated={onCreated} />,
    );
    const firstName = screen.getByRole('textbox', { name: 'First Name' });
    const email = screen.getByRole('textbox', { name: 'Email' });
    await user.click(screen.getByRole('button', { name: 'Add Referrer' }));
    expect(email).toHaveAccessibleDescription('No email address.');
    expect(email).toHaveAttribute('aria-invalid', 'true');

    await user.type(email, 'ada@');
    await user.tab();
    expect(email).toHaveAccessibleDescription('"ada@" is not a valid email address.');
    await user.type(email, 'example.com');
    expect(firstName).toHaveAccessibleDescription('No usable first name.');
    await user.type(firstName, '  Ada   ');
    expect(firstName).not.toHaveAttribute('aria-invalid');
    await expectNoAxeViolations();

    await user.click(screen.getByRole('button', { name: 'Add Referrer' }));
    // The status region is always there (so screen readers announce what fills it): wait for the words.
    await vi.waitFor(
      () =>
        expect(screen.getByRole('status')).toHaveTextContent(
          /^Ada was added\. Referral link: https:\/\/refer\.example\.com\/spring\/\S+$/,
        ),
      { timeout: 10_000 },
    );
    expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ email: 'ada@example.com' }));
    expect(firstName).toHaveValue('');
  });

  it("shows the server's duplicate email as the Email field's error", async () => {
    const { user } = renderWithApi(<AddManuallyForm campaignId="camp_spring" />);
    await user.type(screen.getByRole('textbox', { name: 'First Name' }), 'Jane');
    const email = screen.getByRole('textbox', { name: 'Email' });
    await user.type(email, 'JANE@example.com');
    await user.click(screen.getByRole('button', { name: 'Add Referrer' }));
    await vi.waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription(/already/i);
    expect(email).toHaveFocus();
    await expectNoAxeViolations();
  });

  it('says what went wrong when the server fails', async () => {
    const { user } = renderWithApi(<AddManuallyForm campaignId="camp_spring" />, {
      api: { failing: { createReferrer: 'internal_error' } },
    });
    await user.type(screen.getByRole('textbox', { name: 'First Name' }), 'Kim');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'kim@example.com');
    await user.click(screen.getByRole('button', { name: 'Add Referrer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Couldn't add the referrer: /);
  });
});
