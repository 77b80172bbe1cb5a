import Papa from 'papaparse';
import { SYNC_OUTCOMES_CSV_HEADERS, type SyncOutcome } from './api-syncs';
import { describeSkipReason } from './describe-skip-reason';

/**
 * One CSV line of a run's outcome, in `SYNC_OUTCOMES_CSV_HEADERS` order: the
 * reason in words and how to fix it come from `describeSkipReason`.
 */
export function syncOutcomeCsvRow(outcome: SyncOutcome): string[] {
  const reason = outcome.reasonCode
    ? describeSkipReason(outcome.reasonCode, { duplicateOf: outcome.duplicateOf })
    : null;
  return [
    outcome.externalId,
    outcome.email ?? '',
    outcome.name ?? '',
    outcome.outcome,
    outcome.reasonCode ?? '',
    reason?.summary ?? '',
    reason?.fix ?? '',
    outcome.message ?? '',
    outcome.duplicateOf ?? '',
    outcome.referrerId ?? '',
    outcome.writtenBack ? 'yes' : 'no',
    outcome.createdAt,
  ];
}

/**
 * CSV lines (each ending in `\n`, so pages of a download join as they are),
 * comma-separated and quoted where needed; a cell starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return is prefixed with `'` so a spreadsheet
 * never runs it.
 */
export function toCsvLines(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  return `${Papa.unparse(rows as string[][], { escapeFormulae: true, newline: '\n' })}\n`;
}

/** The start of a run's outcomes download: a BOM (so spreadsheets read UTF-8) and the header line. */
export function syncOutcomesCsvHeader(): string {
  return `\uFEFF${toCsvLines([[...SYNC_OUTCOMES_CSV_HEADERS]])}`;
}
