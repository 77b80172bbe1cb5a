import {
  API_ERROR_MESSAGES,
  CSV_DUPLICATE_IN_CAMPAIGN_MESSAGE,
  CSV_MEDIA_TYPES,
  CSV_PREVIEW_BYTES,
  type CsvColumnTarget,
  CsvReadError,
  type CsvRowPlan,
  csvColumnsProblem,
  csvMediaTypeMessage,
  csvTooLarge,
  formatByteLimit,
  type ImportReferrersResponse,
  type ImportRowResult,
  type PreviewCsvResponse,
  planCsvFile,
  previewCsvFile,
} from '@referkit/core';
import { MockApiError } from './mock-api-error';
import type { MockState } from './mock-api-state';

/** The mock's CSV limits: the server's options of the same names. */
export interface MockCsvLimits {
  maxCsvBytes: number;
  maxCsvRows: number;
  maxCsvRecordBytes?: number | undefined;
}

/** Refuses a body that is not sent as CSV, as the server does (415). */
function requireCsvMediaType(request: Request): void {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (!type || !CSV_MEDIA_TYPES.includes(type)) {
    throw new MockApiError('unsupported_media_type', csvMediaTypeMessage(type ?? ''));
  }
}

/**
 * Previews a CSV file's start as the server does: core's `previewCsvFile`
 * over at most `CSV_PREVIEW_BYTES` (more is refused with 413), with the
 * mock's file-size limit.
 */
export async function previewCsvUpload(
  request: Request,
  query: { fileSize?: number | undefined },
  limits: MockCsvLimits,
): Promise<PreviewCsvResponse> {
  requireCsvMediaType(request);
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > CSV_PREVIEW_BYTES) {
    throw new MockApiError(
      'payload_too_large',
      API_ERROR_MESSAGES.csvPreviewTooLarge(formatByteLimit(CSV_PREVIEW_BYTES)),
    );
  }
  return previewCsvFile(bytes, { fileSize: query.fileSize, maxBytes: limits.maxCsvBytes });
}

function toMockError(error: CsvReadError): MockApiError {
  return new MockApiError(error.code, error.message);
}

/**
 * Imports a CSV upload into a campaign as the server does: the same media
 * types, core's `readCsv` over the raw bytes (so every dialect and encoding
 * reads the same), core's `planCsvImport` for each row, the same limits and
 * the same error codes and messages; duplicates (already in the campaign or
 * earlier in the file) are reported, never imported twice.
 */
export async function importCsv(
  state: MockState,
  campaignId: string,
  request: Request,
  query: { columns: CsvColumnTarget[]; ignoreFirstRow: boolean },
  limits: MockCsvLimits,
): Promise<ImportReferrersResponse> {
  requireCsvMediaType(request);
  const problem = csvColumnsProblem(query.columns);
  if (problem) {
    throw new MockApiError('invalid_request', problem, { fields: { columns: problem } });
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  let plan: CsvRowPlan[];
  try {
    if (bytes.byteLength > limits.maxCsvBytes) throw csvTooLarge(limits.maxCsvBytes);
    plan = planCsvFile(bytes, {
      columns: query.columns,
      ignoreFirstRow: query.ignoreFirstRow,
      maxRows: limits.maxCsvRows,
      maxRecordBytes: limits.maxCsvRecordBytes,
    });
  } catch (error) {
    if (error instanceof CsvReadError) throw toMockError(error);
    throw error;
  }

  const results: ImportRowResult[] = plan.map((entry) => {
    if (entry.kind !== 'new') {
      return {
        row: entry.row,
        status: entry.kind,
        referrerId: null,
        field: entry.field,
        message: entry.message,
      };
    }
    if (state.findByEmail(campaignId, entry.draft.email)) {
      return {
        row: entry.row,
        status: 'duplicate',
        referrerId: null,
        field: 'email',
        message: CSV_DUPLICATE_IN_CAMPAIGN_MESSAGE,
      };
    }
    const { firstName, email, lastName, company } = entry.draft;
    const referrer = state.addDraft(campaignId, { firstName, email, lastName, company }, 'upload');
    return {
      row: entry.row,
      status: 'created',
      referrerId: referrer.id,
      field: null,
      message: null,
    };
  });
  const count = (status: ImportRowResult['status']) =>
    results.filter((r) => r.status === status).length;
  return {
    created: count('created'),
    duplicates: count('duplicate'),
    invalid: count('invalid'),
    rows: results,
  };
}
