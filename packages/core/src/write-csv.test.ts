import { describe, expect, it } from 'vitest';
import { readCsv } from './read-csv';
import { writeCsv } from './write-csv';

describe('writeCsv', () => {
  it('quotes what needs quoting, and readCsv reads it back unchanged', () => {
    const rows = [
      ['José', 'a,b@example.com', 'said "hi"'],
      ['Line\nbreak', '', 'plain'],
    ];
    const csv = writeCsv(['Name', 'Email', 'Note'], rows);
    expect(csv.split('\r\n')[0]).toBe('Name,Email,Note');
    expect(csv).toContain('"a,b@example.com"');
    expect(csv).toContain('"said ""hi"""');
    expect(readCsv(csv).rows.map((row) => row.values)).toEqual([
      ['Name', 'Email', 'Note'],
      ...rows,
    ]);
  });
});
