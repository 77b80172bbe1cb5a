import type { CsvPreview, PreviewCsvResponse } from './api-csv-preview';
import { guessCsvColumns, looksLikeCsvHeaderRow } from './csv-columns';
import { CsvReadError, csvTooLarge, readCsv } from './read-csv';

/** How much of a file the preview reads: 64 KiB. */
export const CSV_PREVIEW_BYTES = 64 * 1024;
/** How many rows the preview shows (a header row included): 6. */
export const CSV_PREVIEW_ROWS = 6;

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

/** Options of {@link previewCsvFile}. */
export interface PreviewCsvFileOptions {
  /** The whole file's size in bytes. Default: `bytes.length` (the bytes are the whole file). */
  fileSize?: number | undefined;
  /** The largest file the import accepts, in bytes; a larger `fileSize` is `too_large`. Default: no limit. */
  maxBytes?: number | undefined;
}

/**
 * The answer to a CSV preview request, shared by the server and the mock
 * API: {@link previewCsv} of the file's start, or the problem the import
 * would refuse the file with (a file over `maxBytes`, not text, empty, a
 * quote never closed…) and its message.
 */
export function previewCsvFile(
  bytes: Uint8Array,
  { fileSize = bytes.length, maxBytes = Number.POSITIVE_INFINITY }: PreviewCsvFileOptions = {},
): PreviewCsvResponse {
  try {
    if (fileSize > maxBytes) throw csvTooLarge(maxBytes);
    return { preview: previewCsv(bytes, Math.max(fileSize, bytes.length)), problem: null };
  } catch (error) {
    if (!(error instanceof CsvReadError)) throw error;
    return { preview: null, problem: { code: error.problem, message: error.message } };
  }
}
