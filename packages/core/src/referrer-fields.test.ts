import { describe, expect, it } from 'vitest';
import {
  buildReferralLink,
  getInboundTarget,
  getReturnSource,
  INBOUND_TARGET_IDS,
  INBOUND_TARGETS,
  REFERRAL_CODE_LENGTH,
  RETURN_SOURCE_IDS,
  RETURN_SOURCES,
  referralLinkMaxLength,
} from './referrer-fields';

describe('inbound targets', () => {
  it('are First Name and Email (required), then Last Name and Company', () => {
    expect(INBOUND_TARGETS.map(({ id, label, required }) => ({ id, label, required }))).toEqual([
      { id: 'firstName', label: 'First Name', required: true },
      { id: 'email', label: 'Email', required: true },
      { id: 'lastName', label: 'Last Name', required: false },
      { id: 'company', label: 'Company', required: false },
    ]);
    expect(INBOUND_TARGETS.map((t) => t.id)).toEqual([...INBOUND_TARGET_IDS]);
  });

  it('can be looked up by id', () => {
    expect(getInboundTarget('email')).toMatchObject({ label: 'Email', maxLength: 512 });
    expect(getInboundTarget('company').maxLength).toBe(256);
  });
});

describe('return sources', () => {
  it('are Referral Link (required), Referral Code, Referrals Count, Converted Referrals Count', () => {
    expect(RETURN_SOURCES.map(({ id, label, required }) => ({ id, label, required }))).toEqual([
      { id: 'referralLink', label: 'Referral Link', required: true },
      { id: 'referralCode', label: 'Referral Code', required: false },
      { id: 'referralsCount', label: 'Referrals Count', required: false },
      { id: 'convertedReferralsCount', label: 'Converted Referrals Count', required: false },
    ]);
    expect(RETURN_SOURCES.map((s) => s.id)).toEqual([...RETURN_SOURCE_IDS]);
  });

  it('know the longest value they produce, except the campaign-dependent link', () => {
    expect(getReturnSource('referralLink').maxLength).toBeNull();
    expect(getReturnSource('referralCode').maxLength).toBe(REFERRAL_CODE_LENGTH);
    expect(getReturnSource('referralsCount').maxLength).toBe(15);
  });
});

describe('referral links', () => {
  it('join the base URL and the code with exactly one slash', () => {
    expect(buildReferralLink('https://ref.example.com/c/42', 'AbC123xYz0')).toBe(
      'https://ref.example.com/c/42/AbC123xYz0',
    );
    expect(buildReferralLink('https://ref.example.com/c/42//', 'AbC123xYz0')).toBe(
      'https://ref.example.com/c/42/AbC123xYz0',
    );
  });

  it('are never longer than referralLinkMaxLength', () => {
    const base = 'https://ref.example.com/c/42/';
    const link = buildReferralLink(base, 'x'.repeat(REFERRAL_CODE_LENGTH));
    expect(link.length).toBe(referralLinkMaxLength(base));
  });
});
