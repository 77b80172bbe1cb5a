import Papa from 'papaparse';
import {
  CSV_DELIMITERS,
  type CsvDelimiter,
  type CsvEncoding,
  type CsvProblem,
  type CsvReading,
  type CsvRow,
} from './csv-reading';

/** Default of {@link ReadCsvOptions.maxRecordBytes}: 64 KiB. */
export const DEFAULT_MAX_CSV_RECORD_BYTES = 64 * 1024;

/** Options of {@link readCsv}. */
export interface ReadCsvOptions {
  /** Most rows read before the file is refused (`too_many_rows`). Default: no limit. */
  maxRows?: number;
  /**
   * Longest row, in characters (≈ bytes for Latin text), before the file is
   * refused (`record_too_large`). Default: {@link DEFAULT_MAX_CSV_RECORD_BYTES}.
   */
  maxRecordBytes?: number;
  /** Stop after this many rows, without error (a preview). Default: read every row. */
  previewRows?: number;
  /**
   * The bytes are only the start of the file (a preview): a character cut at
   * the end is not an encoding error, and a row cut at the end is dropped.
   * Default: `false`.
   */
  partial?: boolean;
}

/**
 * A file {@link readCsv} refuses: `code` is the API error code it is answered
 * with (`csv_invalid` 400, `payload_too_large` 413), `problem` says which
 * refusal it is, and `message` says what to do.
 */
export class CsvReadError extends Error {
  override readonly name = 'CsvReadError';
  readonly code: 'csv_invalid' | 'payload_too_large';
  readonly problem: CsvProblem;
  constructor(problem: CsvProblem, message: string) {
    super(message);
    this.problem = problem;
    this.code =
      problem === 'too_large' || problem === 'too_many_rows' || problem === 'record_too_large'
        ? 'payload_too_large'
        : 'csv_invalid';
  }
}

