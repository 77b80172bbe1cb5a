import { describe, expect, it } from 'vitest';
import type { StripeRecord } from './stripe-object-types';
import { createDefaultSyncConfig, type ReturnMapping, type SyncConfig } from './sync-config';
import {
  isOwnWriteBack,
  mergeStripeUpdates,
  type ReferrerReturnValues,
  returnFieldPaths,
  returnValueOf,
  toStripeRemoval,
  toStripeUpdate,
} from './to-stripe-update';

const values: ReferrerReturnValues = {
  referralLink: 'https://ref.example.com/c/1/AbC123xYz0',
  referralCode: 'AbC123xYz0',
  referralsCount: 3,
  convertedReferralsCount: 0,
};

const allMapped: ReturnMapping = {
  referralLink: { kind: 'metadata', key: 'referral_link' },
  referralCode: { kind: 'field', field: 'description' },
  referralsCount: { kind: 'metadata', key: 'referrals' },
  convertedReferralsCount: { kind: 'metadata', key: 'converted' },
};

function returnsConfig(returns: ReturnMapping): Pick<SyncConfig, 'returns'> {
  return { returns };
}

const customer: StripeRecord = {
  id: 'cus_1',
  object: 'customer',
  name: 'Jenny Rosen',
  email: 'jenny@example.com',
  description: null,
  metadata: { plan: 'pro' },
};

describe('returnValueOf', () => {
  it('gives strings as they are and counts as decimal strings', () => {
    expect(returnValueOf(values, 'referralLink')).toBe(values.referralLink);
    expect(returnValueOf(values, 'referralsCount')).toBe('3');
    expect(returnValueOf(values, 'convertedReferralsCount')).toBe('0');
  });
});

describe('toStripeUpdate', () => {
  it('writes the default mapping: the link into metadata referral_link only', () => {
    expect(toStripeUpdate(values, customer, createDefaultSyncConfig())).toEqual({
      metadata: { referral_link: values.referralLink },
    });
  });

  it('writes every mapped value, naming only the mapped metadata keys', () => {
    expect(toStripeUpdate(values, customer, returnsConfig(allMapped))).toEqual({
      description: 'AbC123xYz0',
      metadata: { referral_link: values.referralLink, referrals: '3', converted: '0' },
    });
  });

  it('returns null when the record already carries every mapped value', () => {
    const synced: StripeRecord = {
      ...customer,
      description: 'AbC123xYz0',
      metadata: { plan: 'pro', referral_link: values.referralLink, referrals: '3', converted: '0' },
    };
    expect(toStripeUpdate(values, synced, returnsConfig(allMapped))).toBeNull();
  });

  it('updates only what changed', () => {
    const stale: StripeRecord = {
      ...customer,
      description: 'AbC123xYz0',
      metadata: { referral_link: values.referralLink, referrals: '2', converted: '0' },
    };
    expect(toStripeUpdate(values, stale, returnsConfig(allMapped))).toEqual({
      metadata: { referrals: '3' },
    });
  });

  it('writes nothing for Do Not Send', () => {
    const config = returnsConfig({
      referralLink: { kind: 'field', field: 'name' },
      referralCode: { kind: 'none' },
      referralsCount: { kind: 'none' },
      convertedReferralsCount: { kind: 'none' },
    });
    expect(toStripeUpdate(values, customer, config)).toEqual({ name: values.referralLink });
  });

  it('writes to a record that has no metadata yet', () => {
    const bare: StripeRecord = { id: 'cus_2', metadata: null };
    expect(toStripeUpdate(values, bare, createDefaultSyncConfig())).toEqual({
      metadata: { referral_link: values.referralLink },
    });
  });
});

describe('returnFieldPaths', () => {
  it('lists the fields and metadata keys a configuration writes, skipping Do Not Send', () => {
    expect(returnFieldPaths(returnsConfig(allMapped))).toEqual([
      'metadata.referral_link',
      'description',
      'metadata.referrals',
      'metadata.converted',
    ]);
    expect(returnFieldPaths(createDefaultSyncConfig())).toEqual(['metadata.referral_link']);
  });
});

describe('isOwnWriteBack', () => {
  const config = returnsConfig(allMapped);

  it('recognises an update that touched only written-back fields and keys', () => {
    expect(isOwnWriteBack({ metadata: { referral_link: null, referrals: '2' } }, config)).toBe(
      true,
    );
    expect(isOwnWriteBack({ description: null }, config)).toBe(true);
    expect(isOwnWriteBack({ description: 'old', metadata: { converted: '0' } }, config)).toBe(true);
  });

  it('treats any other change as the customer changing', () => {
    expect(isOwnWriteBack({ name: 'Jen Rosen' }, config)).toBe(false);
    expect(isOwnWriteBack({ description: null, email: 'old@example.com' }, config)).toBe(false);
    expect(isOwnWriteBack({ metadata: { referral_link: null, plan: 'free' } }, config)).toBe(false);
  });

  it('is false without previous attributes or with nothing in them', () => {
    expect(isOwnWriteBack(undefined, config)).toBe(false);
    expect(isOwnWriteBack(null, config)).toBe(false);
    expect(isOwnWriteBack({}, config)).toBe(false);
  });

  it('follows the configuration: a key not mapped is not ours', () => {
    expect(isOwnWriteBack({ metadata: { referrals: '2' } }, createDefaultSyncConfig())).toBe(false);
  });

  it('agrees with toStripeUpdate: the update we send is one we recognise', () => {
    const update = toStripeUpdate(values, customer, config);
    const previous = Object.fromEntries(
      Object.entries(update ?? {}).map(([key, value]) =>
        key === 'metadata'
          ? [key, Object.fromEntries(Object.keys(value as object).map((k) => [k, null]))]
          : [key, null],
      ),
    );
    expect(isOwnWriteBack(previous, config)).toBe(true);
  });
});

describe('toStripeRemoval', () => {
  const written = mergeStripeUpdates([
    { metadata: { referral_link: 'https://r.example/a', referrals: '1' } },
    null,
    { description: 'https://r.example/a', metadata: { referrals: '2' } },
  ]);

  it('merges what a sync wrote, newest value last', () => {
    expect(written).toEqual({
      description: 'https://r.example/a',
      metadata: { referral_link: 'https://r.example/a', referrals: '2' },
    });
  });

  it('deletes the metadata keys it wrote and clears a field only while it holds what it wrote', () => {
    const current = {
      id: 'cus_1',
      description: 'https://r.example/a',
      metadata: { referral_link: 'https://r.example/a', plan: 'pro' },
    };
    expect(toStripeRemoval(written, current)).toEqual({
      description: '',
      metadata: { referral_link: '' },
    });
    const edited = { ...current, description: 'VIP customer' };
    expect(toStripeRemoval(written, edited)).toEqual({ metadata: { referral_link: '' } });
  });

  it('removes nothing that is already gone, and every key when the customer was not read', () => {
    expect(toStripeRemoval(written, { id: 'cus_1', metadata: { plan: 'pro' } })).toBeNull();
    expect(toStripeRemoval(written, null)).toEqual({
      metadata: { referral_link: '', referrals: '' },
    });
  });
});
