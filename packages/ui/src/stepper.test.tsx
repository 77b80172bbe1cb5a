import { WIZARD_STEPS } from '@referkit/core';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Stepper } from './stepper';
import { expectNoAxeViolations, renderWithApi } from './test-utils';

describe('Stepper', () => {
  it('marks done and current steps and lets visited ones be chosen', async () => {
    const onStepSelect = vi.fn();
    const { user } = renderWithApi(
      <Stepper
        steps={WIZARD_STEPS}
        currentIndex={2}
        maxSelectableIndex={3}
        onStepSelect={onStepSelect}
      />,
    );
    const nav = screen.getByRole('navigation', { name: 'Sync setup steps' });
    const items = within(nav).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('data-state'))).toEqual([
      'complete',
      'complete',
      'current',
      'upcoming',
      'upcoming',
    ]);
    expect(items[2]).toHaveAttribute('aria-current', 'step');
    expect(
      within(nav)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['1Select Object Type (done)', '2Map Fields (done)', '4Name Version']);
    await user.click(within(nav).getByRole('button', { name: 'Map Fields (done)' }));
    expect(onStepSelect).toHaveBeenCalledWith('map_fields');
    await expectNoAxeViolations();
  });

  it('takes step titles from messages', () => {
    renderWithApi(<Stepper steps={WIZARD_STEPS} currentIndex={0} />, {
      messages: { 'wizard.step.object_type': 'Objekttyp wählen' },
    });
    expect(screen.getByText('Objekttyp wählen')).toBeInTheDocument();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
