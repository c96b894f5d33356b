import fc from 'fast-check';
import { pageOf } from './paging.js';

describe('pageOf', () => {
  it('walks any list in key order, page by page, without repeating or skipping an item', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 })), fc.integer({ min: 1, max: 7 }), (keys, limit) => {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = pageOf(keys, (k) => k, { limit, ...(cursor === undefined ? {} : { cursor }) });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items);
          cursor = page.nextCursor ?? undefined;
          pages += 1;
        } while (cursor !== undefined);
        expect(seen).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        expect(pages).toBe(Math.max(1, Math.ceil(keys.length / limit)));
      }),
    );
  });

  it('defaults to 100 items and keeps its place when items before the cursor disappear', () => {
    const keys = Array.from({ length: 150 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    const first = pageOf(keys, (k) => k, {});
    expect(first.items).toHaveLength(100);
    const rest = pageOf(keys.slice(10), (k) => k, { cursor: first.nextCursor! });
    expect(rest).toEqual({ items: keys.slice(100), nextCursor: null });
  });
});
