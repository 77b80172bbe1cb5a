import { z } from 'zod';
import { isValidEmail, normalizeEmail } from './email';
import { formatName } from './name-versions';
import { getInboundTarget, type InboundTarget } from './referrer-fields';

/** Raw referrer values, from a Stripe record, a CSV row, the manual form or the API. */
export interface ReferrerInput {
  /** Required: white space is collapsed, and a blank value skips the record. */
  firstName?: string | null | undefined;
  /** Required: trimmed and checked. */
  email?: string | null | undefined;
  /** Optional. Default: `null`. */
  lastName?: string | null | undefined;
  /** Optional. Default: `null`. */
  company?: string | null | undefined;
}

/** A referrer ready to be stored: cleaned values plus the email's identity key. */
export interface ReferrerDraft {
  /** White space collapsed to single spaces, never empty. */
  firstName: string;
  /** The email as given (trimmed). */
  email: string;
  /** The email's identity within a campaign: see `normalizeEmail`. */
  emailKey: string;
  /** `null` when missing or blank. */
  lastName: string | null;
  /** `null` when missing or blank. */
  company: string | null;
}

/**
 * Stable codes for a record that cannot become a referrer — the only list:
 * every skip the sync, the CSV import and the API report is one of these.
 * `createReferrerDraft` gives `no_email`, `invalid_email`, `no_first_name`,
 * `value_too_long` and `nul_character` (a value holds U+0000, which neither
 * Stripe nor Postgres stores); `toReferrerDraft` adds `deleted`; the sync adds
 * `duplicate_email` (another customer already has the email). See
 * `describeSkipReason` for each in words with how to fix it.
 */
export const SKIP_REASON_CODES = [
  'deleted',
  'no_email',
  'invalid_email',
  'no_first_name',
  'value_too_long',
  'nul_character',
  'duplicate_email',
] as const;
/** A stable code for a skipped record: see {@link SKIP_REASON_CODES}. */
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

const DRAFT_FIELDS = ['firstName', 'email', 'lastName', 'company'] as const;

/**
 * Cleans raw values and lists everything wrong with them, in the order
 * {@link createReferrerDraft} reports them: the email, then the first name,
 * then any value over its length limit.
 */
function inspectReferrerInput(input: ReferrerInput): {
  draft: ReferrerDraft;
  problems: SkipReason[];
} {
  const withNul = DRAFT_FIELDS.filter((field) => input[field]?.includes('\u0000'));
  if (withNul.length > 0) {
    return {
      draft: { firstName: '', email: '', emailKey: '', lastName: null, company: null },
      problems: withNul.map((field) => ({
        code: 'nul_character',
        field,
        message: `${getInboundTarget(field).label} contains a NUL character (U+0000), which cannot be stored.`,
      })),
    };
  }
  const email = input.email?.trim() ?? '';
  const firstName = clean(input.firstName);
  const draft: ReferrerDraft = {
    firstName: firstName ?? '',
    email,
    emailKey: normalizeEmail(email),
    lastName: clean(input.lastName),
    company: clean(input.company),
  };
  const problems: SkipReason[] = [];
  if (email === '') {
    problems.push({ code: 'no_email', field: 'email', message: 'No email address.' });
  } else if (!isValidEmail(email)) {
    problems.push({
      code: 'invalid_email',
      field: 'email',
      message: `"${email}" is not a valid email address.`,
    });
  }
  if (firstName === null) {
    problems.push({ code: 'no_first_name', field: 'firstName', message: 'No usable first name.' });
  }
  for (const field of DRAFT_FIELDS) {
    if (problems.some((problem) => problem.field === field)) continue;
    const problem = tooLong(field, draft[field]);
    if (problem) problems.push(problem);
  }
  return { draft, problems };
}

/**
 * The one rule for turning raw values into a referrer, shared by the Stripe
 * sync, CSV import, manual add and the API: white space collapsed, First Name
 * and a valid Email required, lengths within the platform's limits. When
 * several things are wrong, the skip names the first: a NUL character
 * (U+0000) in any value, then the email, then the first name, then a value
 * that is too long.
 */
export function createReferrerDraft(input: ReferrerInput): ReferrerDraftResult {
  const { draft, problems } = inspectReferrerInput(input);
  const [problem] = problems;
  return problem ? { ok: false, skip: problem } : { ok: true, draft };
}

/**
 * The form and request schema for one referrer (Add Manually and the API),
 * checked with {@link createReferrerDraft}'s rules so they are the sync's rules.
 * Every field at fault gets its own issue (path `['email']`, `['firstName']` …,
 * `params.reason` the skip code), so a form can show all of them at once.
 */
export const referrerInputSchema = z
  .object({
    firstName: z.string(),
    email: z.string(),
    lastName: z.string().nullish(),
    company: z.string().nullish(),
  })
  .superRefine((input, ctx) => {
    for (const problem of inspectReferrerInput(input).problems) {
      ctx.addIssue({
        code: 'custom',
        path: [problem.field ?? 'email'],
        message: problem.message,
        params: { reason: problem.code },
      });
    }
  });
/** A body accepted by {@link referrerInputSchema}. */
export type ReferrerInputBody = z.infer<typeof referrerInputSchema>;
