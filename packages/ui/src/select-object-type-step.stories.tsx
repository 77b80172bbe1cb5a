import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { SelectObjectTypeStep } from './select-object-type-step';
import { WizardStepStory } from './test-story-harness';

const meta = {
  title: 'Wizard/Steps/SelectObjectTypeStep',
  component: WizardStepStory,
  parameters: { referkit: { api: false } },
} satisfies Meta<typeof WizardStepStory>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Customers: Story = {
  args: {
    render: (props) => (
      <SelectObjectTypeStep
        {...props}
        objectTypes={[
          {
            id: 'customer',
            label: 'Customers',
            description: 'People and businesses you charge in Stripe. Each becomes a referrer.',
          },
        ]}
      />
    ),
  },
  async play({ canvasElement }) {
    await expect(within(canvasElement).getByRole('radio', { name: 'Customers' })).toBeChecked();
  },
};

export const NoObjectTypes: Story = {
  args: { render: (props) => <SelectObjectTypeStep {...props} objectTypes={[]} /> },
  async play({ canvasElement }) {
    await expect(
      within(canvasElement).getByText(
        'This Stripe account offers no object types the kit can sync.',
      ),
    ).toBeVisible();
  },
};
