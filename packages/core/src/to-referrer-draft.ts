import { formatName } from './name-versions';
import {
  createReferrerDraft,
  type ReferrerDraftResult,
  type ReferrerInput,
} from './referrer-draft';
import { readStripeField, type StripeRecord } from './stripe-object-types';
import type { BlankNameRule, SyncConfig } from './sync-config';

/** The parts of a configuration that turn a record into a referrer. */
export type ReferrerDraftConfig = Pick<SyncConfig, 'inbound' | 'nameVersion'> & {
  /** What to do when the mapped name is blank. Default: `skip`. */
  blankName?: BlankNameRule | undefined;
};

/** Where a record's First Name comes from: see {@link resolveFirstName}. */
export interface ResolvedFirstName {
  /** The First Name the sync stores, before the length check; `""` when there is none. */
  firstName: string;
  /** `name`: the mapped name, formatted with the name version; `email`: the email's part before `@`. */
  source: 'name' | 'email' | null;
}

/**
 * The part of an email before its last `@`, trimmed; `""` when there is none.
 *
 * @example
 * emailLocalPart(' Ana.Lopez@example.com'); // 'Ana.Lopez'
 */
export function emailLocalPart(email: string | null | undefined): string {
  const trimmed = email?.trim() ?? '';
  const at = trimmed.lastIndexOf('@');
  return formatName(at === -1 ? '' : trimmed.slice(0, at), 'original');
}

/** The raw mapped values of a record, each target taken from its first source. */
function mappedInput(record: StripeRecord, config: Pick<SyncConfig, 'inbound'>): ReferrerInput {
  const input: ReferrerInput = {};
  for (const { source, target } of config.inbound) {
    input[target] ??= readStripeField(record, source);
  }
  return input;
}

/**
 * The one First Name rule of the sync and its preview: the mapped name
 * formatted with the name version; when that is blank and the configuration
 * says `email_local_part`, the mapped email's part before `@`; else none.
 */
export function resolveFirstName(
  record: StripeRecord,
  config: ReferrerDraftConfig,
): ResolvedFirstName {
  const input = mappedInput(record, config);
  return firstNameOf(input, config);
}

function firstNameOf(input: ReferrerInput, config: ReferrerDraftConfig): ResolvedFirstName {
  const fromName = input.firstName ? formatName(input.firstName, config.nameVersion) : '';
  if (fromName !== '') return { firstName: fromName, source: 'name' };
  if ((config.blankName ?? 'skip') === 'email_local_part') {
    const fromEmail = input.email?.includes('\u0000') ? '' : emailLocalPart(input.email);
    if (fromEmail !== '') return { firstName: fromEmail, source: 'email' };
  }
  return { firstName: '', source: null };
}

/**
 * Turns a Stripe record into a referrer draft with the configuration's inbound
 * mapping, name version and blank-name rule ({@link resolveFirstName}), or
 * says why it is skipped (deleted customer, a NUL character, no email, invalid
 * email, no usable first name, a value too long). The wizard's live preview
 * (`previewNames`) and the server's sync both call this, so the preview is
 * what the sync does.
 */
export function toReferrerDraft(
  record: StripeRecord,
  config: ReferrerDraftConfig,
): ReferrerDraftResult {
  if (record.deleted) {
    return {
      ok: false,
      skip: { code: 'deleted', field: null, message: 'The customer was deleted in Stripe.' },
    };
  }
  const input = mappedInput(record, config);
  // A NUL character is reported as such, before any formatting could hide it.
  if (!input.firstName?.includes('\u0000')) input.firstName = firstNameOf(input, config).firstName;
  return createReferrerDraft(input);
}
