import { describe, expect, it } from 'vitest';
import type { SyncOutcome } from './api-syncs';
import { readCsv } from './read-csv';
import { syncOutcomeCsvRow, syncOutcomesCsvHeader, toCsvLines } from './sync-outcomes-csv';

const outcome: SyncOutcome = {
  id: '1',
  runId: 'run_1',
  externalId: 'cus_2',
  outcome: 'skipped',
  reasonCode: 'duplicate_email',
  message: 'Another Stripe customer (cus_1) has the same email, "ana"; see\nabove',
  referrerId: 'ref_1',
  duplicateOf: 'cus_1',
  email: 'ana@example.com',
  name: '=HYPERLINK("x")',
  writtenBack: false,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('sync outcomes CSV', () => {
  it('writes a header and rows that read back as they were, formulas defused', () => {
    const text = syncOutcomesCsvHeader() + toCsvLines([syncOutcomeCsvRow(outcome)]);
    expect(text.startsWith('\uFEFFStripe ID,Email,Name,Outcome,')).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
    const rows = readCsv(text).rows.map((row) => row.values);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.slice(0, 5)).toEqual([
      'cus_2',
      'ana@example.com',
      `'=HYPERLINK("x")`,
      'skipped',
      'duplicate_email',
    ]);
    expect(rows[1]?.[5]).toContain('cus_1');
    expect(rows[1]?.[7]).toBe(outcome.message);
    expect(toCsvLines([])).toBe('');
  });
});
