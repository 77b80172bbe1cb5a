import { describe, expect, it } from 'vitest';
import { asciiJson } from './ascii-json';

describe('asciiJson', () => {
  it('escapes every non-ASCII character and parses back to the same value', () => {
    const value = {
      name: 'Sam 🚀 Lee',
      cjk: '山田太郎',
      accent: 'José',
      rtl: 'محمد',
      nbsp: 'a\u00a0b',
      plain: 'x',
    };
    const json = asciiJson(value);
    expect(json).toMatch(/^[\x20-\x7e]*$/);
    expect(json).toContain('\\u5c71');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('leaves ASCII JSON as JSON.stringify writes it', () => {
    expect(asciiJson({ a: [1, 'b'], c: null })).toBe(JSON.stringify({ a: [1, 'b'], c: null }));
  });
});
