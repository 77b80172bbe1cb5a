import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useSyncWizard } from './use-sync-wizard';

describe('useSyncWizard', () => {
  it('blocks Continue with the reasons until the required targets are mapped', () => {
    const { result } = renderHook(() => useSyncWizard());
    expect(result.current.step).toBe('object_type');
    act(() => {
      expect(result.current.next()).toBe(true);
    });
    expect(result.current.step).toBe('map_fields');

    act(() => result.current.setInboundTarget('email', null));
    expect(result.current.canContinue).toBe(false);
    expect(result.current.blockers).toEqual([
      expect.objectContaining({
        step: 'map_fields',
        code: 'required_target_unmapped',
        message: 'Map a Stripe field to Email: it is required.',
      }),
    ]);
    act(() => {
      expect(result.current.next()).toBe(false);
    });
    expect(result.current.step).toBe('map_fields');

    act(() => result.current.setInboundTarget('email', 'email'));
    expect(result.current.canContinue).toBe(true);
    act(() => {
      result.current.next();
    });
    expect(result.current.step).toBe('map_return_fields');
  });

  it('keeps earlier choices when going back', () => {
    const { result } = renderHook(() => useSyncWizard({ initialStep: 'name_version' }));
    act(() => result.current.setNameVersion('v4'));
    act(() => {
      result.current.back();
    });
    expect(result.current.step).toBe('map_return_fields');
    act(() =>
      result.current.setReturnDestination('referralCode', { kind: 'metadata', key: 'ref_code' }),
    );
    act(() => {
      result.current.back();
      result.current.next();
      result.current.next();
    });
    expect(result.current.step).toBe('name_version');
    expect(result.current.config.nameVersion).toBe('v4');
    expect(result.current.config.returns.referralCode).toEqual({
      kind: 'metadata',
      key: 'ref_code',
    });
    expect(result.current.dirty).toBe(true);
  });

  it('returns the same snapshot and actions until something changes', () => {
    const { result, rerender } = renderHook(() => useSyncWizard());
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
    act(() => result.current.setSyncType('ongoing'));
    expect(result.current).not.toBe(first);
    expect(result.current.config.syncType).toBe('ongoing');
    expect(result.current.next).toBe(first.next);
    expect(result.current.setSyncType).toBe(first.setSyncType);
  });

  it('passes a changed validation context on to the store', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `key_${i}`);
    const { result, rerender } = renderHook(
      ({ existing }: { existing: string[] }) =>
        useSyncWizard({
          initialStep: 'map_return_fields',
          context: { existingMetadataKeys: existing },
        }),
      { initialProps: { existing: [] as string[] } },
    );
    expect(result.current.canContinue).toBe(true);
    const before = result.current;
    rerender({ existing: [] });
    expect(result.current).toBe(before);
    rerender({ existing: keys });
    expect(result.current.blockers.map((issue) => issue.code)).toEqual(['too_many_metadata_keys']);
    expect(result.current.canContinue).toBe(false);
  });
});
