import { NAME_VERSIONS } from '@referkit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { useStripeSamples } from './stripe-object-hooks';
import { useNameVersionPreview } from './use-name-version-preview';

/**
 * A bare table on `useStripeSamples` + `useNameVersionPreview`: what the
 * headless hooks give a host that builds its own markup.
 */
function NameVersionTable() {
  const samples = useStripeSamples('customer', { limit: 25 });
  const { rows } = useNameVersionPreview(samples.data?.records, { limit: 8 });
  if (samples.error) return <p role="alert">{samples.error.message}</p>;
  if (samples.isPending) return <p aria-busy="true">Loading names…</p>;
  return (
    <table>
      <caption>Name versions of real Stripe names</caption>
      <thead>
        <tr>
          <th scope="col">Stripe name</th>
          {NAME_VERSIONS.map((version) => (
            <th key={version.id} scope="col">
              {version.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row">{row.input.trim() === '' ? '(blank)' : row.input}</th>
            {NAME_VERSIONS.map((version) => (
              <td key={version.id}>{row.versions[version.id]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const meta = {
  title: 'Headless (@referkit/react)/useNameVersionPreview',
  component: NameVersionTable,
  parameters: { referkit: { api: { stripe: { status: 'connected' } } } },
} satisfies Meta<typeof NameVersionTable>;

export default meta;
type Story = StoryObj<typeof meta>;

export const OddNames: Story = {
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    const table = await canvas.findByRole('table', { name: 'Name versions of real Stripe names' });
    const grace = within(table).getByRole('row', { name: /Grace/ });
    expect(
      within(grace)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      'Grace Brewster Murray Hopper',
      'Grace',
      'Grace Brewster',
      'Grace Brewster Murray',
      'Grace H',
      'Grace Ho',
    ]);
  },
};

export const NotConnected: Story = {
  parameters: { referkit: { api: { stripe: { status: 'not_connected' } } } },
  async play({ canvasElement }) {
    const alert = await within(canvasElement).findByRole('alert');
    expect(alert).toHaveTextContent('Connect Stripe first.');
  },
};
