import { z } from 'zod';
import { csvColumnTargetSchema } from './api-campaigns';
import { CSV_DELIMITERS, CSV_ENCODINGS, CSV_PROBLEMS } from './csv-reading';

/**
 * Query of `POST /campaigns/:campaignId/referrers/import/preview`:
 * `fileSize`, the whole file's size in bytes. The body is the file's start
 * (at most `CSV_PREVIEW_BYTES`); a larger `fileSize` says it is only the
 * start. Default: the body is the whole file.
 */
export const previewCsvQuerySchema = z.object({
  fileSize: z.coerce.number().int().nonnegative().optional(),
});
/** The query of a CSV preview. */
export type PreviewCsvQuery = z.input<typeof previewCsvQuerySchema>;

/** One row of a CSV file with the 1-based line of the file it starts on. */
export const csvRowSchema = z.object({
  line: z.number().int().positive(),
  values: z.array(z.string()),
});

/** What the mapping step shows of a file before it is imported (core's `previewCsv`). */
export const csvPreviewSchema = z.object({
  /** The first rows, as the import will read them. */
  rows: z.array(csvRowSchema),
  delimiter: z.enum(CSV_DELIMITERS),
  encoding: z.enum(CSV_ENCODINGS),
  /** Columns of the widest previewed row. */
  width: z.number().int().nonnegative(),
  /** Whether the first row looks like a header row (the "ignore first row" default). */
  hasHeaderRow: z.boolean(),
  /** Each column's guessed referrer field (`skip` when the header says nothing). */
  columns: z.array(csvColumnTargetSchema),
});
/** What the mapping step shows of a file before it is imported. */
export type CsvPreview = z.infer<typeof csvPreviewSchema>;

/**
 * `POST /campaigns/:campaignId/referrers/import/preview` response: the
 * file's preview, or why it cannot be imported (`problem`, with the message
 * the import would answer). Exactly one of the two is set.
 */
export const previewCsvResponseSchema = z.union([
  z.object({ preview: csvPreviewSchema, problem: z.null() }),
  z.object({
    preview: z.null(),
    problem: z.object({ code: z.enum(CSV_PROBLEMS), message: z.string() }),
  }),
]);
/** A CSV preview response. */
export type PreviewCsvResponse = z.infer<typeof previewCsvResponseSchema>;
