import { WIZARD_STEPS } from '@referkit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { Stepper } from './stepper';

const meta = {
  title: 'Wizard/Stepper',
  component: Stepper,
  args: { steps: WIZARD_STEPS, currentIndex: 0, onStepSelect: fn() },
} satisfies Meta<typeof Stepper>;

export default meta;
type Story = StoryObj<typeof meta>;

export const FirstStep: Story = {
  async play({ canvasElement }) {
    const nav = within(canvasElement).getByRole('navigation', { name: 'Sync setup steps' });
    await expect(within(nav).getAllByRole('listitem')[0]).toHaveAttribute('aria-current', 'step');
    await expect(within(nav).queryAllByRole('button')).toHaveLength(0);
  },
};

export const ThirdStepWithVisitedSteps: Story = {
  args: { currentIndex: 2, maxSelectableIndex: 3 },
  async play({ canvasElement, args }) {
    const nav = within(canvasElement).getByRole('navigation', { name: 'Sync setup steps' });
    await userEvent.click(within(nav).getByRole('button', { name: 'Select Object Type (done)' }));
    await expect(args.onStepSelect).toHaveBeenCalledWith('object_type');
  },
};
