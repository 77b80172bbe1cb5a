import { describe, expect, it } from 'vitest';
import { stableJson } from './stable-json';

describe('stableJson', () => {
  it('gives equal text for equal values whatever their key order, at every level', () => {
    const a = { b: 1, a: { d: [3, { y: 2, x: 1 }], c: 'é' } };
    const b = { a: { c: 'é', d: [3, { x: 1, y: 2 }] }, b: 1 };
    expect(stableJson(a)).toBe(stableJson(b));
    expect(stableJson(a)).toBe('{"a":{"c":"é","d":[3,{"x":1,"y":2}]},"b":1}');
  });

  it('keeps array order, leaves out undefined properties and reads top-level undefined as null', () => {
    expect(stableJson([2, 1])).not.toBe(stableJson([1, 2]));
    expect(stableJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(stableJson(undefined)).toBe('null');
  });

  it('refuses a circular value instead of looping', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => stableJson(loop)).toThrow(/circular/i);
  });
});
