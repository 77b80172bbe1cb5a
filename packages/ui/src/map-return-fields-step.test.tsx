import { getStripeFields } from '@referkit/core';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MapReturnFieldsStep } from './map-return-fields-step';
import { expectNoAxeViolations, renderStep } from './test-utils';

const fields = getStripeFields('customer', [{ id: 'cus_1', metadata: { plan: 'pro' } }]);

const STEP = { initialStep: 'map_return_fields' } as const;

function row(name: RegExp) {
  return within(screen.getByRole('group', { name }));
}

describe('MapReturnFieldsStep', () => {
  it('offers each value a Stripe field with Do Not Send, a metadata switch and a key', async () => {
    const { wizard } = renderStep(
      (props) => <MapReturnFieldsStep {...props} fields={fields} />,
      STEP,
    );
    expect(screen.getByRole('heading', { name: 'Map Return Fields' })).toBeInTheDocument();
    for (const name of [
      /^Referral Link \(required\)$/,
      /^Referral Code$/,
      /^Referrals Count$/,
      /^Converted Referrals Count$/,
    ]) {
      expect(row(name).getByRole('switch', { name: 'Send As Metadata' })).toBeInTheDocument();
    }
    // The default: the link goes to metadata "referral_link"; the rest are not sent.
    expect(row(/^Referral Link/).getByRole('switch')).toHaveAttribute('aria-checked', 'true');
    expect(row(/^Referral Link/).getByLabelText('Metadata Key')).toHaveValue('referral_link');
    const code = row(/^Referral Code$/).getByRole('combobox', { name: 'Stripe field' });
    expect(code).toHaveDisplayValue('Do Not Send');
    expect(
      within(code)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Do Not Send', 'Name', 'Email', 'Description', 'Phone']);
    expect(wizard().canContinue).toBe(true);
    await expectNoAxeViolations();
  });

  it('checks the metadata key as you type', async () => {
    const { user, wizard } = renderStep(
      (props) => <MapReturnFieldsStep {...props} fields={fields} />,
      STEP,
    );
    const key = row(/^Referral Link/).getByLabelText('Metadata Key');
    await user.clear(key);
    expect(key).toHaveAccessibleDescription('Enter a metadata key.');
    expect(key).toHaveAttribute('aria-invalid', 'true');
    expect(wizard().canContinue).toBe(false);

    await user.type(key, 'ref[[link]');
    expect(key).toHaveAccessibleDescription("Metadata keys can't contain [ or ].");

    await user.clear(key);
    await user.type(key, 'x'.repeat(41));
    expect(key).toHaveAccessibleDescription('Use at most 40 characters (this key has 41).');

    await user.clear(key);
    await user.type(key, 'referral_url');
    expect(key).not.toHaveAttribute('aria-invalid');
    expect(wizard().config.returns.referralLink).toEqual({ kind: 'metadata', key: 'referral_url' });
    expect(wizard().canContinue).toBe(true);
  });

  it('shows conflicts from the wizard and keeps the Referral Link required', async () => {
    const { user, wizard } = renderStep(
      (props) => <MapReturnFieldsStep {...props} fields={fields} />,
      STEP,
    );
    await user.click(row(/^Referral Code$/).getByRole('switch', { name: 'Send As Metadata' }));
    const codeKey = row(/^Referral Code$/).getByLabelText('Metadata Key');
    expect(codeKey).toHaveValue('referral_code');
    await user.clear(codeKey);
    await user.type(codeKey, 'referral_link');
    expect(codeKey).toHaveAccessibleDescription(
      'Referral Link and Referral Code both write to metadata key "referral_link". Choose a different destination for one of them.',
    );
    expect(wizard().canContinue).toBe(false);

    // Email can't hold a referral link: core says why.
    await user.click(row(/^Referral Link/).getByRole('switch', { name: 'Send As Metadata' }));
    const link = row(/^Referral Link/).getByRole('combobox', { name: 'Stripe field' });
    expect(link).toHaveAccessibleDescription(
      'The Referral Link must be sent to Stripe: choose a field or a metadata key.',
    );
    await user.selectOptions(link, 'Email');
    expect(link).toHaveAccessibleDescription(/Stripe only accepts email addresses in Email/);
    await user.selectOptions(link, 'Description');
    expect(link).not.toHaveAttribute('aria-invalid');

    // Switching metadata back on restores the key typed before.
    await user.click(row(/^Referral Code$/).getByRole('switch', { name: 'Send As Metadata' }));
    await user.click(row(/^Referral Code$/).getByRole('switch', { name: 'Send As Metadata' }));
    expect(row(/^Referral Code$/).getByLabelText('Metadata Key')).toHaveValue('referral_link');
    expect(wizard().config.returns.referralLink).toEqual({ kind: 'field', field: 'description' });
  });
});
