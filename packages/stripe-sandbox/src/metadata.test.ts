import { describe, expect, it } from 'vitest';
import { applyMetadata, metadataParam } from './metadata';

describe('applyMetadata', () => {
  it('merges keys, deletes keys set to "", and reports previous values', () => {
    const change = applyMetadata({ a: '1', b: '2' }, { b: '', c: '3' });
    expect(change.next).toEqual({ a: '1', c: '3' });
    expect(change.previous).toEqual({ b: '2', c: null });
  });

  it('clears everything with ""', () => {
    expect(applyMetadata({ a: '1' }, '')).toEqual({ next: {}, previous: { a: '1' } });
  });

  it('reports no change when nothing changed', () => {
    expect(applyMetadata({ a: '1' }, { a: '1', b: '' }).previous).toBeNull();
  });

  it('refuses more than 50 keys after merging', () => {
    const current = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    expect(() => applyMetadata(current, { extra: 'v' })).toThrow(
      /up to 50 keys, but you've set 51/,
    );
    expect(applyMetadata(current, { k0: '', extra: 'v' }).next).not.toHaveProperty('k0');
  });
});

describe('metadataParam', () => {
  it('accepts string maps and "" and refuses the rest', () => {
    expect(metadataParam.parse({ a: 'b' })).toEqual({ a: 'b' });
    expect(metadataParam.parse('')).toBe('');
    expect(metadataParam.safeParse('x').success).toBe(false);
    expect(metadataParam.safeParse({ a: { b: 'c' } }).success).toBe(false);
    expect(metadataParam.safeParse({ ['k'.repeat(41)]: 'v' }).success).toBe(false);
    expect(metadataParam.safeParse({ k: 'v'.repeat(501) }).success).toBe(false);
  });
});
