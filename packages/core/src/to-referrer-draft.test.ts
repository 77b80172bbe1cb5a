import { describe, expect, it } from 'vitest';
import type { StripeRecord } from './stripe-object-types';
import { createDefaultSyncConfig, type SyncConfig } from './sync-config';
import { toReferrerDraft } from './to-referrer-draft';

const jenny: StripeRecord = {
  id: 'cus_NffrFeUfNV2Hib',
  object: 'customer',
  name: '  Jenny\u00A0Ann Rosen ',
  email: ' Jenny.Rosen@Example.com ',
  description: 'Rosen & Co',
  metadata: { surname: 'Rosen' },
};

function configWith(change: Partial<SyncConfig>): SyncConfig {
  return { ...createDefaultSyncConfig(), ...change };
}

describe('toReferrerDraft', () => {
  it('maps a customer with the default mapping and name version (V1)', () => {
    expect(toReferrerDraft(jenny, createDefaultSyncConfig())).toEqual({
      ok: true,
      draft: {
        firstName: 'Jenny',
        email: 'Jenny.Rosen@Example.com',
        emailKey: 'jenny.rosen@example.com',
        lastName: null,
        company: null,
      },
    });
  });

  it('applies the chosen name version to the First Name only', () => {
    const config = configWith({
      nameVersion: 'v4',
      inbound: [
        { source: 'name', target: 'firstName' },
        { source: 'email', target: 'email' },
        { source: 'metadata.surname', target: 'lastName' },
        { source: 'description', target: 'company' },
      ],
    });
    expect(toReferrerDraft(jenny, config)).toMatchObject({
      ok: true,
      draft: { firstName: 'Jenny R', lastName: 'Rosen', company: 'Rosen & Co' },
    });
    expect(toReferrerDraft(jenny, { ...config, nameVersion: 'original' })).toMatchObject({
      draft: { firstName: 'Jenny Ann Rosen' },
    });
  });

  it('skips a deleted customer before looking at its fields', () => {
    const deleted: StripeRecord = { id: 'cus_gone', object: 'customer', deleted: true };
    expect(toReferrerDraft(deleted, createDefaultSyncConfig())).toEqual({
      ok: false,
      skip: { code: 'deleted', field: null, message: 'The customer was deleted in Stripe.' },
    });
  });

  it('skips a customer without an email, or with an invalid one', () => {
    const config = createDefaultSyncConfig();
    expect(toReferrerDraft({ ...jenny, email: null }, config)).toMatchObject({
      ok: false,
      skip: { code: 'no_email', field: 'email' },
    });
    expect(toReferrerDraft({ ...jenny, email: 'jenny at example' }, config)).toMatchObject({
      ok: false,
      skip: { code: 'invalid_email', field: 'email' },
    });
  });

  it('skips a customer whose mapped name is missing or blank', () => {
    const config = createDefaultSyncConfig();
    for (const name of [null, '', ' \u3000 ', '\u200F']) {
      expect(toReferrerDraft({ ...jenny, name }, config)).toMatchObject({
        ok: false,
        skip: { code: 'no_first_name', field: 'firstName' },
      });
    }
  });

  it('reads only mapped fields: an unmapped Last Name stays empty', () => {
    const config = configWith({
      inbound: [
        { source: 'email', target: 'email' },
        { source: 'description', target: 'firstName' },
      ],
    });
    expect(toReferrerDraft(jenny, config)).toMatchObject({
      ok: true,
      draft: { firstName: 'Rosen', lastName: null },
    });
  });
});
