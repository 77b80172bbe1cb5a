import { createDefaultSyncConfig } from '@referkit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { ConfirmStep } from './confirm-step';
import { WizardStepStory } from './test-story-harness';

const meta = {
  title: 'Wizard/Steps/ConfirmStep',
  component: WizardStepStory,
  args: { wizard: { initialStep: 'confirm' }, render: (props) => <ConfirmStep {...props} /> },
  parameters: { referkit: { api: false } },
} satisfies Meta<typeof WizardStepStory>;

export default meta;
type Story = StoryObj<typeof meta>;

export const ReadyToSync: Story = {
  async play({ canvasElement }) {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Ready to Sync');
  },
};

const ongoing = createDefaultSyncConfig();
ongoing.syncType = 'ongoing';
ongoing.nameVersion = 'v4';
ongoing.returns.referralCode = { kind: 'metadata', key: 'referral_code' };
ongoing.returns.referralsCount = { kind: 'field', field: 'description' };

export const OngoingHourly: Story = {
  args: { wizard: { initialStep: 'confirm', initialConfig: ongoing } },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('combobox', { name: 'Schedule' })).toHaveDisplayValue('Hourly');
    await userEvent.selectOptions(
      canvas.getByRole('combobox', { name: 'Schedule' }),
      'Every 15 minutes',
    );
  },
};

export const InvalidCustomSchedule: Story = {
  args: { wizard: { initialStep: 'confirm', initialConfig: ongoing } },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await userEvent.selectOptions(
      canvas.getByRole('combobox', { name: 'Schedule' }),
      'Custom (cron)',
    );
    const cron = canvas.getByRole('textbox', { name: 'Cron expression (UTC)' });
    await userEvent.clear(cron);
    await userEvent.type(cron, '61 * *');
    await expect(cron).toHaveAttribute('aria-invalid', 'true');
    await expect(canvas.getByRole('status')).toHaveTextContent('Not ready to sync yet.');
  },
};
