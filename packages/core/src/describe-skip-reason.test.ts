import { describe, expect, it } from 'vitest';
import { describeSkipReason, OUTCOME_NOTE_CODES } from './describe-skip-reason';
import { SKIP_REASON_CODES } from './referrer-draft';

describe('describeSkipReason', () => {
  it('gives every skip and note code its own sentence and fix', () => {
    const codes = [...SKIP_REASON_CODES, ...OUTCOME_NOTE_CODES];
    const summaries = codes.map((code) => describeSkipReason(code).summary);
    expect(new Set(summaries).size).toBe(codes.length);
    for (const code of codes) {
      const { summary, fix } = describeSkipReason(code);
      expect(summary).toMatch(/\.$/);
      expect(fix.length).toBeGreaterThan(10);
      expect(summary).not.toContain(`(${code})`);
    }
  });

  it('says how to fix a missing name, and names the other customer of a duplicate email', () => {
    expect(describeSkipReason('no_first_name').fix).toContain(
      'Add a name to this customer in Stripe',
    );
    expect(describeSkipReason('duplicate_email', { duplicateOf: 'cus_42' }).summary).toBe(
      'Another customer (cus_42) already has this email.',
    );
    expect(describeSkipReason('value_too_long', { field: 'company' }).summary).toContain('Company');
  });

  it('treats any other code as a write-back Stripe refused', () => {
    expect(describeSkipReason('email_invalid').summary).toBe(
      'Stripe refused to update this customer (email_invalid).',
    );
  });
});
