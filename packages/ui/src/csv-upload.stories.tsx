import type { Meta, StoryObj } from '@storybook/react-vite';
import { delay, http } from 'msw';
import { expect, fn, userEvent, within } from 'storybook/test';
import { CsvUpload } from './csv-upload';

const meta = {
  title: 'Upload/CsvUpload',
  component: CsvUpload,
  args: { campaignId: 'camp_spring', onImported: fn() },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: '48rem' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof CsvUpload>;

export default meta;
type Story = StoryObj<typeof meta>;

const customers = new File(
  [
    'First Name,Email,Last Name,Company,Notes\r\n',
    'Jane,jane@example.com,Doe,Acme Inc,already a referrer\r\n',
    'Grace,grace@example.com,Hopper,Navy,\r\n',
    'Bob,not-an-email,,,\r\n',
    'Zoë,zoe@example.fr,,,\r\n',
  ],
  'customers.csv',
  { type: 'text/csv' },
);

export const ChooseAFile: Story = {
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText('Choose CSV file')).toBeInTheDocument();
    await expect(canvas.getByRole('link', { name: 'Download template' })).toHaveAttribute(
      'download',
      'referrers-template.csv',
    );
  },
};

export const ColumnsAutoMatched: Story = {
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await userEvent.upload(canvas.getByLabelText('Choose CSV file'), customers);
    await expect(
      await canvas.findByRole('checkbox', { name: 'Ignore first row (it holds column headers)' }),
    ).toBeChecked();
    await expect(canvas.getByRole('combobox', { name: 'Map column 5 (Notes)' })).toHaveDisplayValue(
      'Do Not Map Column',
    );
    await expect(canvas.getByRole('button', { name: 'Import' })).toBeEnabled();
  },
};

export const RequiredColumnMissing: Story = {
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await userEvent.upload(canvas.getByLabelText('Choose CSV file'), customers);
    await userEvent.selectOptions(
      await canvas.findByRole('combobox', { name: 'Map column 2 (Email)' }),
      'Do Not Map Column',
    );
    const importButton = canvas.getByRole('button', { name: 'Import' });
    await expect(importButton).toBeDisabled();
    await expect(importButton).toHaveAccessibleDescription('Map a column to Email to import.');
  },
};

export const PerRowResults: Story = {
  async play({ canvasElement, args }) {
    const canvas = within(canvasElement);
    await userEvent.upload(canvas.getByLabelText('Choose CSV file'), customers);
    await userEvent.click(await canvas.findByRole('button', { name: 'Import' }));
    await expect(await canvas.findByText('2 created, 1 duplicates, 1 invalid.')).toBeVisible();
    await expect(args.onImported).toHaveBeenCalledTimes(1);
  },
};

export const ImportServerError: Story = {
  parameters: { referkit: { api: { failing: { importReferrers: 'internal_error' } } } },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await userEvent.upload(canvas.getByLabelText('Choose CSV file'), customers);
    await userEvent.click(await canvas.findByRole('button', { name: 'Import' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(/^Import failed: /);
  },
};

/** A European spreadsheet's export: semicolons, Windows-1252 bytes, a quoted line break. */
const europeanExport = new File(
  [
    Uint8Array.from(
      [...'Prénom;E-mail;Surname\r\nJosé;jose@example.es;"Núñez\r\nGarcía"\r\n'].map((c) =>
        c.charCodeAt(0),
      ),
    ),
  ],
  'export.csv',
  { type: 'text/csv' },
);

export const SemicolonLatin1File: Story = {
  async play({ canvasElement, args }) {
    const canvas = within(canvasElement);
    await userEvent.upload(canvas.getByLabelText('Choose CSV file'), europeanExport);
    const mapping = await canvas.findByRole('table', { name: 'Column mapping' });
    await expect(within(mapping).getByText('José')).toBeVisible();
    await expect(
      canvas.getByRole('combobox', { name: 'Map column 2 (E-mail)' }),
    ).toHaveDisplayValue('Email (required)');
    await userEvent.selectOptions(
      canvas.getByRole('combobox', { name: 'Map column 1 (Prénom)' }),
      'First Name (required)',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Import' }));
    await expect(await canvas.findByText('1 created, 0 duplicates, 0 invalid.')).toBeVisible();
    await expect(args.onImported).toHaveBeenCalledWith(expect.objectContaining({ created: 1 }));
  },
};

/** The server has not answered the preview yet: the file's name waits, and the status says so. */
export const ReadingTheFile: Story = {
  parameters: {
    msw: [
      http.post('*/api/referkit/campaigns/:campaignId/referrers/import/preview', () =>
        delay('infinite'),
      ),
    ],
  },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await userEvent.upload(canvas.getByLabelText('Choose CSV file'), customers);
    await expect(await canvas.findByRole('status')).toHaveTextContent('Reading the file…');
    await expect(canvas.queryByRole('table', { name: 'Column mapping' })).toBeNull();
  },
};

/** A file the import would refuse: the server's preview says why, before any mapping. */
export const UnclosedQuote: Story = {
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    const broken = new File(['First Name,Email\r\n"Ann,ann@example.com\r\n'], 'broken.csv', {
      type: 'text/csv',
    });
    await userEvent.upload(canvas.getByLabelText('Choose CSV file'), broken);
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      "Couldn't read this file: Line 2 of the file has a quoted value that is never closed. Fix the quotes and import again.",
    );
    await expect(canvas.getByLabelText('Choose CSV file')).toHaveAccessibleDescription(
      /Line 2 of the file/,
    );
    await expect(canvas.queryByRole('table', { name: 'Column mapping' })).toBeNull();
  },
};
