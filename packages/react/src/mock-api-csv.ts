import {
  type CsvColumnTarget,
  createReferrerDraft,
  getInboundTarget,
  type ImportReferrersResponse,
  type ImportRowResult,
  INBOUND_TARGET_IDS,
  missingCsvTargets,
  normalizeEmail,
  type ReferrerInput,
} from '@referkit/core';
import Papa from 'papaparse';
import { MockApiError } from './mock-api-error';
import type { MockState } from './mock-api-state';

/** A parsed CSV row with the 1-based line of the file it starts on. */
interface CsvRow {
  line: number;
  values: string[];
}

/** Parses CSV text (delimiter detected, blank lines skipped), keeping each row's line number. */
function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cursor = 0;
  let line = 1;
  const advanceTo = (offset: number) => {
    for (; cursor < offset; cursor++) if (text[cursor] === '\n') line++;
  };
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    step(result) {
      let start = cursor;
      while (start < text.length && /\s/.test(text[start] as string)) start++;
      advanceTo(start);
      const broken = result.errors.find((error) => error.type === 'Quotes');
      if (broken) {
        throw new MockApiError(
          'csv_invalid',
          `Line ${line} of the file has a quoted value that is never closed. Fix the quotes and import again.`,
        );
      }
      rows.push({ line, values: result.data });
      advanceTo(result.meta.cursor);
    },
  });
  return rows;
}

/**
 * Imports CSV text into a campaign as the server does: each row through
 * core's `createReferrerDraft`, duplicates (already in the campaign or
 * earlier in the file) reported, never imported twice.
 */
export function importCsv(
  state: MockState,
  campaignId: string,
  text: string,
  columns: CsvColumnTarget[],
  ignoreFirstRow: boolean,
): ImportReferrersResponse {
  const missing = missingCsvTargets(columns);
  if (missing.length > 0) {
    const message = `Map a column to ${missing.map((t) => getInboundTarget(t as (typeof INBOUND_TARGET_IDS)[number]).label).join(' and ')}: ${missing.length === 1 ? 'it is' : 'they are'} required.`;
    throw new MockApiError('invalid_request', message, { fields: { columns: message } });
  }
  const twice = INBOUND_TARGET_IDS.find((t) => columns.filter((c) => c === t).length > 1);
  if (twice) {
    const message = `${getInboundTarget(twice).label} is mapped from more than one column. Map it from one.`;
    throw new MockApiError('invalid_request', message, { fields: { columns: message } });
  }
  if (text.trim() === '') throw new MockApiError('csv_invalid', 'The file is empty.');

  const rows = parseCsv(text).slice(ignoreFirstRow ? 1 : 0);
  const results: ImportRowResult[] = [];
  const seenInFile = new Map<string, number>();
  for (const { line, values } of rows) {
    const input: ReferrerInput = {};
    columns.forEach((target, index) => {
      if (target !== 'skip') input[target] = values[index] ?? null;
    });
    const draft = createReferrerDraft(input);
    if (!draft.ok) {
      results.push({
        row: line,
        status: 'invalid',
        referrerId: null,
        field: draft.skip.field,
        message: draft.skip.message,
      });
      continue;
    }
    const key = normalizeEmail(draft.draft.email);
    const existing = state.findByEmail(campaignId, draft.draft.email);
    if (existing) {
      const earlier = seenInFile.get(key);
      results.push({
        row: line,
        status: 'duplicate',
        referrerId: existing.id,
        field: 'email',
        message:
          earlier === undefined
            ? `${draft.draft.email} is already a referrer in this campaign.`
            : `${draft.draft.email} is already on line ${earlier}.`,
      });
      continue;
    }
    const referrer = state.addDraft(campaignId, input, 'upload');
    seenInFile.set(key, line);
    results.push({
      row: line,
      status: 'created',
      referrerId: referrer.id,
      field: null,
      message: null,
    });
  }
  const count = (status: ImportRowResult['status']) =>
    results.filter((r) => r.status === status).length;
  return {
    created: count('created'),
    duplicates: count('duplicate'),
    invalid: count('invalid'),
    rows: results,
  };
}
