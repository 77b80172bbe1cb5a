import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideReferrerChange,
  type ReferrerChange,
  type ReferrerState,
} from './decide-referrer-change';
import { normalizeEmail } from './email';
import { SKIP_REASON_CODES } from './referrer-draft';
import type { StripeRecord } from './stripe-object-types';
import { createDefaultSyncConfig } from './sync-config';
import { toReferrerDraft } from './to-referrer-draft';

const config = createDefaultSyncConfig();

function customer(id: string, email: string | null, name: string | null): StripeRecord {
  return { id, object: 'customer', email, name };
}

function referrer(change: Partial<ReferrerState> & { email: string }): ReferrerState {
  return {
    emailKey: normalizeEmail(change.email),
    firstName: 'Ana',
    lastName: null,
    company: null,
    externalId: null,
    ...change,
  };
}

function decide(
  record: StripeRecord,
  own: ReferrerState | null,
  byEmail: ReferrerState | null,
  emailHolder?: string | null,
): ReferrerChange {
  return decideReferrerChange({
    externalId: record.id,
    result: toReferrerDraft(record, config),
    own,
    byEmail,
    emailHolder,
  });
}

describe('decideReferrerChange', () => {
  it('creates a referrer for a new customer, linked to it', () => {
    const change = decide(customer('cus_1', 'ana@example.com', 'Ana Lopez'), null, null);
    expect(change).toMatchObject({
      outcome: 'created',
      reasonCode: null,
      referrer: null,
      claims: 'ana@example.com',
      write: { firstName: 'Ana', externalId: 'cus_1', touch: true },
    });
  });

  it('skips with the draft reason and keeps the referrer the customer has', () => {
    const own = referrer({ email: 'ana@example.com', externalId: 'cus_1' });
    const change = decide({ id: 'cus_1', object: 'customer', deleted: true }, own, null);
    expect(change).toMatchObject({ outcome: 'skipped', reasonCode: 'deleted', referrer: own });
    expect(change.message).toMatch(/Its referrer is kept\.$/);
    expect(change.write).toBeNull();
    expect(decide(customer('cus_2', null, 'Bo'), null, null)).toMatchObject({
      outcome: 'skipped',
      reasonCode: 'no_email',
      referrer: null,
    });
    expect(decide(customer('cus_3', 'not-an-email', 'Bo'), null, null).reasonCode).toBe(
      'invalid_email',
    );
    expect(decide(customer('cus_4', 'bo@example.com', '  '), null, null).reasonCode).toBe(
      'no_first_name',
    );
    expect(decide(customer('cus_5', 'bo@example.com', 'B\u0000o'), null, null).reasonCode).toBe(
      'nul_character',
    );
  });

  it('skips an email another customer holds as duplicate_email, naming that customer', () => {
    const held = referrer({ email: 'ana@example.com', externalId: 'cus_1' });
    const change = decide(customer('cus_2', 'ANA@example.com', 'Ana'), null, held);
    expect(change).toMatchObject({
      outcome: 'skipped',
      reasonCode: 'duplicate_email',
      duplicateOf: 'cus_1',
      referrer: held,
      write: null,
    });
    // Claimed earlier in the same batch, before its referrer exists.
    expect(decide(customer('cus_2', 'ana@example.com', 'Ana'), null, null, 'cus_1')).toMatchObject({
      outcome: 'skipped',
      reasonCode: 'duplicate_email',
      duplicateOf: 'cus_1',
      referrer: null,
    });
  });

  it('keeps the referrer of a customer whose email changed, its names following (email_changed)', () => {
    const own = referrer({ email: 'ana@example.com', externalId: 'cus_1', lastName: 'Lopez' });
    const renamed = decide(customer('cus_1', 'ana.new@example.com', 'Anita'), own, null);
    expect(renamed).toMatchObject({
      outcome: 'updated',
      reasonCode: 'email_changed',
      referrer: own,
      claims: 'ana@example.com',
      write: { firstName: 'Anita', lastName: 'Lopez', externalId: 'cus_1', touch: true },
    });
    expect(renamed.message).toContain('ana.new@example.com');
    const same = decide(customer('cus_1', 'ana.new@example.com', 'Ana'), own, null);
    expect(same).toMatchObject({ outcome: 'unchanged', reasonCode: 'email_changed', write: null });
  });

  it('keeps a stored last name or company when Stripe has none', () => {
    const own = referrer({
      email: 'ana@example.com',
      externalId: 'cus_1',
      lastName: 'Lopez',
      company: 'Acme',
    });
    const change = decideReferrerChange({
      externalId: 'cus_1',
      result: {
        ok: true,
        draft: {
          firstName: 'Ana',
          email: 'ana@example.com',
          emailKey: 'ana@example.com',
          lastName: null,
          company: null,
        },
      },
      own,
      byEmail: own,
    });
    expect(change).toMatchObject({ outcome: 'unchanged', write: null });
  });

  it('links a referrer added by hand without counting it as updated', () => {
    const manual = referrer({ email: 'ana@example.com' });
    const change = decide(customer('cus_1', 'ana@example.com', 'Ana'), null, manual);
    expect(change).toMatchObject({
      outcome: 'unchanged',
      referrer: manual,
      write: { externalId: 'cus_1', touch: false },
    });
  });

  it('is settled: storing what it decided and deciding again changes nothing', () => {
    const name = fc.option(fc.constantFrom('Ana', 'Bo Li', ' ', 'ana lopez', 'Zoë'), {
      nil: null,
    });
    const email = fc.option(
      fc.constantFrom('ana@example.com', 'ANA@example.com', 'bo@example.com', 'bad'),
      { nil: null },
    );
    const state = fc.option(
      fc.record({
        email: fc.constantFrom('ana@example.com', 'bo@example.com'),
        firstName: fc.constantFrom('Ana', 'Bo'),
        lastName: fc.option(fc.constant('Lopez'), { nil: null }),
        externalId: fc.option(fc.constantFrom('cus_1', 'cus_2'), { nil: null }),
      }),
      { nil: null },
    );
    fc.assert(
      fc.property(name, email, state, (n, e, stored) => {
        const record = customer('cus_1', e, n);
        const existing = stored ? referrer(stored) : null;
        const own = existing?.externalId === 'cus_1' ? existing : null;
        const byEmail = existing && e && existing.emailKey === normalizeEmail(e) ? existing : null;
        const first = decide(record, own, byEmail);
        if (first.outcome === 'skipped') {
          expect(SKIP_REASON_CODES).toContain(first.reasonCode);
          expect(first.write).toBeNull();
          return;
        }
        // Never takes a referrer that belongs to another customer.
        if (first.referrer) expect([null, 'cus_1']).toContain(first.referrer.externalId);
        const base = first.referrer ?? referrer({ email: first.draft?.email ?? '' });
        const stored2: ReferrerState = first.write
          ? { ...base, ...first.write, externalId: first.write.externalId }
          : base;
        const again = decide(record, stored2, stored2.emailKey === first.claims ? stored2 : null);
        expect(again.outcome).toBe('unchanged');
        expect(again.write).toBeNull();
      }),
    );
  });
});
