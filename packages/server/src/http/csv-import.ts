import {
  CSV_DUPLICATE_IN_CAMPAIGN_MESSAGE,
  type CsvColumnTarget,
  CsvReadError,
  type CsvRowPlan,
  csvColumnsProblem,
  csvTooLarge,
  type ImportReferrersResponse,
  type ImportRowResult,
  planCsvFile,
  type ReferrerSource,
} from '@referkit/core';
import { ApiError } from '../api-error';
import type { Database } from '../store/database';
import {
  type CampaignRef,
  insertReferrers,
  type NewReferrer,
  type ReferrerRow,
} from '../store/referrer-store';
import { readBodyBytes } from './read-body-bytes';

/** Limits and mapping of one CSV import. */
export interface CsvImportOptions {
  /** The referrer field of each column, in order (`skip` for "Do Not Map Column"). */
  columns: readonly CsvColumnTarget[];
  /** Whether the first row is a header to skip. */
  ignoreFirstRow: boolean;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Most data rows accepted. */
  maxRows: number;
  /** Longest row accepted, in bytes. Default: core's `DEFAULT_MAX_CSV_RECORD_BYTES` (64 KiB). */
  maxRecordBytes?: number;
  /** Where the referrers come from. Default: `'upload'`. */
  source?: ReferrerSource;
  /** Receives every referrer created, once the import has committed. */
  created?: ReferrerRow[];
}

const BATCH = 500;

/**
 * The raw bytes of an upload, refused (413, with the limit) as soon as they
 * pass `maxBytes` without reading the rest.
 */
function readBytes(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array> {
  return readBodyBytes(body, maxBytes, () => toApiError(csvTooLarge(maxBytes)));
}

function toApiError(error: CsvReadError): ApiError {
  return new ApiError(error.code, error.message);
}

/**
 * Imports a CSV upload into a campaign in one transaction. The bytes are read
 * by core's `readCsv` — the reading the browser preview and the mock API use,
 * so every dialect (comma, semicolon, tab; BOM; UTF-8, UTF-16, Windows-1252)
 * imports what it previewed — and each row goes through core's
 * `planCsvImport`. A file that cannot be read (not text, empty, a quote never
 * closed) answers 400, one over a limit (size, rows, row length) 413 with the
 * limit, and nothing is imported; otherwise every row gets a result —
 * `created`, `duplicate` (already in the campaign or earlier in the file) or
 * `invalid` with the field and why — and every valid row is kept.
 */
export async function importCsv(
  db: Database,
  campaign: CampaignRef,
  body: ReadableStream<Uint8Array> | null,
  options: CsvImportOptions,
): Promise<ImportReferrersResponse> {
  const problem = csvColumnsProblem(options.columns);
  if (problem) throw new ApiError('invalid_request', problem, { fields: { columns: problem } });

  const bytes = await readBytes(body, options.maxBytes);
  let plan: CsvRowPlan[];
  try {
    plan = planCsvFile(bytes, options);
  } catch (error) {
    if (error instanceof CsvReadError) throw toApiError(error);
    throw error;
  }

  const response: ImportReferrersResponse = { created: 0, duplicates: 0, invalid: 0, rows: [] };
  const fresh: { row: number; referrer: NewReferrer }[] = [];
  for (const entry of plan) {
    if (entry.kind === 'new') {
      fresh.push({
        row: entry.row,
        referrer: { draft: entry.draft, source: options.source ?? 'upload' },
      });
    } else {
      response[entry.kind === 'invalid' ? 'invalid' : 'duplicates'] += 1;
      response.rows.push({
        row: entry.row,
        status: entry.kind,
        referrerId: null,
        field: entry.field,
        message: entry.message,
      });
    }
  }

  const created: ReferrerRow[] = [];
  await db.transaction(async (client) => {
    for (let start = 0; start < fresh.length; start += BATCH) {
      const batch = fresh.slice(start, start + BATCH);
      const inserted = await insertReferrers(
        client,
        campaign,
        batch.map((entry) => entry.referrer),
      );
      for (const { row, referrer } of batch) {
        const referrerRow = inserted.get(referrer.draft.emailKey);
        response.rows.push(
          referrerRow
            ? { row, status: 'created', referrerId: referrerRow.id, field: null, message: null }
            : duplicate(row),
        );
        if (referrerRow) {
          response.created += 1;
          created.push(referrerRow);
        } else response.duplicates += 1;
      }
    }
  });
  options.created?.push(...created);
  response.rows.sort((a, b) => a.row - b.row);
  return response;
}

function duplicate(row: number): ImportRowResult {
  return {
    row,
    status: 'duplicate',
    referrerId: null,
    field: 'email',
    message: CSV_DUPLICATE_IN_CAMPAIGN_MESSAGE,
  };
}
