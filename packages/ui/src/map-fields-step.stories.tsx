import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { MapFieldsStep } from './map-fields-step';
import { STORY_FIELDS, STORY_RECORDS, WizardStepStory } from './test-story-harness';

const meta = {
  title: 'Wizard/Steps/MapFieldsStep',
  component: WizardStepStory,
  args: { render: (props) => <MapFieldsStep {...props} fields={STORY_FIELDS} /> },
  parameters: { referkit: { api: false } },
} satisfies Meta<typeof WizardStepStory>;

export default meta;
type Story = StoryObj<typeof meta>;

export const DefaultMapping: Story = {
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await expect(
      canvas.getByRole('combobox', { name: 'Referral Factory field for Stripe Name' }),
    ).toHaveDisplayValue('First Name (required)');
  },
};

export const RequiredTargetMissing: Story = {
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await userEvent.selectOptions(
      canvas.getByRole('combobox', { name: 'Referral Factory field for Stripe Name' }),
      'Do Not Map',
    );
    await expect(canvas.getByText('not mapped yet')).toBeVisible();
  },
};

export const TargetMappedTwice: Story = {
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    const description = canvas.getByRole('combobox', {
      name: 'Referral Factory field for Stripe Description',
    });
    await userEvent.selectOptions(description, 'First Name (required)');
    await expect(description).toHaveAccessibleDescription(
      'First Name is mapped from both Name and Description. Map it from one field.',
    );
  },
};

/** Customers without a name: skipped by default, or named from their email before @. */
export const BlankNames: Story = {
  args: {
    render: (props) => <MapFieldsStep {...props} fields={STORY_FIELDS} samples={STORY_RECORDS} />,
  },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    const preview = canvas.getByRole('table', { name: 'Customers without a name in your account' });
    const row = () =>
      within(
        within(preview)
          .getByRole('rowheader', { name: 'noname@example.com' })
          .closest('tr') as HTMLElement,
      );
    await expect(canvas.getByRole('radio', { name: /^Skip the customer/ })).toBeChecked();
    await expect(row().getByText('Skipped')).toBeVisible();
    await userEvent.click(canvas.getByRole('radio', { name: /^Use the email before @/ }));
    await expect(row().getByText('noname')).toBeVisible();
  },
};
