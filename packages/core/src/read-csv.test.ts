import { describe, expect, it } from 'vitest';
import { planCsvImport } from './plan-csv-import';
import { previewCsv } from './preview-csv';
import { CsvReadError, readCsv } from './read-csv';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 bytes of Latin-1 text (every character below U+0100). */
const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
const utf16le = (text: string) => {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
    bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return bytes;
};

/** Every dialect a user's spreadsheet writes; each must read as the same rows. */
const DIALECTS: [string, Uint8Array][] = [
  [
    'comma',
    utf8('First Name,Email,Last Name\nJosé,jose@example.com,Núñez\nAnn,ann@example.com,Lee\n'),
  ],
  [
    'semicolon',
    utf8(
      'First Name;Email;Last Name\r\nJosé;jose@example.com;Núñez\r\nAnn;ann@example.com;Lee\r\n',
    ),
  ],
  [
    'tab',
    utf8(
      'First Name\tEmail\tLast Name\nJosé\tjose@example.com\tNúñez\nAnn\tann@example.com\tLee\n',
    ),
  ],
  [
    'BOM',
    utf8(
      '\uFEFFFirst Name,Email,Last Name\nJosé,jose@example.com,Núñez\nAnn,ann@example.com,Lee\n',
    ),
  ],
  [
    'Latin-1',
    latin1(
      'First Name;Email;Last Name\r\nJosé;jose@example.com;Núñez\r\nAnn;ann@example.com;Lee\r\n',
    ),
  ],
  [
    'UTF-16',
    utf16le(
      'First Name\tEmail\tLast Name\r\nJosé\tjose@example.com\tNúñez\r\nAnn\tann@example.com\tLee\r\n',
    ),
  ],
];

