import { describe, expect, it } from 'vitest';
import { previewCsvResponseSchema } from './api-csv-preview';
import { CSV_PREVIEW_ROWS, previewCsvFile } from './preview-csv';

const encode = (text: string) => new TextEncoder().encode(text);

describe('previewCsvFile', () => {
  it('answers a file’s first rows, dialect and guessed columns in the API’s shape', () => {
    const lines = [
      'Email;First Name;Notes',
      ...Array.from({ length: 9 }, (_, i) => `p${i}@example.com;P${i};x`),
    ];
    const answer = previewCsvFile(encode(`${lines.join('\n')}\n`));
    expect(previewCsvResponseSchema.parse(answer)).toEqual(answer);
    expect(answer.problem).toBeNull();
    expect(answer.preview).toMatchObject({
      delimiter: ';',
      encoding: 'utf-8',
      hasHeaderRow: true,
      width: 3,
      columns: ['email', 'firstName', 'skip'],
    });
    expect(answer.preview?.rows).toHaveLength(CSV_PREVIEW_ROWS);
    expect(answer.preview?.rows[1]).toEqual({ line: 2, values: ['p0@example.com', 'P0', 'x'] });
  });

  it('drops a row cut at the end of a file’s start, and keeps it when the bytes are the whole file', () => {
    const bytes = encode('First Name,Email\nAnn,ann@example.com\nBo,bo@exa');
    expect(previewCsvFile(bytes, { fileSize: bytes.length + 100 }).preview?.rows).toHaveLength(2);
    expect(previewCsvFile(bytes).preview?.rows).toHaveLength(3);
  });

  it('answers the problem the import would refuse the file with, with its message', () => {
    const cases: Array<[Uint8Array, Parameters<typeof previewCsvFile>[1], string, RegExp]> = [
      [encode('a,b\n"open,1\n'), {}, 'unclosed_quote', /Line 2 .* never closed/],
      [encode('\n\n'), {}, 'empty', /no rows/],
      [Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2]), {}, 'not_csv', /not a CSV file/],
      [
        encode('a,b\n1,2\n'),
        { fileSize: 30_000_000, maxBytes: 20 * 1024 * 1024 },
        'too_large',
        /larger than 20 MB/,
      ],
    ];
    for (const [bytes, options, code, message] of cases) {
      const answer = previewCsvFile(bytes, options);
      expect(previewCsvResponseSchema.parse(answer)).toEqual(answer);
      expect(answer.preview).toBeNull();
      expect(answer.problem?.code).toBe(code);
      expect(answer.problem?.message).toMatch(message);
    }
  });
});
