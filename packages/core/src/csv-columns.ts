import type { CsvColumnTarget } from './api-campaigns';
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
