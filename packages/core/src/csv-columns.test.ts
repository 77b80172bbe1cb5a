import { describe, expect, it } from 'vitest';
import { importReferrersQuerySchema } from './api-campaign-requests';
import {
  CSV_TEMPLATE,
  CSV_TEMPLATE_HEADERS,
  guessCsvColumns,
  missingCsvTargets,
} from './csv-columns';

describe('CSV template', () => {
  it('has the four referrer columns and one example row', () => {
    expect(CSV_TEMPLATE_HEADERS).toEqual(['First Name', 'Email', 'Last Name', 'Company']);
    expect(CSV_TEMPLATE.split('\r\n')).toEqual([
      'First Name,Email,Last Name,Company',
      'Jane,jane@example.com,Doe,Acme Inc',
      '',
    ]);
  });

  it('maps its own headers back to every referrer field', () => {
    expect(guessCsvColumns(CSV_TEMPLATE_HEADERS)).toEqual([
      'firstName',
      'email',
      'lastName',
      'company',
    ]);
  });
});

describe('guessCsvColumns', () => {
  it('recognises headers however they are written', () => {
    expect(guessCsvColumns(['E-mail Address', 'SURNAME', 'given_name', 'Organisation'])).toEqual([
      'email',
      'lastName',
      'firstName',
      'company',
    ]);
    expect(guessCsvColumns(['\uFEFFfirst name', ' Email ', 'family-name', 'Company Name'])).toEqual(
      ['firstName', 'email', 'lastName', 'company'],
    );
  });

  it('maps a lone "Name" or "Full Name" column to First Name', () => {
    expect(guessCsvColumns(['Name', 'Mail'])).toEqual(['firstName', 'email']);
    expect(guessCsvColumns(['Full Name', 'Email'])).toEqual(['firstName', 'email']);
  });

  it('does not map unknown headers or a second claim on a field', () => {
    expect(guessCsvColumns(['Phone', 'Email', 'Work Email', 'Notes', ''])).toEqual([
      'skip',
      'email',
      'skip',
      'skip',
      'skip',
    ]);
    expect(guessCsvColumns(['First Name', 'Name'])).toEqual(['firstName', 'skip']);
  });

  it('gives one target per header, in order', () => {
    expect(guessCsvColumns([])).toEqual([]);
  });

  it('produces a mapping the import endpoint accepts', () => {
    const columns = guessCsvColumns(['Email', 'Phone', 'First Name']);
    expect(importReferrersQuerySchema.parse({ columns: columns.join(',') }).columns).toEqual(
      columns,
    );
  });
});

describe('missingCsvTargets', () => {
  it('names the required fields a mapping leaves out', () => {
    expect(missingCsvTargets(['firstName', 'email'])).toEqual([]);
    expect(missingCsvTargets(['email', 'skip', 'lastName'])).toEqual(['firstName']);
    expect(missingCsvTargets(['skip', 'company'])).toEqual(['firstName', 'email']);
    expect(missingCsvTargets([])).toEqual(['firstName', 'email']);
  });
});