/** "20 MB", "64 KB": a byte limit as people read it. */
export function formatByteLimit(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.floor(bytes / 1024 / 1024)} MB`
    : `${Math.max(1, Math.floor(bytes / 1024))} KB`;
}

/** The refusal of a file larger than `maxBytes`. */
export function csvTooLarge(maxBytes: number): CsvReadError {
  return new CsvReadError(
    'too_large',
    `The file is larger than ${formatByteLimit(maxBytes)}. Split it into smaller files and import each.`,
  );
}

/** The refusal of a file with more than `maxRows` data rows. */
export function csvTooManyRows(maxRows: number): CsvReadError {
  return new CsvReadError(
    'too_many_rows',
    `The file has more than ${maxRows} rows. Split it into files of at most ${maxRows} rows and import each.`,
  );
}

/** The refusal of a file that is not text (a spreadsheet, a PDF, an image…). */
export function csvNotCsv(): CsvReadError {
  return new CsvReadError(
    'not_csv',
    'The file is not a CSV file: it looks like a spreadsheet or another binary file. Save it as CSV (comma, semicolon or tab separated) and import that.',
  );
}

/** File starts of formats people upload by mistake: ZIP (xlsx, ods), PDF, old Excel (OLE), PNG, JPEG, GIF. */
const BINARY_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x25, 0x50, 0x44, 0x46],
  [0xd0, 0xcf, 0x11, 0xe0],
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

/**
 * Bytes to text: a UTF-16 byte-order mark means UTF-16; otherwise UTF-8 when
 * the bytes are valid UTF-8 (a BOM is dropped), else Windows-1252 (which reads
 * Latin-1 too: "José" stays "José"). `TextDecoder` does this the same way in
 * browsers and Node.
 */
export function decodeCsvBytes(
  bytes: Uint8Array,
  partial = false,
): { text: string; encoding: CsvEncoding } {
  if (BINARY_SIGNATURES.some((signature) => startsWith(bytes, signature))) throw csvNotCsv();
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partial });
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * The first physical line (ended by CR, LF or CRLF) longer than `max`
 * characters, or `null`. A row holds at least its longest line, so this
 * refuses an overlong row before the parser splits it into fields — a
 * megabyte of commas is a million fields, and parsing them first would cost
 * about a second per 20 MB. One pass with `indexOf`: linear in the text.
 */
function firstLongLine(text: string, max: number): number | null {
  let line = 1;
  let start = 0;
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  for (;;) {
    if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf('\n', start);
    if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start);
    const end =
      nextLf === -1
        ? nextCr === -1
          ? text.length
          : nextCr
        : nextCr === -1
          ? nextLf
          : Math.min(nextLf, nextCr);
    if (end - start > max) return line;
    if (end >= text.length) return null;
    start = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    line++;
  }
}

function recordTooLarge(line: number, maxRecordBytes: number): CsvReadError {
  return new CsvReadError(
    'record_too_large',
    `Line ${line} of the file is longer than ${formatByteLimit(maxRecordBytes)}, the most one row may hold. Check that its quotes are closed, or shorten it.`,
  );
}

/**
 * Reads a CSV file — the one reading the browser preview, the server's import
 * and the mock API share: bytes are decoded by {@link decodeCsvBytes}; the
 * delimiter (comma, semicolon or tab) is detected by Papa Parse; quoted values
 * may hold delimiters, quotes (`""`) and line breaks; blank lines are skipped.
 * Each row keeps the line of the file it starts on.
 *
 * @throws {CsvReadError} for a file that is not text, has no rows, has a
 * quote never closed, or breaks `maxRows` / `maxRecordBytes`.
 */
export function readCsv(input: Uint8Array | string, options: ReadCsvOptions = {}): CsvReading {
  const { maxRows = Number.POSITIVE_INFINITY, previewRows, partial = false } = options;
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_CSV_RECORD_BYTES;
  const decoded =
    typeof input === 'string'
      ? { text: input, encoding: 'utf-8' as const }
      : decodeCsvBytes(input, partial);
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;

  const long = firstLongLine(text, maxRecordBytes);
  if (long !== null) throw recordTooLarge(long, maxRecordBytes);

  const rows: CsvRow[] = [];
  let failure: CsvReadError | null = null;
  let cursor = 0;
  let line = 1;
  let cut = false;
  let lastEnd = 0;
  let delimiter: CsvDelimiter = ',';
  const advanceTo = (offset: number) => {
    for (; cursor < offset; cursor++) if (text.charCodeAt(cursor) === 10) line++;
  };

  Papa.parse<string[]>(text, {
    delimitersToGuess: [...CSV_DELIMITERS],
    skipEmptyLines: 'greedy',
    step(step, parser) {
      let start = cursor;
      while (start < text.length && /\s/.test(text.charAt(start))) start++;
      advanceTo(start);
      const end = step.meta.cursor;
      if ((CSV_DELIMITERS as readonly string[]).includes(step.meta.delimiter)) {
        delimiter = step.meta.delimiter as CsvDelimiter;
      }
      if (end - start > maxRecordBytes) {
        failure = recordTooLarge(line, maxRecordBytes);
        parser.abort();
        return;
      }
      if (step.errors.some((error) => error.code === 'MissingQuotes')) {
        if (partial) {
          cut = true;
          parser.abort();
          return;
        }
        failure = new CsvReadError(
          'unclosed_quote',
          `Line ${line} of the file has a quoted value that is never closed. Fix the quotes and import again.`,
        );
        parser.abort();
        return;
      }
      if (rows.length >= maxRows) {
        failure = csvTooManyRows(maxRows);
        parser.abort();
        return;
      }
      rows.push({ line, values: step.data });
      lastEnd = end;
      advanceTo(end);
      if (previewRows !== undefined && rows.length >= previewRows) parser.abort();
    },
  });
  if (failure) throw failure;
  // A row that runs to the end of a partial read may be cut short: it is not shown.
  if (partial && !cut && rows.length > 1 && lastEnd >= text.length) rows.pop();
  if (rows.length === 0) {
    throw new CsvReadError('empty', 'The file is empty: it has no rows to import.');
  }
  return { rows, delimiter, encoding: decoded.encoding };
}
