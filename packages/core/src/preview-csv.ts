import type { CsvColumnTarget } from './api-campaigns';
import { guessCsvColumns, looksLikeCsvHeaderRow } from './csv-columns';
import { type CsvReading, readCsv } from './read-csv';

/** How much of a file the preview reads: 64 KiB. */
export const CSV_PREVIEW_BYTES = 64 * 1024;
/** How many rows the preview shows (a header row included): 6. */
export const CSV_PREVIEW_ROWS = 6;

/** What the mapping step shows of a file before it is imported. */
export interface CsvPreview extends CsvReading {
  /** Columns of the widest previewed row. */
  width: number;
  /** Whether the first row looks like a header row (the "ignore first row" default). */
  hasHeaderRow: boolean;
  /** Each column's guessed referrer field (`skip` when the header says nothing). */
  columns: CsvColumnTarget[];
}

/**
 * The preview of a CSV file: its first {@link CSV_PREVIEW_ROWS} rows read by
 * `readCsv` — the reading the import uses — with the header row and the
 * columns guessed. `bytes` is the start of the file (up to
 * {@link CSV_PREVIEW_BYTES}); `fileSize` says whether it is all of it.
 *
 * @throws {CsvReadError} as `readCsv` does.
 */
export function previewCsv(bytes: Uint8Array, fileSize: number = bytes.length): CsvPreview {
  const reading = readCsv(bytes, {
    previewRows: CSV_PREVIEW_ROWS,
    partial: fileSize > bytes.length,
  });
  const width = Math.max(...reading.rows.map((row) => row.values.length));
  const first = reading.rows[0]?.values ?? [];
  const hasHeaderRow = looksLikeCsvHeaderRow(first);
  const guessed = hasHeaderRow ? guessCsvColumns(first) : [];
  return {
    ...reading,
    width,
    hasHeaderRow,
    columns: Array.from({ length: width }, (_, index) => guessed[index] ?? 'skip'),
  };
}
