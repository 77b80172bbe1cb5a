import { describe, expect, it } from 'vitest';
import { previewNames } from './preview-names';
import type { StripeRecord } from './stripe-object-types';
import { createDefaultSyncConfig, type SyncConfig } from './sync-config';
import { emailLocalPart, resolveFirstName, toReferrerDraft } from './to-referrer-draft';

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

describe('blank names and NUL characters', () => {
  const base = {
    inbound: [
      { source: 'name', target: 'firstName' as const },
      { source: 'email', target: 'email' as const },
    ],
    nameVersion: 'v1' as const,
  };

  it('skips a blank name by default, and uses the email before @ with email_local_part', () => {
    const record = { id: 'cus_1', name: ' \u200B ', email: ' ana.lopez@example.com' };
    const skipped = toReferrerDraft(record, base);
    expect(skipped.ok ? null : skipped.skip.code).toBe('no_first_name');
    const filled = toReferrerDraft(record, { ...base, blankName: 'email_local_part' });
    expect(filled.ok && filled.draft.firstName).toBe('ana.lopez');
    expect(resolveFirstName(record, { ...base, blankName: 'email_local_part' })).toEqual({
      firstName: 'ana.lopez',
      source: 'email',
    });
  });

  it('keeps a real name whatever the blank-name rule', () => {
    const record = { id: 'cus_2', name: 'John Smith', email: 'x@example.com' };
    const result = toReferrerDraft(record, { ...base, blankName: 'email_local_part' });
    expect(result.ok && result.draft.firstName).toBe('John');
  });

  it('still skips a blank name when the email is missing or invalid', () => {
    const config = { ...base, blankName: 'email_local_part' as const };
    const none = toReferrerDraft({ id: 'cus_3', name: '', email: null }, config);
    expect(none.ok ? null : none.skip.code).toBe('no_email');
    const invalid = toReferrerDraft({ id: 'cus_4', name: '', email: '@example.com' }, config);
    expect(invalid.ok ? null : invalid.skip.code).toBe('invalid_email');
  });

  it('skips a record with a NUL character in any mapped field, with its own code', () => {
    const inName = toReferrerDraft(
      { id: 'cus_5', name: 'Jo\u0000hn', email: 'j@example.com' },
      base,
    );
    expect(inName.ok ? null : inName.skip).toMatchObject({
      code: 'nul_character',
      field: 'firstName',
    });
    const inEmail = toReferrerDraft(
      { id: 'cus_6', name: '', email: 'j\u0000@example.com' },
      { ...base, blankName: 'email_local_part' },
    );
    expect(inEmail.ok ? null : inEmail.skip).toMatchObject({
      code: 'nul_character',
      field: 'email',
    });
  });

  it('ignores a NUL character in a field that is not mapped', () => {
    const result = toReferrerDraft(
      { id: 'cus_7', name: 'Ann', email: 'ann@example.com', description: 'a\u0000b' },
      base,
    );
    expect(result.ok).toBe(true);
  });

  it('takes the part before the last @ of an email', () => {
    expect(emailLocalPart(' "a@b"@example.com ')).toBe('"a@b"');
    expect(emailLocalPart('no-at-sign')).toBe('');
    expect(emailLocalPart(null)).toBe('');
  });
});

describe('previewNames', () => {
  const config = {
    inbound: [
      { source: 'metadata.full_name', target: 'firstName' as const },
      { source: 'email', target: 'email' as const },
    ],
    nameVersion: 'v4' as const,
    blankName: 'email_local_part' as const,
  };

  it('shows what the sync stores for each version, from the same rules', () => {
    const records: StripeRecord[] = [
      { id: 'cus_1', email: 'a@x.com', metadata: { full_name: 'John Ronald Smith' } },
      { id: 'cus_2', email: 'bea@x.com', metadata: {} },
      { id: 'cus_3', deleted: true },
      { id: 'cus_4', email: null, metadata: {} },
    ];
    const rows = previewNames(records, config);
    expect(rows.map((row) => row.id)).toEqual(['cus_1', 'cus_2', 'cus_4']);
    expect(rows[0]).toMatchObject({ input: 'John Ronald Smith', fromEmail: false, skip: null });
    expect(rows[0]?.versions).toMatchObject({ v1: 'John', v4: 'John S', v5: 'John Sm' });
    expect(rows[1]).toMatchObject({ input: '', email: 'bea@x.com', fromEmail: true, skip: null });
    expect(rows[1]?.versions.v2).toBe('bea');
    expect(rows[2]?.skip?.code).toBe('no_email');
    for (const [i, record] of records.filter((r) => !r.deleted).entries()) {
      const draft = toReferrerDraft(record, config);
      expect(draft.ok ? draft.draft.firstName : '').toBe(draft.ok ? rows[i]?.versions.v4 : '');
    }
    expect(previewNames(records, config, { limit: 1 })).toHaveLength(1);
  });
});
