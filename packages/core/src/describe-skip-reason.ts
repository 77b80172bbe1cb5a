import { SKIP_REASON_CODES, type SkipReasonCode } from './referrer-draft';
import { getInboundTarget, type InboundTarget } from './referrer-fields';

/**
 * Codes on an outcome that was not skipped but carries a note: `email_changed`
 * (the customer's email changed in Stripe; the referrer keeps its email and link).
 */
export const OUTCOME_NOTE_CODES = ['email_changed'] as const;
/** See {@link OUTCOME_NOTE_CODES}. */
export type OutcomeNoteCode = (typeof OUTCOME_NOTE_CODES)[number];

/** A reason in words: what happened and what to do about it. */
export interface ReasonInWords {
  /** What happened, e.g. "This customer has no name in Stripe." */
  summary: string;
  /** How to fix it, e.g. "Add a name to this customer in Stripe, then run the sync again." */
  fix: string;
}

/** What {@link describeSkipReason} may know about the record. */
export interface SkipReasonContext {
  /** For `duplicate_email`: the Stripe id of the customer that already has the email. Default: unknown. */
  duplicateOf?: string | null | undefined;
  /** The referrer field at fault (`value_too_long`, `nul_character`). Default: unknown. */
  field?: InboundTarget | null | undefined;
}

const AGAIN = 'then run the sync again.';

function fieldLabel(field: InboundTarget | null | undefined, fallback: string): string {
  return field ? getInboundTarget(field).label : fallback;
}

/**
 * A skip reason code (or an outcome's note code, or a failure code Stripe
 * gave) in words, with how to fix it — for the run's outcome list, its CSV
 * download and the wizard's skipped records. Every code in
 * `SKIP_REASON_CODES` and `OUTCOME_NOTE_CODES` has its own sentence; any
 * other code is a write-back Stripe refused.
 *
 * @example
 * describeSkipReason('duplicate_email', { duplicateOf: 'cus_123' });
 * // { summary: 'Another customer (cus_123) already has this email.', fix: 'Give this customer its own email in Stripe, … }
 */
export function describeSkipReason(
  code: SkipReasonCode | OutcomeNoteCode | (string & {}),
  context: SkipReasonContext = {},
): ReasonInWords {
  const known = (SKIP_REASON_CODES as readonly string[]).includes(code)
    ? (code as SkipReasonCode)
    : code === 'email_changed'
      ? 'email_changed'
      : null;
  switch (known) {
    case 'deleted':
      return {
        summary: 'This customer was deleted in Stripe.',
        fix: 'Nothing to do: a deleted customer does not become a referrer (one it already became is kept).',
      };
    case 'no_email':
      return {
        summary: 'This customer has no email in Stripe.',
        fix: `Add an email to this customer in Stripe, ${AGAIN}`,
      };
    case 'invalid_email':
      return {
        summary: "This customer's email is not a valid email address.",
        fix: `Correct the customer's email in Stripe, ${AGAIN}`,
      };
    case 'no_first_name':
      return {
        summary: 'This customer has no name in Stripe.',
        fix: `Add a name to this customer in Stripe, or edit the sync to use the part of the email before @ as First Name, ${AGAIN}`,
      };
    case 'value_too_long':
      return {
        summary: `${fieldLabel(context.field, 'A value')} is longer than a referrer can hold.`,
        fix: `Shorten it in Stripe (or choose a shorter name version), ${AGAIN}`,
      };
    case 'nul_character':
      return {
        summary: `${fieldLabel(context.field, 'A value')} contains a NUL character (U+0000), which cannot be stored.`,
        fix: `Remove the invisible NUL character from the customer's value in Stripe, ${AGAIN}`,
      };
    case 'duplicate_email':
      return {
        summary: context.duplicateOf
          ? `Another customer (${context.duplicateOf}) already has this email.`
          : 'Another customer already has this email.',
        fix: 'Nothing to do if both are the same person (the referrer belongs to the other customer); otherwise give this customer its own email in Stripe, then run the sync again.',
      };
    case 'email_changed':
      return {
        summary:
          "The customer's email changed in Stripe; the referrer keeps its first email and its link.",
        fix: 'Nothing to do: a referrer is identified by its email, so its link stays the same.',
      };
    case null:
      return {
        summary: `Stripe refused to update this customer (${code}).`,
        fix: 'Check the customer in Stripe (the message says what Stripe refused), then run the sync again.',
      };
  }
}
