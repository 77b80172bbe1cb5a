/**
 * The shapes of a CSV reading, shared by `readCsv` (which produces them) and
 * the API's preview schema (which carries them to the browser). Plain data:
 * importing it loads no parser.
 */

/** The delimiters a CSV file may use: comma, semicolon (European spreadsheets) or tab (`.tsv`). */
export const CSV_DELIMITERS = [',', ';', '\t'] as const;
/** A delimiter `readCsv` detects: see {@link CSV_DELIMITERS}. */
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** The text encodings `readCsv` detects. */
export const CSV_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
/** A text encoding `readCsv` detects: see {@link CSV_ENCODINGS}. */
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** Why a CSV file cannot be read; each has one message, shared by the server, the mock and the UI. */
export const CSV_PROBLEMS = [
  'not_csv',
  'empty',
  'no_data_rows',
  'unclosed_quote',
  'too_large',
  'too_many_rows',
  'record_too_large',
] as const;
/** Why a CSV file cannot be read: see {@link CSV_PROBLEMS}. */
export type CsvProblem = (typeof CSV_PROBLEMS)[number];

/** One row of a CSV file with the 1-based line of the file it starts on. */
export interface CsvRow {
  line: number;
  values: string[];
}

/** What `readCsv` read: the rows, and how the file was written. */
export interface CsvReading {
  rows: CsvRow[];
  delimiter: CsvDelimiter;
  encoding: CsvEncoding;
}
