import { CSV_TEMPLATE } from '@referkit/core';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CsvUpload } from './csv-upload';
import { expectNoAxeViolations, renderWithApi } from './test-utils';

const csv = (name: string, text: string) => new File([text], name, { type: 'text/csv' });

describe('CsvUpload', () => {
  it('auto-matches headers, requires First Name and Email, and shows per-row results', async () => {
    const onImported = vi.fn();
    const { user } = renderWithApi(<CsvUpload campaignId="camp_spring" onImported={onImported} />);
    expect(screen.getByRole('link', { name: 'Download template' })).toHaveAttribute(
      'href',
      `data:text/csv;charset=utf-8,${encodeURIComponent(CSV_TEMPLATE)}`,
    );
    const file = csv(
      'customers.csv',
      'First Name,E-mail,Surname,Notes\r\nJane,jane@example.com,Doe,vip\r\nAda,ada@new.example,Lovelace,\r\nBob,not-an-email,,\r\n',
    );
    await user.upload(screen.getByLabelText('Choose CSV file'), file);

    expect(
      await screen.findByRole('checkbox', { name: 'Ignore first row (it holds column headers)' }),
    ).toBeChecked();
    const mapping = screen.getByRole('table', { name: 'Column mapping' });
    const select = (column: number, header: string) =>
      within(mapping).getByRole('combobox', { name: `Map column ${column} (${header})` });
    expect(select(1, 'First Name')).toHaveDisplayValue('First Name (required)');
    expect(select(2, 'E-mail')).toHaveDisplayValue('Email (required)');
    expect(select(3, 'Surname')).toHaveDisplayValue('Last Name');
    expect(select(4, 'Notes')).toHaveDisplayValue('Do Not Map Column');
    await expectNoAxeViolations();

    const importButton = screen.getByRole('button', { name: 'Import' });
    await user.selectOptions(select(2, 'E-mail'), 'Do Not Map Column');
    expect(importButton).toBeDisabled();
    expect(importButton).toHaveAccessibleDescription('Map a column to Email to import.');
    await user.selectOptions(select(2, 'E-mail'), 'Email (required)');
    expect(importButton).toBeEnabled();

    await user.click(importButton);
    expect(await screen.findByText('1 created, 1 duplicates, 1 invalid.')).toBeInTheDocument();
    const rows = within(screen.getByRole('region', { name: 'Import results' })).getAllByRole('row');
    expect(rows.slice(1).map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual([
      'Duplicate',
      'Created',
      'Invalid',
    ]);
    expect(rows[3]).toHaveTextContent(/not a valid email address/);
    expect(onImported).toHaveBeenCalledWith(expect.objectContaining({ created: 1 }));
    await expectNoAxeViolations();

    await user.click(screen.getByRole('button', { name: 'Upload another file' }));
    expect(screen.getByLabelText('Choose CSV file')).toHaveFocus();
  });

  it('leaves a file without headers unmapped and refuses files that are not CSV', async () => {
    const { user } = renderWithApi(<CsvUpload campaignId="camp_spring" />);
    await user.upload(
      screen.getByLabelText('Choose CSV file'),
      csv('plain.csv', 'Jane,jane@example.com\nAda,ada@example.com\n'),
    );
    expect(await screen.findByRole('checkbox', { name: /Ignore first row/ })).not.toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Map column 1 (Column 1)' })).toHaveDisplayValue(
      'Do Not Map Column',
    );
    expect(screen.getByRole('button', { name: 'Import' })).toHaveAccessibleDescription(
      'Map a column to First Name and Email to import.',
    );

    const dropzone = screen.getByText('Drag and drop a CSV file here, or')
      .parentElement as HTMLElement;
    fireEvent.drop(dropzone, {
      dataTransfer: { files: [new File(['hello'], 'notes.txt', { type: 'text/plain' })] },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '"notes.txt" is not a CSV file. Choose a .csv or .tsv file (comma, semicolon or tab separated).',
    );
    expect(screen.queryByRole('button', { name: 'Import' })).not.toBeInTheDocument();
  });

  it('shows the server’s error when the import fails', async () => {
    const { user } = renderWithApi(<CsvUpload campaignId="camp_spring" />, {
      api: { failing: { importReferrers: 'internal_error' } },
    });
    await user.upload(
      screen.getByLabelText('Choose CSV file'),
      csv('a.csv', 'First Name,Email\nJane,jane@new.example\n'),
    );
    await user.click(await screen.findByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Import failed: /);
  });

  it('previews and imports semicolon Latin-1 and tab files with the same names', async () => {
    const { user } = renderWithApi(<CsvUpload campaignId="camp_spring" />);
    const latin1 = Uint8Array.from(
      [...'First Name;Email\r\nJosé;jose@latin.example\r\n'].map((c) => c.charCodeAt(0)),
    );
    await user.upload(
      screen.getByLabelText('Choose CSV file'),
      new File([latin1], 'export.csv', { type: 'text/csv' }),
    );
    const mapping = await screen.findByRole('table', { name: 'Column mapping' });
    expect(within(mapping).getByText('José')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('1 created, 0 duplicates, 0 invalid.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Upload another file' }));
    await user.upload(
      screen.getByLabelText('Choose CSV file'),
      new File(['First Name\tEmail\nRenée\trenee@tab.example\n'], 'people.tsv', {
        type: 'text/tab-separated-values',
      }),
    );
    expect(
      within(await screen.findByRole('table', { name: 'Column mapping' })).getByText('Renée'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('1 created, 0 duplicates, 0 invalid.')).toBeInTheDocument();
  });
});
