import Papa from 'papaparse';

/**
 * A CSV file (RFC 4180: comma, CRLF, fields quoted when they hold a comma, a
 * quote or a line break) of `headers` then `rows`, written with papaparse —
 * the library {@link readCsv} reads with, so what it writes reads back as is.
 */
export function writeCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return Papa.unparse(
    { fields: [...headers], data: rows.map((row) => [...row]) },
    { newline: '\r\n' },
  );
}
