import { describe, expect, it } from 'vitest';
import {
  createReferrerDraft,
  type ReferrerDraftResult,
  referrerInputSchema,
  SKIP_REASON_CODES,
} from './referrer-draft';

function skipOf(result: ReferrerDraftResult) {
  if (result.ok) throw new Error(`expected a skip, got ${JSON.stringify(result.draft)}`);
  return result.skip;
}

describe('createReferrerDraft', () => {
  it('cleans values and keys the email for identity while storing it as given', () => {
    expect(
      createReferrerDraft({
        firstName: '  Jane\u00A0 Ann ',
        email: '  Jane.Doe@Example.COM ',
        lastName: ' Doe\t',
        company: ' Acme   Inc ',
      }),
    ).toEqual({
      ok: true,
      draft: {
        firstName: 'Jane Ann',
        email: 'Jane.Doe@Example.COM',
        emailKey: 'jane.doe@example.com',
        lastName: 'Doe',
        company: 'Acme Inc',
      },
    });
  });

  it('stores missing or blank optional values as null', () => {
    const result = createReferrerDraft({
      firstName: 'Jane',
      email: 'jane@example.com',
      company: ' ',
    });
    expect(result).toEqual({
      ok: true,
      draft: {
        firstName: 'Jane',
        email: 'jane@example.com',
        emailKey: 'jane@example.com',
        lastName: null,
        company: null,
      },
    });
  });

  it('skips a record without an email', () => {
    for (const email of [undefined, null, '', '   ']) {
      expect(skipOf(createReferrerDraft({ firstName: 'Jane', email }))).toMatchObject({
        code: 'no_email',
        field: 'email',
      });
    }
  });

  it('skips an invalid email and quotes it', () => {
    const skip = skipOf(createReferrerDraft({ firstName: 'Jane', email: 'jane@example' }));
    expect(skip).toMatchObject({ code: 'invalid_email', field: 'email' });
    expect(skip.message).toContain('"jane@example"');
  });

  it('skips a record with no usable first name', () => {
    for (const firstName of [undefined, null, '', ' \t ', '\u200E']) {
      expect(skipOf(createReferrerDraft({ firstName, email: 'jane@example.com' }))).toMatchObject({
        code: 'no_first_name',
        field: 'firstName',
      });
    }
  });

  it('reports the email before the first name when both are wrong', () => {
    expect(skipOf(createReferrerDraft({ firstName: '', email: 'nope' })).code).toBe(
      'invalid_email',
    );
  });

  it('skips values longer than the platform stores, naming the field and the limit', () => {
    const skip = skipOf(
      createReferrerDraft({
        firstName: 'Jane',
        email: 'jane@example.com',
        company: 'x'.repeat(257),
      }),
    );
    expect(skip).toEqual({
      code: 'value_too_long',
      field: 'company',
      message: 'Company is 257 characters; the most allowed is 256.',
    });
    expect(
      createReferrerDraft({
        firstName: 'Jane',
        email: 'jane@example.com',
        company: 'x'.repeat(256),
      }).ok,
    ).toBe(true);
    const longEmail = `${'a'.repeat(501)}@example.com`; // 513 characters
    expect(skipOf(createReferrerDraft({ firstName: 'Jane', email: longEmail }))).toMatchObject({
      code: 'value_too_long',
      field: 'email',
    });
  });

  it('has a stable list of skip codes', () => {
    expect(SKIP_REASON_CODES).toEqual([
      'deleted',
      'no_email',
      'invalid_email',
      'no_first_name',
      'value_too_long',
      'nul_character',
      'duplicate_email',
    ]);
  });
});

describe('referrerInputSchema', () => {
  it('accepts a valid body and keeps it as sent', () => {
    const body = { firstName: ' Jane ', email: 'Jane@Example.com', lastName: null };
    expect(referrerInputSchema.parse(body)).toEqual(body);
  });

  it('rejects the wrong types before the referrer rules run', () => {
    const result = referrerInputSchema.safeParse({ firstName: 1, email: 'jane@example.com' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['firstName']);
  });

  it('reports every field at fault at once, with the skip code as the reason', () => {
    const result = referrerInputSchema.safeParse({
      firstName: '  ',
      email: 'not-an-email',
      company: 'x'.repeat(300),
    });
    expect(result.success).toBe(false);
    expect(
      result.error?.issues.map((issue) => ({
        path: issue.path,
        reason: (issue as { params?: { reason?: string } }).params?.reason,
      })),
    ).toEqual([
      { path: ['email'], reason: 'invalid_email' },
      { path: ['firstName'], reason: 'no_first_name' },
      { path: ['company'], reason: 'value_too_long' },
    ]);
    expect(result.error?.issues[0]?.message).toBe('"not-an-email" is not a valid email address.');
  });

  it('uses the same rules as createReferrerDraft', () => {
    const bodies = [
      { firstName: 'Jane', email: 'jane@example.com' },
      { firstName: '', email: 'jane@example.com' },
      { firstName: 'Jane', email: '' },
      { firstName: 'Jane', email: 'jane@example.com', lastName: 'y'.repeat(257) },
    ];
    for (const body of bodies) {
      expect(referrerInputSchema.safeParse(body).success).toBe(createReferrerDraft(body).ok);
    }
  });
});
