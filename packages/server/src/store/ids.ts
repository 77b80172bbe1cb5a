import { REFERRAL_CODE_LENGTH } from '@referkit/core';
import { customAlphabet } from 'nanoid';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const idBody = customAlphabet(ALPHANUMERIC, 20);

/** A new id with a readable prefix: `cmp_…`, `ref_…`, `syn_…`, `run_…`, `con_…`. */
export function newId(prefix: 'cmp' | 'ref' | 'syn' | 'run' | 'con' | 'key' | 'oas'): string {
  return `${prefix}_${idBody()}`;
}

/**
 * A referral code: `REFERRAL_CODE_LENGTH` URL-safe alphanumeric characters
 * from a CSPRNG (about 59 bits: unguessable, and unique per campaign by a
 * database constraint).
 */
export const newReferralCode: () => string = customAlphabet(ALPHANUMERIC, REFERRAL_CODE_LENGTH);

/** A new API key secret: `refk_` and 40 random characters. */
export const newApiKeySecret = (): string => `refk_${customAlphabet(ALPHANUMERIC, 40)()}`;
