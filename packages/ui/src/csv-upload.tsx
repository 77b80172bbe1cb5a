import {
  CSV_FILE_ACCEPT,
  CSV_TEMPLATE,
  type CsvColumnTarget,
  type ImportReferrersResponse,
  INBOUND_TARGETS,
} from '@referkit/core';
import { type CsvFileError, useCsvImport } from '@referkit/react';
import { type DragEvent, useEffect, useId, useRef, useState } from 'react';
import { ErrorAlert } from './error-alert';
import { useRootProps } from './referkit-theme';
import { ScrollRegion } from './scroll-region';
import { type HeadingLevel, StepHeader } from './step-header';
import { uploadMessages } from './upload-messages';
import { useMessages } from './use-messages';

/** Props of {@link CsvUpload}. */
export interface CsvUploadProps {
  /** The campaign the rows join. */
  campaignId: string;
  /** Called with the per-row results once a file is imported. */
  onImported?: ((result: ImportReferrersResponse) => void) | undefined;
  /**
   * Called when a file starts or stops being mapped (picked and not imported
   * yet): the Add Referrers modal asks before closing over it. Default: none.
   */
  onDirtyChange?: ((dirty: boolean) => void) | undefined;
  /** Level of the panel's heading. Default: `2`. */
  headingLevel?: HeadingLevel | undefined;
  /** How many result rows to list. Default: `500`. */
  maxResultRows?: number | undefined;
  className?: string | undefined;
}

