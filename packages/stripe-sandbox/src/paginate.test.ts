import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerBound, pageNewer, pageOlder } from './paginate';

describe('pageOlder / pageNewer', () => {
  it('visit every accepted item exactly once forwards and backwards', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { maxLength: 300 }),
        fc.integer({ min: 1, max: 20 }),
        (flags, limit) => {
          const items = flags.map((keep, i) => ({ i, keep }));
          const accept = (item: { keep: boolean }) => item.keep;
          const expected = items
            .filter(accept)
            .map((x) => x.i)
            .reverse();

          const forward: number[] = [];
          let from = items.length - 1;
          for (;;) {
            const page = pageOlder(items, from, limit, accept);
            forward.push(...page.data.map((x) => x.i));
            const last = page.data.at(-1);
            if (!page.hasMore || !last) break;
            from = last.i - 1;
          }
          expect(forward).toEqual(expected);

          const backward: number[] = [];
          let start = 0;
          for (;;) {
            const page = pageNewer(items, start, limit, accept);
            backward.unshift(...page.data.map((x) => x.i));
            const newest = page.data[0];
            if (!page.hasMore || !newest) break;
            start = newest.i + 1;
          }
          expect(backward).toEqual(expected);
        },
      ),
    );
  });
});

describe('lowerBound', () => {
  it('finds the first index not below the value', () => {
    const items = [1, 3, 3, 5];
    expect(lowerBound(items, 0, (x) => x)).toBe(0);
    expect(lowerBound(items, 3, (x) => x)).toBe(1);
    expect(lowerBound(items, 4, (x) => x)).toBe(3);
    expect(lowerBound(items, 9, (x) => x)).toBe(4);
  });
});
