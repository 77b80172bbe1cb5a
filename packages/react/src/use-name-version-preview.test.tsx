import type { StripeRecord } from '@referkit/core';
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MOCK_STRIPE_RECORDS } from './mock-api-seed';
import { useStripeSamples } from './stripe-object-hooks';
import { installMockApi, renderWithReferkit } from './test-utils';
import { useNameVersionPreview } from './use-name-version-preview';

describe('useNameVersionPreview', () => {
  it('formats every version of odd real names from the account', async () => {
    const api = installMockApi({ stripe: { status: 'connected' } });
    const { result } = renderWithReferkit(() => {
      const samples = useStripeSamples('customer', { limit: 25 });
      return useNameVersionPreview(samples.data?.records, { limit: 20 });
    }, api);
    await waitFor(() => expect(result.current.rows.length).toBeGreaterThan(0));
    const byId = Object.fromEntries(result.current.rows.map((row) => [row.id, row]));

    expect(byId.cus_MockGrace).toMatchObject({
      id: 'cus_MockGrace',
      input: '  Grace   Brewster\tMurray Hopper ',
      versions: {
        original: 'Grace Brewster Murray Hopper',
        v1: 'Grace',
        v2: 'Grace Brewster',
        v3: 'Grace Brewster Murray',
        v4: 'Grace H',
        v5: 'Grace Ho',
      },
    });
    expect(byId.cus_MockXiaoming?.versions).toMatchObject({ v1: '王小明', v4: '王小明' });
    expect(byId.cus_MockPriya?.versions).toMatchObject({ v1: '👩🏽‍💻', v4: '👩🏽‍💻 P' });
    expect(byId.cus_MockAn?.versions.v5).toBe('Nguyễn An');
    expect(byId.cus_MockAnna?.versions).toMatchObject({ original: 'Anna Karenina', v4: 'Anna K' });
    expect(byId.cus_MockNoName?.versions).toEqual({
      original: '',
      v1: '',
      v2: '',
      v3: '',
      v4: '',
      v5: '',
    });
    // Stripe does not list deleted customers; 16 of the 17 records are left.
    expect(result.current.rows).toHaveLength(16);
    expect(byId.cus_MockDeleted).toBeUndefined();
  });

  it('reads another source field, skips deleted records and honours the limit', () => {
    const records: StripeRecord[] = [
      { id: 'cus_1', deleted: true },
      { id: 'cus_2', name: 'Ignored', metadata: { full_name: 'Mary  Ann Evans' } },
      { id: 'cus_3', metadata: {} },
      { id: 'cus_4', metadata: { full_name: 'Extra' } },
    ];
    const { result } = renderHook(() =>
      useNameVersionPreview(records, { sourceField: 'metadata.full_name', limit: 2 }),
    );
    expect(result.current.rows.map((row) => [row.id, row.input, row.versions.v4])).toEqual([
      ['cus_2', 'Mary  Ann Evans', 'Mary E'],
      ['cus_3', '', ''],
    ]);
  });

  it('applies the blank-name rule of the configuration, as the sync does', () => {
    const records: StripeRecord[] = [
      { id: 'cus_1', object: 'customer', name: '  ', email: 'ana.lopez@example.com' },
      { id: 'cus_2', object: 'customer', name: 'Mary Ann Evans', email: 'mary@example.com' },
    ];
    const inbound = [
      { source: 'name', target: 'firstName' as const },
      { source: 'email', target: 'email' as const },
    ];
    const skip = renderHook(() =>
      useNameVersionPreview(records, { config: { inbound, nameVersion: 'v1', blankName: 'skip' } }),
    ).result.current.rows;
    expect(skip.map((row) => [row.id, row.versions.v1, row.skip?.code ?? null])).toEqual([
      ['cus_1', '', 'no_first_name'],
      ['cus_2', 'Mary', null],
    ]);
    const fromEmail = renderHook(() =>
      useNameVersionPreview(records, {
        config: { inbound, nameVersion: 'v1', blankName: 'email_local_part' },
      }),
    ).result.current.rows;
    expect(fromEmail.map((row) => [row.id, row.versions.v1, row.fromEmail, row.skip])).toEqual([
      ['cus_1', 'ana.lopez', true, null],
      ['cus_2', 'Mary', false, null],
    ]);
  });

  it('gives no rows while samples load, and the same result for the same input', () => {
    const { result, rerender } = renderHook(
      ({ samples }: { samples?: readonly StripeRecord[] }) => useNameVersionPreview(samples),
      { initialProps: {} },
    );
    expect(result.current.rows).toEqual([]);
    rerender({ samples: MOCK_STRIPE_RECORDS });
    const first = result.current;
    expect(first.rows).toHaveLength(5);
    rerender({ samples: MOCK_STRIPE_RECORDS });
    expect(result.current).toBe(first);
  });
});