describe('readCsv', () => {
  it.each(DIALECTS)('reads a %s file as the same rows', (_name, bytes) => {
    const reading = readCsv(bytes);
    expect(reading.rows).toEqual([
      { line: 1, values: ['First Name', 'Email', 'Last Name'] },
      { line: 2, values: ['José', 'jose@example.com', 'Núñez'] },
      { line: 3, values: ['Ann', 'ann@example.com', 'Lee'] },
    ]);
  });

  it.each(DIALECTS)('previews a %s file as its import reads it', (_name, bytes) => {
    // The preview reads the start of the file; the import reads all of it.
    const preview = previewCsv(bytes.subarray(0, bytes.length - 3), bytes.length);
    const full = readCsv(bytes);
    expect(preview.rows).toEqual(full.rows.slice(0, preview.rows.length));
    expect(preview.rows.length).toBe(2);
    expect(preview.delimiter).toBe(full.delimiter);
    expect(preview.encoding).toBe(full.encoding);
    expect(preview).toMatchObject({
      hasHeaderRow: true,
      columns: ['firstName', 'email', 'lastName'],
      width: 3,
    });
    expect(previewCsv(bytes).rows).toEqual(full.rows);
    const plan = planCsvImport(full.rows, preview.columns, preview.hasHeaderRow);
    expect(plan).toMatchObject([
      { row: 2, kind: 'new', draft: { firstName: 'José', lastName: 'Núñez' } },
      { row: 3, kind: 'new', draft: { firstName: 'Ann', email: 'ann@example.com' } },
    ]);
  });

  it('detects the delimiter and the encoding', () => {
    expect(readCsv(DIALECTS[1]?.[1] as Uint8Array)).toMatchObject({
      delimiter: ';',
      encoding: 'utf-8',
    });
    expect(readCsv(DIALECTS[2]?.[1] as Uint8Array).delimiter).toBe('\t');
    expect(readCsv(DIALECTS[4]?.[1] as Uint8Array).encoding).toBe('windows-1252');
    expect(readCsv(DIALECTS[5]?.[1] as Uint8Array).encoding).toBe('utf-16le');
  });

  it('keeps delimiters, quotes and line breaks inside quoted values, and the line each row starts on', () => {
    const reading = readCsv(
      utf8('Name,Note\n"Doe, Jane","said ""hi""\nthen left"\n\n  \nBob,"x"\n'),
    );
    expect(reading.rows).toEqual([
      { line: 1, values: ['Name', 'Note'] },
      { line: 2, values: ['Doe, Jane', 'said "hi"\nthen left'] },
      { line: 6, values: ['Bob', 'x'] },
    ]);
  });

  it('does not split a character cut at the end of a preview, nor show a row cut short', () => {
    const bytes = utf8('Name,Email\nJosé,jose@example.com\nRenée,renee@example.com\n');
    const cut = bytes.indexOf(0xa9, 40); // inside the "é" of Renée
    const preview = readCsv(bytes.subarray(0, cut), { partial: true, previewRows: 6 });
    expect(preview.encoding).toBe('utf-8');
    expect(preview.rows.map((row) => row.values[0])).toEqual(['Name', 'José']);
  });

  it('stops a preview after previewRows rows', () => {
    const reading = readCsv(utf8('a\nb\nc\nd\n'), { previewRows: 2 });
    expect(reading.rows.map((row) => row.values)).toEqual([['a'], ['b']]);
  });

  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof CsvReadError) return error;
      throw error;
    }
    throw new Error('expected a CsvReadError');
  };

  it('refuses an empty file, a blank one and a header with no rows', () => {
    expect(refusal(() => readCsv(new Uint8Array()))).toMatchObject({
      problem: 'empty',
      code: 'csv_invalid',
    });
    expect(refusal(() => readCsv(utf8('\uFEFF\r\n \n')))).toMatchObject({ problem: 'empty' });
    const header = readCsv(utf8('First Name,Email\n')).rows;
    expect(refusal(() => planCsvImport(header, ['firstName', 'email'], true))).toMatchObject({
      problem: 'no_data_rows',
      code: 'csv_invalid',
    });
  });

  it('refuses more rows than maxRows with the limit in the message', () => {
    const error = refusal(() => readCsv(utf8('a\nb\nc\n'), { maxRows: 2 }));
    expect(error).toMatchObject({ problem: 'too_many_rows', code: 'payload_too_large' });
    expect(error.message).toContain('more than 2 rows');
    expect(readCsv(utf8('a\nb\n'), { maxRows: 2 }).rows).toHaveLength(2);
  });

  it('refuses a row longer than maxRecordBytes with the limit and the line in the message', () => {
    const error = refusal(() =>
      readCsv(utf8(`Name,Email\nAnn,a@example.com\n${'x'.repeat(3000)},b@example.com\n`), {
        maxRecordBytes: 2048,
      }),
    );
    expect(error).toMatchObject({ problem: 'record_too_large', code: 'payload_too_large' });
    expect(error.message).toContain('Line 3');
    expect(error.message).toContain('2 KB');
  });

  it('refuses a row of many fields, or quoted over many lines, past maxRecordBytes', () => {
    const commas = refusal(() =>
      readCsv(utf8(`Name,Email\r${','.repeat(5000)}\rAnn,a@example.com\r`), {
        maxRecordBytes: 2048,
      }),
    );
    expect(commas).toMatchObject({ problem: 'record_too_large' });
    expect(commas.message).toContain('Line 2');
    const quoted = `"${'a\n'.repeat(1500)}",b@example.com\n`;
    const multiline = refusal(() =>
      readCsv(utf8(`Name,Email\n${quoted}`), { maxRecordBytes: 2048 }),
    );
    expect(multiline).toMatchObject({ problem: 'record_too_large' });
    expect(multiline.message).toContain('Line 2');
  });

  it('refuses a quote never closed, with its line', () => {
    const error = refusal(() =>
      readCsv(utf8('Name,Email\n"Ann,a@example.com\nBob,b@example.com\n')),
    );
    expect(error).toMatchObject({ problem: 'unclosed_quote', code: 'csv_invalid' });
    expect(error.message).toContain('Line 2');
  });

  it('refuses a spreadsheet or another binary file as not a CSV', () => {
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    expect(refusal(() => readCsv(xlsx))).toMatchObject({ problem: 'not_csv', code: 'csv_invalid' });
  });
});

describe('planCsvImport', () => {
  it('marks a NUL character as an invalid row, duplicates in the file, and bad rows with core’s reasons', () => {
    const rows = readCsv(
      utf8('Ann,ann@example.com\nA\u0000n,nul@example.com\nBob,ANN@example.com\n,x@example.com\n'),
    ).rows;
    expect(planCsvImport(rows, ['firstName', 'email'], false)).toMatchObject([
      { row: 1, kind: 'new' },
      { row: 2, kind: 'invalid', field: 'firstName', message: expect.stringContaining('NUL') },
      { row: 3, kind: 'duplicate', field: 'email', message: expect.stringContaining('line 1') },
      { row: 4, kind: 'invalid', field: 'firstName' },
    ]);
  });
});
