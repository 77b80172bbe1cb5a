import {
  type CsvColumnTarget,
  type CsvPreview,
  type CsvProblem,
  type ImportReferrersResponse,
  isCsvFile,
  missingCsvTargets,
} from '@referkit/core';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ReferkitApiError } from './referkit-api-error';
import { useImportReferrers } from './referrer-hooks';
import { useReferkit } from './use-referkit';

/** Options of {@link useCsvImport}. */
export interface UseCsvImportOptions {
  /** Called with the per-row results once a file is imported. Default: none. */
  onImported?: ((result: ImportReferrersResponse) => void) | undefined;
}

/**
 * Why a picked file shows no mapping: core's `CsvProblem` (`not_csv` also for
 * a file whose name or type is not a CSV's), or `read_error` when the file
 * could not be read or sent (`message` then says why, e.g. the server could
 * not be reached). `message` is the English sentence; `fileName` the file's.
 */
export interface CsvFileError {
  problem: CsvProblem | 'read_error';
  message: string;
  fileName: string;
}

/** What {@link useCsvImport} returns: the CSV mapping state and its actions. */
export interface UseCsvImportResult {
  /** The picked file, until it is imported or discarded. */
  file: File | null;
  /** The file's first rows as the import will read them (the server's preview, core's `previewCsv`). */
  preview: CsvPreview | null;
  /** Whether a picked file is being read for its preview. */
  reading: boolean;
  /** Why the last picked file shows no mapping, or `null`. */
  fileError: CsvFileError | null;
  /** Each column's referrer field, or `skip`. */
  columns: CsvColumnTarget[];
  /** Whether the first row is a header row, not imported. */
  ignoreFirstRow: boolean;
  /** The first row when it is a header row. */
  headerRow: string[] | undefined;
  /** The previewed rows that would be imported. */
  dataRows: string[][];
  /** Required fields no column is mapped to (import is blocked until empty). */
  missing: CsvColumnTarget[];
  /** Whether `submit` would import now. */
  canImport: boolean;
  /** Whether a file is being mapped and not imported yet: discarding loses that work. */
  dirty: boolean;
  /** The import's per-row results, once done. */
  result: ImportReferrersResponse | null;
  importing: boolean;
  /** Why the import failed (the API's error), or `null`. */
  importError: ReferkitApiError | null;
  /**
   * Sends a picked or dropped file's start to the server, which reads it as
   * the import will, and proposes a mapping; `undefined` clears.
   */
  choose(file: File | undefined): Promise<void>;
  setColumn(index: number, target: CsvColumnTarget): void;
  setIgnoreFirstRow(ignore: boolean): void;
  /** Imports the whole file with the mapping. */
  submit(): void;
  /** Back to no file (after an import, or to discard the mapping). */
  reset(): void;
}

/**
 * The CSV upload, headless: pick a file, see its first rows as the import
 * reads them, the header row and columns guessed with core's rules, change
 * the mapping, import, and read the results. The preview is the server's
 * (`client.previewCsv`: the file's first 64 KiB read by core's `previewCsv`,
 * the same `readCsv` as the import), so comma, semicolon, tab, BOM and
 * Latin-1 files preview what they import and no CSV parser ships to the
 * browser. `CsvUpload` in `@referkit/ui` renders it; a host can render its own.
 */
export function useCsvImport(
  campaignId: string,
  { onImported }: UseCsvImportOptions = {},
): UseCsvImportResult {
  const { client } = useReferkit();
  const importReferrers = useImportReferrers(campaignId);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [reading, setReading] = useState(false);
  const [fileError, setFileError] = useState<CsvFileError | null>(null);
  const [columns, setColumns] = useState<CsvColumnTarget[]>([]);
  const [ignoreFirstRow, setIgnoreFirstRow] = useState(false);
  const [result, setResult] = useState<ImportReferrersResponse | null>(null);
  const picked = useRef(0);
  const { reset: resetImport, mutate } = importReferrers;

  const clear = useCallback(() => {
    setFile(null);
    setPreview(null);
    setColumns([]);
    setIgnoreFirstRow(false);
  }, []);

  const choose = useCallback(
    async (next: File | undefined) => {
      const pick = ++picked.current;
      setReading(false);
      setResult(null);
      setFileError(null);
      resetImport();
      if (!next) return clear();
      const refuse = (problem: CsvFileError['problem'], message: string) => {
        clear();
        setFileError({ problem, message, fileName: next.name });
      };
      if (!isCsvFile(next)) return refuse('not_csv', `"${next.name}" is not a CSV file.`);
      setReading(true);
      try {
        const answer = await client.previewCsv(campaignId, next);
        if (pick !== picked.current) return;
        if (answer.problem) return refuse(answer.problem.code, answer.problem.message);
        setFile(next);
        setPreview(answer.preview);
        setIgnoreFirstRow(answer.preview.hasHeaderRow);
        setColumns(answer.preview.columns);
      } catch (error) {
        if (pick !== picked.current) return;
        refuse('read_error', error instanceof Error ? error.message : String(error));
      } finally {
        if (pick === picked.current) setReading(false);
      }
    },
    [client, campaignId, clear, resetImport],
  );

  const missing = useMemo(() => missingCsvTargets(columns), [columns]);
  const canImport = file !== null && missing.length === 0 && !importReferrers.isPending;

  const submit = useCallback(() => {
    if (!file || missing.length > 0) return;
    mutate(
      { csv: file, columns, ignoreFirstRow },
      {
        onSuccess: (data) => {
          setResult(data);
          onImported?.(data);
        },
      },
    );
  }, [file, missing, columns, ignoreFirstRow, mutate, onImported]);

  const reset = useCallback(() => {
    picked.current += 1;
    setReading(false);
    clear();
    setResult(null);
    setFileError(null);
    resetImport();
  }, [clear, resetImport]);

  const rows = preview?.rows.map((row) => row.values) ?? [];
  return {
    file,
    preview,
    reading,
    fileError,
    columns,
    ignoreFirstRow,
    headerRow: ignoreFirstRow ? rows[0] : undefined,
    dataRows: rows.slice(ignoreFirstRow ? 1 : 0),
    missing,
    canImport,
    dirty: file !== null && result === null,
    result,
    importing: importReferrers.isPending,
    importError: importReferrers.error,
    choose,
    setColumn: useCallback(
      (index: number, target: CsvColumnTarget) =>
        setColumns((current) => current.map((value, at) => (at === index ? target : value))),
      [],
    ),
    setIgnoreFirstRow,
    submit,
    reset,
  };
}
