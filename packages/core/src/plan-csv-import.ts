import type { CsvColumnTarget } from './api-campaigns';
import { missingCsvTargets } from './csv-columns';
import type { CsvRow } from './csv-reading';
import { CsvReadError, readCsv } from './read-csv';
import { createReferrerDraft, type ReferrerDraft, type ReferrerInput } from './referrer-draft';
import { getInboundTarget, INBOUND_TARGET_IDS } from './referrer-fields';

/** What one CSV row becomes, before the campaign's existing referrers are looked at. */
export type CsvRowPlan =
  | { row: number; kind: 'new'; draft: ReferrerDraft }
  | { row: number; kind: 'invalid'; field: string | null; message: string }
  | { row: number; kind: 'duplicate'; field: 'email'; message: string };

/** The message of a row whose email is already a referrer of the campaign. */
export const CSV_DUPLICATE_IN_CAMPAIGN_MESSAGE =
  'This email is already a referrer in the campaign.';

/** The message of a row whose email appears earlier in the same file. */
export function csvDuplicateInFileMessage(earlierLine: number): string {
  return `The same email appears earlier in the file (line ${earlierLine}).`;
}

/**
 * What is wrong with a column mapping, or `null`: First Name and Email must
 * each be mapped, and no field from two columns.
 */
export function csvColumnsProblem(columns: readonly CsvColumnTarget[]): string | null {
  const twice = INBOUND_TARGET_IDS.find((t) => columns.filter((c) => c === t).length > 1);
  if (twice) {
    return `${getInboundTarget(twice).label} is mapped from more than one column. Map it from one.`;
  }
  const missing = missingCsvTargets(columns).flatMap((target) =>
    target === 'skip' ? [] : [getInboundTarget(target).label],
  );
  if (missing.length === 0) return null;
  return `Map a column to ${missing.join(' and ')}: ${missing.length > 1 ? 'they are' : 'it is'} required.`;
}

/** A NUL character: Postgres and Stripe refuse it in text. */
const NUL = '\u0000';

/**
 * The rules of a CSV import, shared by the server and the mock API: each
 * data row (the first skipped when it is a header) through core's
 * `createReferrerDraft`; a value holding a NUL character, or an email earlier
 * in the file, makes the row `invalid` / `duplicate`. Rows planned `new` are
 * then created unless the campaign already has the email
 * ({@link CSV_DUPLICATE_IN_CAMPAIGN_MESSAGE}).
 *
 * @throws {CsvReadError} `no_data_rows` when only a header row is left.
 */
export function planCsvImport(
  rows: readonly CsvRow[],
  columns: readonly CsvColumnTarget[],
  ignoreFirstRow: boolean,
): CsvRowPlan[] {
  const data = rows.slice(ignoreFirstRow ? 1 : 0);
  if (data.length === 0) {
    throw new CsvReadError(
      'no_data_rows',
      'The file has a header row but no rows under it: nothing to import.',
    );
  }
  const seen = new Map<string, number>();
  return data.map(({ line, values }): CsvRowPlan => {
    const input: ReferrerInput = {};
    let nulIn: CsvColumnTarget | null = null;
    columns.forEach((target, index) => {
      if (target === 'skip') return;
      const value = values[index] ?? null;
      if (value?.includes(NUL)) nulIn ??= target;
      input[target] = value;
    });
    if (nulIn) {
      return {
        row: line,
        kind: 'invalid',
        field: nulIn,
        message: `${getInboundTarget(nulIn).label} holds a NUL character (\\u0000), which cannot be stored. Remove it from the file.`,
      };
    }
    const result = createReferrerDraft(input);
    if (!result.ok) {
      return { row: line, kind: 'invalid', field: result.skip.field, message: result.skip.message };
    }
    const earlier = seen.get(result.draft.emailKey);
    if (earlier !== undefined) {
      return {
        row: line,
        kind: 'duplicate',
        field: 'email',
        message: csvDuplicateInFileMessage(earlier),
      };
    }
    seen.set(result.draft.emailKey, line);
    return { row: line, kind: 'new', draft: result.draft };
  });
}

/** Options of {@link planCsvFile}. */
export interface PlanCsvFileOptions {
  /** What each column becomes, in column order (`skip` for none). */
  columns: readonly CsvColumnTarget[];
  /** Whether the first row is a header row, not a referrer. */
  ignoreFirstRow: boolean;
  /** The most data rows the import takes; a header row does not count. */
  maxRows: number;
  /** The longest one row may be, in bytes. Default: `DEFAULT_MAX_CSV_RECORD_BYTES`. */
  maxRecordBytes?: number | undefined;
}

/**
 * A whole CSV file read ({@link readCsv}) and planned ({@link planCsvImport}):
 * the server's import and the mock API's, with the same row limit (the
 * header row not counted).
 *
 * @throws {CsvReadError} when the file cannot be read or breaks a limit.
 */
export function planCsvFile(bytes: Uint8Array, options: PlanCsvFileOptions): CsvRowPlan[] {
  const { rows } = readCsv(bytes, {
    maxRows: options.maxRows + (options.ignoreFirstRow ? 1 : 0),
    ...(options.maxRecordBytes ? { maxRecordBytes: options.maxRecordBytes } : {}),
  });
  return planCsvImport(rows, options.columns, options.ignoreFirstRow);
}
