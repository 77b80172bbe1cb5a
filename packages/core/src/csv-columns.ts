import type { CsvColumnTarget } from './api-campaigns';
import { isValidEmail } from './email';
import { INBOUND_TARGETS } from './referrer-fields';

/** Header row of the downloadable CSV template. */
export const CSV_TEMPLATE_HEADERS = ['First Name', 'Email', 'Last Name', 'Company'] as const;

/** The downloadable CSV template: headers and one example row. */
export const CSV_TEMPLATE = `${CSV_TEMPLATE_HEADERS.join(',')}\r\nJane,jane@example.com,Doe,Acme Inc\r\n`;

const ALIASES: Record<string, CsvColumnTarget> = {
  firstname: 'firstName',
  first: 'firstName',
  givenname: 'firstName',
  name: 'firstName',
  fullname: 'firstName',
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  lastname: 'lastName',
  last: 'lastName',
  surname: 'lastName',
  familyname: 'lastName',
  company: 'company',
  companyname: 'company',
  organisation: 'company',
  organization: 'company',
  business: 'company',
};

function squash(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Guesses each CSV column's referrer field from its header ("First Name",
 * "e-mail", "Surname" …); unknown headers and second claims on a field get
 * `skip` ("Do Not Map Column").
 */
export function guessCsvColumns(headers: readonly string[]): CsvColumnTarget[] {
  const taken = new Set<CsvColumnTarget>();
  return headers.map((header) => {
    const squashed = squash(header);
    const target =
      ALIASES[squashed] ?? INBOUND_TARGETS.find((t) => squash(t.label) === squashed)?.id ?? 'skip';
    if (target === 'skip' || taken.has(target)) return 'skip';
    taken.add(target);
    return target;
  });
}

/** Which required fields (First Name, Email) a column mapping leaves unmapped. */
export function missingCsvTargets(columns: readonly CsvColumnTarget[]): CsvColumnTarget[] {
  return INBOUND_TARGETS.filter((t) => t.required && !columns.includes(t.id)).map((t) => t.id);
}

/**
 * Whether a CSV's first row is a header row: it names at least one referrer
 * field and holds no email address.
 */
export function looksLikeCsvHeaderRow(row: readonly string[]): boolean {
  return guessCsvColumns(row).some((target) => target !== 'skip') && !row.some(isValidEmail);
}

/**
 * Media types a CSV upload may be sent as: what browsers and spreadsheets
 * give `.csv`, `.tsv` and `.txt` files, or none in particular.
 */
export const CSV_MEDIA_TYPES: readonly string[] = [
  'text/csv',
  'application/csv',
  'text/tab-separated-values',
  'text/plain',
  'application/vnd.ms-excel',
  'application/octet-stream',
];

/** File name endings of the files a CSV upload accepts. */
export const CSV_FILE_EXTENSIONS: readonly string[] = ['.csv', '.tsv'];

/** The `accept` attribute of a CSV file input. */
export const CSV_FILE_ACCEPT = [
  ...CSV_FILE_EXTENSIONS,
  'text/csv',
  'text/tab-separated-values',
].join(',');

/** Whether a picked file may be a CSV: by its name's ending, or its media type. */
export function isCsvFile(file: { name: string; type: string }): boolean {
  const name = file.name.toLowerCase();
  return (
    CSV_FILE_EXTENSIONS.some((ending) => name.endsWith(ending)) ||
    ['text/csv', 'application/csv', 'text/tab-separated-values'].includes(file.type)
  );
}

/** The refusal of an upload sent with a media type that is not a CSV's. */
export function csvMediaTypeMessage(type: string): string {
  return `Upload the file as text/csv (the raw CSV file as the request body), not ${type || 'no content type'}.`;
}
