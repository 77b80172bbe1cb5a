import { createDefaultSyncConfig, NAME_VERSIONS, type StripeRecord } from '@referkit/core';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NameVersionStep } from './name-version-step';
import { expectNoAxeViolations, renderStep } from './test-utils';

const odd: StripeRecord[] = [
  { id: 'cus_1', name: '  mary   jane  watson-parker ' },
  { id: 'cus_2', name: 'Zoë' },
  { id: 'cus_3', name: '李 小龍' },
  { id: 'cus_4', name: '   ' },
  { id: 'cus_5', name: 'Dr. Émile\u200BZola Jr.' },
];

function cells(name: string) {
  const row = screen.getByRole('rowheader', { name }).closest('tr') as HTMLElement;
  return within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);
}

describe('NameVersionStep', () => {
  it('lists Original and V1–V5 with descriptions and previews odd names in every version', async () => {
    const { user, wizard } = renderStep((props) => <NameVersionStep {...props} samples={odd} />);
    for (const version of NAME_VERSIONS) {
      expect(screen.getByRole('radio', { name: version.label })).toHaveAccessibleDescription(
        version.description,
      );
    }
    expect(screen.getByRole('radio', { name: 'V1' })).toBeChecked();
    expect(
      within(screen.getByRole('table'))
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Stripe name', 'Original', 'V1 (selected)', 'V2', 'V3', 'V4', 'V5']);
    expect(cells('mary jane watson-parker')).toEqual([
      'mary jane watson-parker',
      'mary',
      'mary jane',
      'mary jane watson-parker',
      'mary w',
      'mary wa',
    ]);
    expect(cells('Zoë')).toEqual(['Zoë', 'Zoë', 'Zoë', 'Zoë', 'Zoë', 'Zoë']);
    expect(cells('李 小龍')).toEqual(['李 小龍', '李', '李 小龍', '李 小龍', '李 小', '李 小龍']);
    expect(cells('Dr. Émile\u200BZola Jr.')).toEqual([
      'Dr. Émile Zola Jr.',
      'Dr.',
      'Dr. Émile',
      'Dr. Émile Zola',
      'Dr. J',
      'Dr. Jr',
    ]);
    // A blank name stays in the preview, marked as skipped in every version.
    expect(screen.getAllByText('(blank: skipped)')).toHaveLength(7);
    await expectNoAxeViolations();

    await user.click(screen.getByRole('radio', { name: 'V5' }));
    expect(wizard().config.nameVersion).toBe('v5');
    expect(screen.getByRole('columnheader', { name: 'V5 (selected)' })).toHaveAttribute(
      'data-selected',
    );
    expect(screen.getByRole('columnheader', { name: 'V1' })).not.toHaveAttribute('data-selected');
  });

  it('previews the mapped name field, an example for an empty account, and waits while loading', () => {
    const config = createDefaultSyncConfig();
    config.inbound = [
      { source: 'metadata.full_name', target: 'firstName' },
      { source: 'email', target: 'email' },
    ];
    const samples = [
      { id: 'cus_9', name: 'Not This', metadata: { full_name: 'Grace  Brewster Hopper' } },
    ];
    const { unmount } = renderStep((props) => <NameVersionStep {...props} samples={samples} />, {
      initialConfig: config,
    });
    expect(cells('Grace Brewster Hopper')).toEqual([
      'Grace Brewster Hopper',
      'Grace',
      'Grace Brewster',
      'Grace Brewster Hopper',
      'Grace H',
      'Grace Ho',
    ]);
    expect(screen.queryByText('Not This')).not.toBeInTheDocument();
    unmount();

    const empty = renderStep((props) => <NameVersionStep {...props} samples={[]} />);
    expect(
      screen.getByRole('table', {
        name: 'Preview with an example name (no names in this account yet)',
      }),
    ).toBeInTheDocument();
    expect(cells('John Ronald Smith')[4]).toBe('John S');
    empty.unmount();

    renderStep((props) => <NameVersionStep {...props} samples={undefined} />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading names from your Stripe account…');
  });
});
