import { describe, expect, it } from 'vitest';
import { checkMetadataKey } from './metadata-key';
import { STRIPE_LIMITS } from './stripe-limits';

describe('checkMetadataKey', () => {
  it('accepts keys Stripe accepts', () => {
    expect(checkMetadataKey('referral_link')).toBeNull();
    expect(checkMetadataKey('Referral Link (v2)')).toBeNull();
    expect(checkMetadataKey('k'.repeat(STRIPE_LIMITS.metadataKeyMaxLength))).toBeNull();
  });

  it('rejects an empty or blank key', () => {
    expect(checkMetadataKey('')).toBe('metadata_key_empty');
    expect(checkMetadataKey('   ')).toBe('metadata_key_empty');
  });

  it('rejects a key over 40 characters', () => {
    expect(STRIPE_LIMITS.metadataKeyMaxLength).toBe(40);
    expect(checkMetadataKey('k'.repeat(41))).toBe('metadata_key_too_long');
  });

  it('rejects square brackets anywhere in the key', () => {
    expect(checkMetadataKey('links[0]')).toBe('metadata_key_invalid_chars');
    expect(checkMetadataKey('[link')).toBe('metadata_key_invalid_chars');
    expect(checkMetadataKey('link]')).toBe('metadata_key_invalid_chars');
  });
});
