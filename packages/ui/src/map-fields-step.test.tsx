import { getStripeFields } from '@referkit/core';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MapFieldsStep } from './map-fields-step';
import { expectNoAxeViolations, renderStep } from './test-utils';

const fields = getStripeFields('customer', [{ id: 'cus_1', metadata: { full_name: 'Ada L' } }]);
const STEP = { initialStep: 'map_fields' } as const;

describe('MapFieldsStep', () => {
  it('maps each Stripe field to a Referral Factory field with required targets marked', async () => {
    const { user, wizard } = renderStep(
      (props) => <MapFieldsStep {...props} fields={fields} />,
      STEP,
    );
    expect(
      screen.getByRole('heading', { name: 'Map Stripe Fields to Referral Factory' }),
    ).toBeInTheDocument();
    const name = screen.getByRole('combobox', { name: 'Referral Factory field for Stripe Name' });
    expect(name).toHaveDisplayValue('First Name (required)');
    expect(
      within(name)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Do Not Map', 'First Name (required)', 'Email (required)', 'Last Name', 'Company']);
    const required = screen.getByRole('list', { name: 'Required Referral Factory fields' });
    expect(
      within(required)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['✓First Name mapped from Name', '✓Email mapped from Email']);
    expect(
      screen.getByRole('combobox', {
        name: 'Referral Factory field for Stripe Metadata: full_name',
      }),
    ).toHaveDisplayValue('Do Not Map');
    await expectNoAxeViolations();

    await user.selectOptions(name, 'Do Not Map');
    expect(within(required).getAllByRole('listitem')[0]).toHaveTextContent(
      'First Name not mapped yet',
    );
    expect(wizard().canContinue).toBe(false);
    expect(wizard().blockers.map((issue) => issue.code)).toEqual(['required_target_unmapped']);

    // Two Stripe fields into one target: core's issue, shown at the field.
    const metadata = screen.getByRole('combobox', {
      name: 'Referral Factory field for Stripe Metadata: full_name',
    });
    await user.selectOptions(metadata, 'First Name (required)');
    const description = screen.getByRole('combobox', {
      name: 'Referral Factory field for Stripe Description',
    });
    await user.selectOptions(description, 'First Name (required)');
    expect(description).toHaveAttribute('aria-invalid', 'true');
    expect(description).toHaveAccessibleDescription(
      'First Name is mapped from both Metadata: full_name and Description. Map it from one field.',
    );
    await user.selectOptions(description, 'Company');
    expect(wizard().canContinue).toBe(true);
    expect(wizard().config.inbound).toEqual([
      { source: 'email', target: 'email' },
      { source: 'metadata.full_name', target: 'firstName' },
      { source: 'description', target: 'company' },
    ]);
  });
});
