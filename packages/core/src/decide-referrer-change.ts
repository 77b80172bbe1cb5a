import type { OutcomeNoteCode } from './describe-skip-reason';
import type { ReferrerDraft, ReferrerDraftResult, SkipReasonCode } from './referrer-draft';

/** What the rules need to know of a stored referrer. */
export interface ReferrerState {
  /** The email as stored (used in messages). */
  email: string;
  /** The email's identity within the campaign: see `normalizeEmail`. */
  emailKey: string;
  firstName: string;
  lastName: string | null;
  company: string | null;
  /** The Stripe customer the referrer belongs to; `null` for one added by hand or by CSV. */
  externalId: string | null;
}

/** What one Stripe customer meets in a campaign: see {@link decideReferrerChange}. */
export interface ReferrerChangeInput<R extends ReferrerState = ReferrerState> {
  /** The customer's Stripe id. */
  externalId: string;
  /** The customer mapped with core's `toReferrerDraft` (the sync's configuration). */
  result: ReferrerDraftResult;
  /** The referrer linked to this customer (its `externalId`), if any. */
  own: R | null;
  /** The referrer that holds the draft's email in the campaign, if any. */
  byEmail: R | null;
  /**
   * The Stripe customer that holds the draft's email: another customer of the
   * same batch may have claimed it before its referrer exists. Default:
   * `byEmail?.externalId ?? null`.
   */
  emailHolder?: string | null | undefined;
}

/** The values a referrer is given (created, updated or linked). */
export interface ReferrerWrite {
  firstName: string;
  lastName: string | null;
  company: string | null;
  /** The referrer's customer: a referrer already linked keeps its customer. */
  externalId: string;
  /** Whether a referrer's visible values change (its `updatedAt` moves); `false` when it is only linked. */
  touch: boolean;
}

/** What one Stripe customer does to the referrers of a campaign. */
export interface ReferrerChange<R extends ReferrerState = ReferrerState> {
  /** The run's outcome for the customer. */
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped';
  /** Why it was skipped, or a note on a kept referrer (`email_changed`); `null` for none. */
  reasonCode: SkipReasonCode | OutcomeNoteCode | null;
  /** The reason in a sentence; `null` for none. */
  message: string | null;
  /** The existing referrer the outcome is about (`null` when one is created or none is named). */
  referrer: R | null;
  /** The mapped values; `null` when skipped. */
  draft: ReferrerDraft | null;
  /**
   * What to store: the new referrer's values (`created`), or the existing
   * referrer's next values (`updated`, or `unchanged` when it only gets linked
   * to the customer). `null`: nothing to store.
   */
  write: ReferrerWrite | null;
  /** For `duplicate_email`: the customer that already has the email. */
  duplicateOf: string | null;
  /**
   * The email key this customer now holds, so a later customer of the same
   * batch with that email is a duplicate; `null` for a skip.
   */
  claims: string | null;
}

/**
 * Whether a draft changes a referrer's values. A blank Last Name or Company
 * in Stripe keeps the stored value (the sync never clears what a referrer has).
 */
export function referrerDiffers(draft: ReferrerDraft, referrer: ReferrerState): boolean {
  return (
    draft.firstName !== referrer.firstName ||
    (draft.lastName !== null && draft.lastName !== referrer.lastName) ||
    (draft.company !== null && draft.company !== referrer.company)
  );
}

/**
 * The change a draft makes to an existing referrer: `updated` when its values
 * differ ({@link referrerDiffers}), else `unchanged` — with a write when the
 * referrer is not linked to a customer yet (it gets linked, its values kept).
 */
export function applyDraftTo<R extends ReferrerState>(
  referrer: R,
  draft: ReferrerDraft,
  externalId: string,
): Pick<ReferrerChange<R>, 'outcome' | 'write'> {
  const differs = referrerDiffers(draft, referrer);
  const write =
    differs || referrer.externalId === null
      ? {
          firstName: draft.firstName,
          lastName: draft.lastName ?? referrer.lastName,
          company: draft.company ?? referrer.company,
          externalId: referrer.externalId ?? externalId,
          touch: differs,
        }
      : null;
  return { outcome: differs ? 'updated' : 'unchanged', write };
}

/**
 * The sync's rule for one Stripe customer, as plain data in and out — the
 * server's engine (which keeps the SQL, transactions and leases) and the mock
 * API both call it, so they cannot drift:
 * - a customer that cannot become a referrer (deleted, no or invalid email,
 *   no first name, a NUL character, a value too long) is `skipped` with
 *   `toReferrerDraft`'s reason; the referrer it already has is kept and named;
 * - a customer whose email changed in Stripe keeps its referrer (email is a
 *   referrer's identity): its email and link stay, its names follow, noted
 *   `email_changed`;
 * - an email another customer holds is `skipped` as `duplicate_email` (the
 *   referrer stays that customer's);
 * - otherwise the referrer with the email is `updated` or `unchanged` (and
 *   linked to the customer when it was added by hand or by CSV), or one is
 *   `created`.
 *
 * A blank Last Name or Company keeps the stored value.
 */
export function decideReferrerChange<R extends ReferrerState>(
  input: ReferrerChangeInput<R>,
): ReferrerChange<R> {
  const { externalId, result, own, byEmail } = input;
  if (!result.ok) {
    return {
      outcome: 'skipped',
      reasonCode: result.skip.code,
      message: own ? `${result.skip.message} Its referrer is kept.` : result.skip.message,
      referrer: own,
      draft: null,
      write: null,
      duplicateOf: null,
      claims: null,
    };
  }
  const { draft } = result;
  if (own && own.emailKey !== draft.emailKey) {
    return {
      ...applyDraftTo(own, draft, externalId),
      reasonCode: 'email_changed',
      message: `The customer's email changed in Stripe to ${draft.email}; the referrer keeps ${own.email} and its link, as email is a referrer's identity.`,
      referrer: own,
      draft,
      duplicateOf: null,
      claims: own.emailKey,
    };
  }
  const holder =
    input.emailHolder === undefined ? (byEmail?.externalId ?? null) : input.emailHolder;
  if (holder !== null && holder !== externalId) {
    return {
      outcome: 'skipped',
      reasonCode: 'duplicate_email',
      message: `Another Stripe customer (${holder}) has the same email; the referrer belongs to that customer.`,
      referrer: byEmail,
      draft: null,
      write: null,
      duplicateOf: holder,
      claims: null,
    };
  }
  const common = {
    reasonCode: null,
    message: null,
    draft,
    duplicateOf: null,
    claims: draft.emailKey,
  };
  if (!byEmail) {
    return {
      ...common,
      outcome: 'created',
      referrer: null,
      write: {
        firstName: draft.firstName,
        lastName: draft.lastName,
        company: draft.company,
        externalId,
        touch: true,
      },
    };
  }
  return { ...common, ...applyDraftTo(byEmail, draft, externalId), referrer: byEmail };
}
