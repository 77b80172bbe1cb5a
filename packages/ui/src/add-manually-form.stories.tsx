import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { AddManuallyForm } from './add-manually-form';

const meta = {
  title: 'Add Manually/AddManuallyForm',
  component: AddManuallyForm,
  args: { campaignId: 'camp_spring', onCreated: fn() },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: '30rem' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof AddManuallyForm>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {};

export const ValidationErrors: Story = {
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Email' }), 'not an email');
    await userEvent.click(canvas.getByRole('button', { name: 'Add Referrer' }));
    await expect(canvas.getByRole('textbox', { name: 'Email' })).toHaveAccessibleDescription(
      '"not an email" is not a valid email address.',
    );
  },
};

export const Added: Story = {
  async play({ canvasElement, args }) {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'First Name' }), 'Grace');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Email' }), 'grace@example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Add Referrer' }));
    await expect(await canvas.findByText(/^Grace was added\./)).toBeVisible();
    await expect(args.onCreated).toHaveBeenCalledTimes(1);
  },
};

export const DuplicateEmail: Story = {
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'First Name' }), 'Jane');
    const email = canvas.getByRole('textbox', { name: 'Email' });
    await userEvent.type(email, 'jane@example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Add Referrer' }));
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
  },
};

export const ServerError: Story = {
  parameters: { referkit: { api: { failing: { createReferrer: 'internal_error' } } } },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'First Name' }), 'Kim');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Email' }), 'kim@example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Add Referrer' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      /^Couldn't add the referrer: /,
    );
  },
};
