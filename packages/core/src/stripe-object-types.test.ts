import { describe, expect, it } from 'vitest';
import {
  findStripeField,
  getStripeFields,
  getStripeObjectType,
  METADATA_PATH_PREFIX,
  metadataFieldPath,
  metadataKeyOf,
  readStripeField,
  STRIPE_OBJECT_TYPE_IDS,
  STRIPE_OBJECT_TYPES,
  type StripeRecord,
} from './stripe-object-types';

const customer: StripeRecord = {
  id: 'cus_NffrFeUfNV2Hib',
  object: 'customer',
  name: 'Jenny Rosen',
  email: 'jenny.rosen@example.com',
  description: '',
  phone: null,
  created: 1680893993,
  metadata: { plan: 'pro', referral_link: 'https://ref.example.com/r/AbC123xYz0' },
};

describe('STRIPE_OBJECT_TYPES', () => {
  it('lists Customers first', () => {
    expect(STRIPE_OBJECT_TYPE_IDS[0]).toBe('customer');
    expect(STRIPE_OBJECT_TYPES[0]).toMatchObject({ id: 'customer', label: 'Customers' });
    expect(STRIPE_OBJECT_TYPES.map((t) => t.id)).toEqual([...STRIPE_OBJECT_TYPE_IDS]);
  });

  it('gives customers their standard fields with writability and Stripe limits', () => {
    const fields = getStripeObjectType('customer')?.fields.map(
      ({ path, writable, maxLength, kind }) => ({ path, writable, maxLength, kind }),
    );
    expect(fields).toEqual([
      { path: 'id', writable: false, maxLength: null, kind: 'standard' },
      { path: 'name', writable: true, maxLength: 256, kind: 'standard' },
      { path: 'email', writable: true, maxLength: 512, kind: 'standard' },
      { path: 'description', writable: true, maxLength: 5000, kind: 'standard' },
      { path: 'phone', writable: true, maxLength: 20, kind: 'standard' },
      { path: 'created', writable: false, maxLength: null, kind: 'standard' },
    ]);
  });

  it('does not know other object types', () => {
    expect(getStripeObjectType('invoice')).toBeUndefined();
    expect(getStripeFields('invoice' as 'customer')).toEqual([]);
  });
});

describe('getStripeFields', () => {
  it('gives only the standard fields without samples', () => {
    expect(getStripeFields('customer').map((f) => f.path)).toEqual([
      'id',
      'name',
      'email',
      'description',
      'phone',
      'created',
    ]);
  });

  it('adds every metadata key seen on samples once, sorted, as writable 500-character fields', () => {
    const samples: StripeRecord[] = [
      { id: 'cus_1', metadata: { plan: 'pro', tier: 'gold' } },
      { id: 'cus_2', metadata: null },
      { id: 'cus_3' },
      { id: 'cus_4', metadata: { account_manager: 'Ana', plan: 'free', '': 'x' } },
    ];
    const metadata = getStripeFields('customer', samples).filter((f) => f.kind === 'metadata');
    expect(metadata).toEqual([
      {
        path: 'metadata.account_manager',
        label: 'Metadata: account_manager',
        kind: 'metadata',
        type: 'string',
        writable: true,
        maxLength: 500,
      },
      expect.objectContaining({ path: 'metadata.plan', label: 'Metadata: plan' }),
      expect.objectContaining({ path: 'metadata.tier', label: 'Metadata: tier' }),
    ]);
  });
});

describe('metadata paths', () => {
  it('round-trip between keys and paths', () => {
    expect(METADATA_PATH_PREFIX).toBe('metadata.');
    expect(metadataFieldPath('referral_link')).toBe('metadata.referral_link');
    expect(metadataKeyOf('metadata.referral_link')).toBe('referral_link');
    expect(metadataKeyOf('metadata.a.b')).toBe('a.b');
    expect(metadataKeyOf('name')).toBeNull();
  });
});

describe('findStripeField', () => {
  it('finds standard fields and any non-empty metadata key', () => {
    expect(findStripeField('customer', 'email')?.label).toBe('Email');
    expect(findStripeField('customer', 'metadata.anything')).toMatchObject({
      kind: 'metadata',
      writable: true,
    });
    expect(findStripeField('customer', 'metadata.')).toBeUndefined();
    expect(findStripeField('customer', 'address')).toBeUndefined();
  });
});

describe('readStripeField', () => {
  it('reads standard fields and metadata as strings', () => {
    expect(readStripeField(customer, 'name')).toBe('Jenny Rosen');
    expect(readStripeField(customer, 'id')).toBe('cus_NffrFeUfNV2Hib');
    expect(readStripeField(customer, 'created')).toBe('1680893993');
    expect(readStripeField(customer, 'metadata.plan')).toBe('pro');
  });

  it('gives null for absent, null and empty values', () => {
    expect(readStripeField(customer, 'phone')).toBeNull();
    expect(readStripeField(customer, 'description')).toBeNull();
    expect(readStripeField(customer, 'metadata.missing')).toBeNull();
    expect(readStripeField({ id: 'cus_1' }, 'metadata.plan')).toBeNull();
    expect(readStripeField({ id: 'cus_1', metadata: null }, 'metadata.plan')).toBeNull();
  });

  it('never reads inherited properties or non-scalar values', () => {
    expect(readStripeField(customer, 'metadata.constructor')).toBeNull();
    expect(readStripeField(customer, 'metadata.__proto__')).toBeNull();
    expect(readStripeField(customer, 'toString')).toBeNull();
    const withAddress = { ...customer, address: { city: 'Berlin' } } as StripeRecord;
    expect(readStripeField(withAddress, 'address')).toBeNull();
  });
});
