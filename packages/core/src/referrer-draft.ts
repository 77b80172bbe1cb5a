import { z } from 'zod';
import { isValidEmail, normalizeEmail } from './email';
import { formatName } from './name-versions';
import { getInboundTarget, type InboundTarget } from './referrer-fields';

/** Raw referrer values, from a Stripe record, a CSV row, the manual form or the API. */
export interface ReferrerInput {
  firstName?: string | null;
  email?: string | null;
  lastName?: string | null;
  company?: string | null;
}

/** A referrer ready to be stored: cleaned values plus the email's identity key. */
export interface ReferrerDraft {
  firstName: string;
  /** The email as given (trimmed). */
  email: string;
  /** The email's identity within a campaign: see `normalizeEmail`. */
  emailKey: string;
  lastName: string | null;
  company: string | null;
}

/** Stable codes for a record that cannot become a referrer. */
export const SKIP_REASON_CODES = [
  'deleted',
  'no_email',
  'invalid_email',
  'no_first_name',
  'value_too_long',
] as const;
export type SkipReasonCode = (typeof SKIP_REASON_CODES)[number];

/** Why a record was skipped: a stable code, the field at fault and a message. */
export interface SkipReason {
  code: SkipReasonCode;
  field: InboundTarget | null;
  message: string;
}

/** Either a draft or the reason there is none. */
export type ReferrerDraftResult =
  | { ok: true; draft: ReferrerDraft }
  | { ok: false; skip: SkipReason };

function clean(value: string | null | undefined): string | null {
  const cleaned = value == null ? '' : formatName(value, 'original');
  return cleaned === '' ? null : cleaned;
}

function tooLong(field: InboundTarget, value: string | null): SkipReason | null {
  const { maxLength, label } = getInboundTarget(field);
  if (value === null || value.length <= maxLength) return null;
  return {
    code: 'value_too_long',
    field,
    message: `${label} is ${value.length} characters; the most allowed is ${maxLength}.`,
  };
}

/**
 * The one rule for turning raw values into a referrer, shared by the Stripe
 * sync, CSV import, manual add and the API: white space collapsed, First Name
 * and a valid Email required, lengths within the platform's limits.
 */
export function createReferrerDraft(input: ReferrerInput): ReferrerDraftResult {
  const email = input.email?.trim() ?? '';
  if (email === '') {
    return { ok: false, skip: { code: 'no_email', field: 'email', message: 'No email address.' } };
  }
  if (!isValidEmail(email)) {
    return {
      ok: false,
      skip: {
        code: 'invalid_email',
        field: 'email',
        message: `"${email}" is not a valid email address.`,
      },
    };
  }
  const firstName = clean(input.firstName);
  if (firstName === null) {
    return {
      ok: false,
      skip: { code: 'no_first_name', field: 'firstName', message: 'No usable first name.' },
    };
  }
  const draft: ReferrerDraft = {
    firstName,
    email,
    emailKey: normalizeEmail(email),
    lastName: clean(input.lastName),
    company: clean(input.company),
  };
  for (const field of ['firstName', 'email', 'lastName', 'company'] as const) {
    const problem = tooLong(field, draft[field]);
    if (problem) return { ok: false, skip: problem };
  }
  return { ok: true, draft };
}

/**
 * The form and request schema for one referrer (Add Manually and the API),
 * checked by {@link createReferrerDraft} so its rules are the sync's rules.
 */
export const referrerInputSchema = z
  .object({
    firstName: z.string(),
    email: z.string(),
    lastName: z.string().nullish(),
    company: z.string().nullish(),
  })
  .superRefine((input, ctx) => {
    const result = createReferrerDraft(input);
    if (!result.ok) {
      ctx.addIssue({
        code: 'custom',
        path: [result.skip.field ?? 'email'],
        message: result.skip.message,
        params: { reason: result.skip.code },
      });
    }
  });
export type ReferrerInputBody = z.infer<typeof referrerInputSchema>;
