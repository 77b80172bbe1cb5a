import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import {
  type CsvColumnTarget,
  createReferrerDraft,
  type ImportReferrersResponse,
  type ImportRowResult,
  type ReferrerInput,
  type ReferrerSource,
} from '@referkit/core';
import { CsvError, parse } from 'csv-parse';
import { ApiError } from './api-error';
import type { Database } from './database';
import {
  type CampaignRef,
  insertReferrers,
  type NewReferrer,
  type ReferrerRow,
} from './referrer-store';

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
  source?: ReferrerSource;
  /** Receives every referrer created, once the import has committed. */
  created?: ReferrerRow[];
}

const BATCH = 500;

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted value is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quote closes a value in the middle of it',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'characters follow a closing quote',
  INVALID_OPENING_QUOTE: 'a quote opens in the middle of a value',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'rows have different numbers of columns',
  CSV_MAX_RECORD_SIZE: 'a row is too long',
};

function describeCsvError(error: CsvError): string {
  const problem = CSV_PROBLEMS[error.code] ?? 'it cannot be read';
  const line = (error as CsvError & { lines?: number }).lines;
  return `The file is not valid CSV: ${problem}${line ? ` (line ${line})` : ''}. Nothing was imported; fix the file and upload it again.`;
}

/**
 * Imports a CSV body into a campaign as it streams in, in one transaction:
 * a file that is not valid CSV (or too big) imports nothing; otherwise every
 * row gets a result — `created`, `duplicate` (already in the campaign or
 * earlier in the file) or `invalid` with the field and why (core's
 * `createReferrerDraft` rules) — and every valid row is kept.
 */
export async function importCsv(
  db: Database,
  campaign: CampaignRef,
  body: ReadableStream<Uint8Array> | null,
  options: CsvImportOptions,
): Promise<ImportReferrersResponse> {
  const response: ImportReferrersResponse = { created: 0, duplicates: 0, invalid: 0, rows: [] };
  if (!body) return response;

  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) {
        callback(
          new ApiError(
            'payload_too_large',
            `The file is larger than ${formatBytes(options.maxBytes)}. Split it into smaller files.`,
          ),
        );
      } else {
        callback(null, chunk);
      }
    },
  });
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  const input = Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>);

  try {
    await db.transaction(async (client) => {
      const seen = new Set<string>();
      let batch: { row: number; referrer: NewReferrer }[] = [];
      let first = true;
      let rows = 0;

      const flush = async () => {
        if (batch.length === 0) return;
        const inserted = await insertReferrers(
          client,
          campaign,
          batch.map((entry) => entry.referrer),
        );
        for (const { row, referrer } of batch) {
          const created = inserted.get(referrer.draft.emailKey);
          response.rows.push(
            created
              ? { row, status: 'created', referrerId: created.id, field: null, message: null }
              : duplicate(row),
          );
          if (created) {
            response.created += 1;
            options.created?.push(created);
          } else response.duplicates += 1;
        }
        batch = [];
      };

      const consume = async (
        source: AsyncIterable<{ record: string[]; info: { lines: number } }>,
      ) => {
        for await (const { record, info } of source) {
          if (first && options.ignoreFirstRow) {
            first = false;
            continue;
          }
          first = false;
          rows += 1;
          if (rows > options.maxRows) {
            throw new ApiError(
              'payload_too_large',
              `The file has more than ${options.maxRows} rows. Split it into smaller files.`,
            );
          }
          const input: ReferrerInput = {};
          options.columns.forEach((target, index) => {
            if (target !== 'skip') input[target] = record[index] ?? null;
          });
          const result = createReferrerDraft(input);
          if (!result.ok) {
            response.invalid += 1;
            response.rows.push({
              row: info.lines,
              status: 'invalid',
              referrerId: null,
              field: result.skip.field,
              message: result.skip.message,
            });
          } else if (seen.has(result.draft.emailKey)) {
            response.duplicates += 1;
            response.rows.push(
              duplicate(info.lines, 'The same email appears earlier in the file.'),
            );
          } else {
            seen.add(result.draft.emailKey);
            batch.push({
              row: info.lines,
              referrer: { draft: result.draft, source: options.source ?? 'upload' },
            });
            if (batch.length >= BATCH) await flush();
          }
        }
      };
      // pipeline() tears every stream down on the first error, wherever it happens.
      await pipeline(input, counter, parser, consume);
      await flush();
    });
  } catch (error) {
    if (error instanceof CsvError) throw new ApiError('csv_invalid', describeCsvError(error));
    throw error;
  }
  response.rows.sort((a, b) => a.row - b.row);
  return response;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.floor(bytes / 1024 / 1024)} MB`
    : `${Math.floor(bytes / 1024)} KB`;
}

function duplicate(
  row: number,
  message = 'This email is already a referrer in the campaign.',
): ImportRowResult {
  return { row, status: 'duplicate', referrerId: null, field: 'email', message };
}
