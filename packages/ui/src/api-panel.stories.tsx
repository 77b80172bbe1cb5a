import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, screen, userEvent, within } from 'storybook/test';
import { ApiPanel } from './api-panel';

const meta = {
  title: 'API/ApiPanel',
  component: ApiPanel,
  args: { campaignId: 'camp_spring' },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: '48rem' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof ApiPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

export const NoKeyYet: Story = {
  async play({ canvasElement }) {
    await expect(await within(canvasElement).findByText('No API key yet.')).toBeVisible();
  },
};

export const KeyShownOnceAfterCreating: Story = {
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Create API key' }));
    await expect(
      await canvas.findByText('Copy this key now: it is shown only once.'),
    ).toBeVisible();
    await expect(canvas.getByRole('region', { name: 'Example request' })).toHaveTextContent(
      /Bearer refk_/,
    );
  },
};

export const RotateExistingKey: Story = {
  parameters: { referkit: { api: { apiKeySecret: 'refk_story_existing_0001' } } },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Rotate key' }));
    await expect(
      await screen.findByRole('alertdialog', { name: 'Rotate the API key?' }),
    ).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { referkit: { api: { latencyMs: 'infinite' } } },
  async play({ canvasElement }) {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Loading…');
  },
};

export const ServerError: Story = {
  parameters: { referkit: { api: { failing: { getApiKey: 'internal_error' } } } },
  async play({ canvasElement }) {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      /^Couldn't load the API key: /,
    );
  },
};
