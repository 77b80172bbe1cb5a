import { createDefaultSyncConfig } from '@referkit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { MapReturnFieldsStep } from './map-return-fields-step';
import { STORY_FIELDS, WizardStepStory } from './test-story-harness';

const meta = {
  title: 'Wizard/Steps/MapReturnFieldsStep',
  component: WizardStepStory,
  args: {
    wizard: { initialStep: 'map_return_fields' },
    render: (props) => <MapReturnFieldsStep {...props} fields={STORY_FIELDS} />,
  },
  parameters: { referkit: { api: false } },
} satisfies Meta<typeof WizardStepStory>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  async play({ canvasElement }) {
    const link = within(within(canvasElement).getByRole('group', { name: /^Referral Link/ }));
    await expect(link.getByRole('switch', { name: 'Send As Metadata' })).toBeChecked();
  },
};

const everything = createDefaultSyncConfig();
everything.returns = {
  referralLink: { kind: 'field', field: 'description' },
  referralCode: { kind: 'metadata', key: 'referral_code' },
  referralsCount: { kind: 'metadata', key: 'referrals' },
  convertedReferralsCount: { kind: 'metadata', key: 'converted_referrals' },
};

export const EveryValueSent: Story = {
  args: { wizard: { initialStep: 'map_return_fields', initialConfig: everything } },
};

export const MetadataKeyErrorsAsYouType: Story = {
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    const key = within(canvas.getByRole('group', { name: /^Referral Link/ })).getByLabelText(
      'Metadata Key',
    );
    await userEvent.clear(key);
    await expect(key).toHaveAccessibleDescription('Enter a metadata key.');
    await userEvent.type(key, 'a_key_that_is_far_too_long_for_stripe_metadata');
    await expect(key).toHaveAccessibleDescription(/Use at most 40 characters/);
  },
};

export const DestinationConflict: Story = {
  async play({ canvasElement }) {
    const code = within(within(canvasElement).getByRole('group', { name: 'Referral Code' }));
    await userEvent.click(code.getByRole('switch', { name: 'Send As Metadata' }));
    const key = code.getByLabelText('Metadata Key');
    await userEvent.clear(key);
    await userEvent.type(key, 'referral_link');
    await expect(key).toHaveAccessibleDescription(/both write to metadata key "referral_link"/);
  },
};

export const ReferralLinkNotSent: Story = {
  async play({ canvasElement }) {
    const link = within(within(canvasElement).getByRole('group', { name: /^Referral Link/ }));
    await userEvent.click(link.getByRole('switch', { name: 'Send As Metadata' }));
    await expect(link.getByRole('combobox', { name: 'Stripe field' })).toHaveAccessibleDescription(
      'The Referral Link must be sent to Stripe: choose a field or a metadata key.',
    );
  },
};