const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(CSV_TEMPLATE)}`;

/** "A", "A and B", "A, B and C". */
function joinList(items: readonly string[], and: string): string {
  return items.length < 2
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/**
 * Upload: drop a CSV or pick one (a native file input, so it works with the
 * keyboard), download the template, map each column (auto-matched from the
 * headers with core's rules, or "Do Not Map Column"), ignore the header row,
 * import (disabled until First Name and Email are mapped), and see what
 * happened to each row. The state is `useCsvImport` from `@referkit/react`:
 * the server previews the file's start as the import reads it (comma,
 * semicolon or tab; BOM; Latin-1), so it shows what will be imported.
 */
export function CsvUpload({
  campaignId,
  onImported,
  onDirtyChange,
  headingLevel = 2,
  maxResultRows = 500,
  className,
}: CsvUploadProps) {
  const t = useMessages(uploadMessages);
  const root = useRootProps(undefined, 'rk-panel', className);
  const id = useId();
  const SubHeading = `h${Math.min(headingLevel + 1, 6)}` as 'h3';
  const csv = useCsvImport(campaignId, onImported ? { onImported } : {});
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const { preview, columns, missing, result, dirty } = csv;

  const dirtyHandler = useRef(onDirtyChange);
  dirtyHandler.current = onDirtyChange;
  useEffect(() => {
    dirtyHandler.current?.(dirty);
  }, [dirty]);
  useEffect(() => () => dirtyHandler.current?.(false), []);

  const targetLabel = (target: CsvColumnTarget) =>
    target === 'skip' ? t('upload.doNotMap') : t(`field.${target}`);

  const fileErrorText = (error: CsvFileError) =>
    error.problem === 'not_csv'
      ? t('upload.notCsv', { name: error.fileName })
      : error.problem === 'empty'
        ? t('upload.empty', { name: error.fileName })
        : t('upload.readError', { message: error.message });

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void csv.choose(event.dataTransfer.files[0]);
  };

  const startOver = () => {
    csv.reset();
    if (inputRef.current) inputRef.current.value = '';
    inputRef.current?.focus();
  };

  const header = csv.headerRow;
  const dataRows = csv.dataRows;
  const fileError = csv.fileError ? fileErrorText(csv.fileError) : null;

  return (
    <section aria-labelledby={id} {...root} data-slot="csv-upload">
      <StepHeader
        id={id}
        level={headingLevel}
        title={t('upload.title')}
        description={t('upload.description')}
      />
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut; the file input inside is the keyboard way */}
      <div
        className="rk-dropzone"
        data-slot="dropzone"
        data-dragging={dragging || undefined}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="rk-dropzone-text">{t('upload.drop')}</p>
        <input
          ref={inputRef}
          id={`${id}-file`}
          type="file"
          accept={CSV_FILE_ACCEPT}
          className="rk-file-input"
          aria-describedby={fileError ? `${id}-file-error` : undefined}
          onChange={(event) => void csv.choose(event.target.files?.[0])}
        />
        <label htmlFor={`${id}-file`} className="rk-button" data-variant="primary">
          {t('upload.choose')}
        </label>
        <p className="rk-muted" role="status">
          {csv.reading
            ? t('upload.reading')
            : csv.file
              ? t('upload.file', { name: csv.file.name })
              : null}
        </p>
      </div>
      {fileError ? (
        <p id={`${id}-file-error`} className="rk-field-error" role="alert">
          {fileError}
        </p>
      ) : null}
      <p>
        <a className="rk-link" href={TEMPLATE_HREF} download="referrers-template.csv">
          {t('upload.template')}
        </a>
      </p>

      {preview && !result ? (
        <div className="rk-csv-mapping" data-slot="csv-mapping">
          <label className="rk-checkbox-label">
            <input
              type="checkbox"
              className="rk-checkbox"
              checked={csv.ignoreFirstRow}
              onChange={(event) => csv.setIgnoreFirstRow(event.target.checked)}
            />
            {t('upload.ignoreFirstRow')}
          </label>
          <ScrollRegion labelledBy={`${id}-mapping`}>
            <table className="rk-table">
              <caption id={`${id}-mapping`} className="rk-table-caption">
                {t('upload.mapping')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('upload.columnHeader')}</th>
                  <th scope="col">{t('upload.preview')}</th>
                  <th scope="col">{t('mapFields.target')}</th>
                </tr>
              </thead>
              <tbody>
                {columns.map((target, index) => {
                  const name = header?.[index]?.trim() || t('upload.column', { number: index + 1 });
                  const samples = dataRows
                    .map((row) => row[index] ?? '')
                    .filter((value) => value.trim() !== '')
                    .slice(0, 3);
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                    <tr key={index}>
                      <th scope="row" className="rk-cell-label">
                        {name}
                      </th>
                      <td className="rk-cell-samples">{samples.join(', ')}</td>
                      <td>
                        <select
                          className="rk-select"
                          aria-label={t('upload.columnFor', { number: index + 1, sample: name })}
                          value={target}
                          onChange={(event) =>
                            csv.setColumn(index, event.target.value as CsvColumnTarget)
                          }
                        >
                          <option value="skip">{t('upload.doNotMap')}</option>
                          {INBOUND_TARGETS.map((field) => (
                            <option key={field.id} value={field.id}>
                              {field.required
                                ? t('mapFields.requiredOption', { label: targetLabel(field.id) })
                                : targetLabel(field.id)}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
          {missing.length > 0 ? (
            <p id={`${id}-missing`} className="rk-hint" data-variant="warning">
              {t('upload.missing', { fields: joinList(missing.map(targetLabel), t('common.and')) })}
            </p>
          ) : null}
          {csv.importError ? (
            <ErrorAlert>
              <p>{t('upload.importError', { message: csv.importError.message })}</p>
            </ErrorAlert>
          ) : null}
          <div className="rk-actions">
            <button
              type="button"
              className="rk-button"
              data-variant="primary"
              disabled={!csv.canImport}
              aria-describedby={missing.length > 0 ? `${id}-missing` : undefined}
              onClick={csv.submit}
            >
              {csv.importing ? t('upload.importing') : t('upload.import')}
            </button>
          </div>
        </div>
      ) : null}

      <div role="status" className="rk-status">
        {result ? (
          <p className="rk-alert" data-variant="success">
            {t('upload.summary', {
              created: result.created,
              duplicates: result.duplicates,
              invalid: result.invalid,
            })}
          </p>
        ) : null}
      </div>
      {result ? (
        <div className="rk-csv-results" data-slot="csv-results">
          <SubHeading className="rk-subheading" id={`${id}-results`}>
            {t('upload.results')}
          </SubHeading>
          <ScrollRegion labelledBy={`${id}-results`}>
            <table className="rk-table">
              <thead>
                <tr>
                  <th scope="col">{t('upload.row')}</th>
                  <th scope="col">{t('upload.status')}</th>
                  <th scope="col">{t('upload.details')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.slice(0, maxResultRows).map((row) => (
                  <tr key={row.row} data-status={row.status}>
                    <th scope="row">{row.row}</th>
                    <td>
                      <span className="rk-badge" data-variant={row.status}>
                        {t(`upload.status.${row.status}`)}
                      </span>
                    </td>
                    <td>{row.message ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <div className="rk-actions" data-align="start">
            <button type="button" className="rk-button" onClick={startOver}>
              {t('upload.another')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
