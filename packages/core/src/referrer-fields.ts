/** The referral platform fields a Stripe field can be mapped into (Map Fields). */
export const INBOUND_TARGET_IDS = ['firstName', 'email', 'lastName', 'company'] as const;
/** A referrer field id: `firstName`, `email`, `lastName` or `company`. */
export type InboundTarget = (typeof INBOUND_TARGET_IDS)[number];

/** The referral platform values that can be written back to Stripe (Map Return Fields). */
export const RETURN_SOURCE_IDS = [
  'referralLink',
  'referralCode',
  'referralsCount',
  'convertedReferralsCount',
] as const;
/**
 * A return value id: `referralLink`, `referralCode`, `referralsCount` or
 * `convertedReferralsCount`.
 */
export type ReturnSource = (typeof RETURN_SOURCE_IDS)[number];

/** A referrer field that Stripe values flow into. */
export interface InboundTargetDefinition {
  id: InboundTarget;
  label: string;
  /** Required targets must be mapped before the wizard continues. */
  required: boolean;
  /** Longest value the platform stores. */
  maxLength: number;
}

/** A referrer value that flows back to Stripe. */
export interface ReturnSourceDefinition {
  id: ReturnSource;
  label: string;
  /** Required sources must be sent somewhere (not "Do Not Send"). */
  required: boolean;
  /**
   * Longest value the source can produce, for checking Stripe field limits.
   * `null` when it depends on the campaign (the referral link: its base URL).
   */
  maxLength: number | null;
}

/** Inbound targets in display order; First Name and Email are required. */
export const INBOUND_TARGETS: readonly InboundTargetDefinition[] = [
  { id: 'firstName', label: 'First Name', required: true, maxLength: 256 },
  { id: 'email', label: 'Email', required: true, maxLength: 512 },
  { id: 'lastName', label: 'Last Name', required: false, maxLength: 256 },
  { id: 'company', label: 'Company', required: false, maxLength: 256 },
];

/** Length of a referral code (URL-safe characters). */
export const REFERRAL_CODE_LENGTH = 10;

/** Longest count value written back: counts are non-negative integers below 10^15. */
const COUNT_MAX_LENGTH = 15;

/** Return sources in display order; the Referral Link is required. */
export const RETURN_SOURCES: readonly ReturnSourceDefinition[] = [
  { id: 'referralLink', label: 'Referral Link', required: true, maxLength: null },
  { id: 'referralCode', label: 'Referral Code', required: false, maxLength: REFERRAL_CODE_LENGTH },
  { id: 'referralsCount', label: 'Referrals Count', required: false, maxLength: COUNT_MAX_LENGTH },
  {
    id: 'convertedReferralsCount',
    label: 'Converted Referrals Count',
    required: false,
    maxLength: COUNT_MAX_LENGTH,
  },
];

/** Looks up an inbound target's definition. */
export function getInboundTarget(id: InboundTarget): InboundTargetDefinition {
  return INBOUND_TARGETS.find((target) => target.id === id) as InboundTargetDefinition;
}

/** Looks up a return source's definition. */
export function getReturnSource(id: ReturnSource): ReturnSourceDefinition {
  return RETURN_SOURCES.find((source) => source.id === id) as ReturnSourceDefinition;
}

/** The longest referral link a campaign can produce: `linkBaseUrl/<code>`. */
export function referralLinkMaxLength(linkBaseUrl: string): number {
  return linkBaseUrl.replace(/\/+$/, '').length + 1 + REFERRAL_CODE_LENGTH;
}

/** Builds a referrer's link from the campaign's base URL and the referrer's code. */
export function buildReferralLink(linkBaseUrl: string, code: string): string {
  return `${linkBaseUrl.replace(/\/+$/, '')}/${code}`;
}
