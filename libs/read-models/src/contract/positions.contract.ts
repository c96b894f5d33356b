import type { PositionPageRequest, PositionWrite, ReadStore } from '../read-store.port.js';
import type { ReadStoreContext } from './read-store-fixture.js';

const TAGS = ['type', 'member', 'actor'] as const;
type Tags = Partial<Record<(typeof TAGS)[number], string>>;

const entry = (collection: string, list: string, position: number, tags: Tags = {}): PositionWrite => ({ kind: 'position', collection, list, position: BigInt(position), tags });
const entries = (collection: string, list: string, positions: readonly number[]): PositionWrite[] => positions.map((position) => entry(collection, list, position));

async function declareLists(context: ReadStoreContext): Promise<string> {
  const name = `${await context.newCollection()}_positions`;
  await context.store().declare([{ name, indexes: [], kind: 'positions', tags: TAGS }]);
  return name;
}

async function everyPosition(store: ReadStore, collection: string, list: string, page: PositionPageRequest & { limit: number }): Promise<bigint[]> {
  const all: bigint[] = [];
  let after: bigint | undefined;
  for (;;) {
    const answer = await store.positions(collection, list, { ...page, after });
    expect(answer.positions.length).toBeLessThanOrEqual(page.limit);
    all.push(...answer.positions);
    if (answer.nextCursor === null) return all;
    after = answer.nextCursor;
  }
}

/** Position lists: an index of the log by list, in log order, without repeats, filtered by tags, paged by position. */
export function describePositionsContract(context: ReadStoreContext): void {
  describe('position lists', () => {
    it('keeps each list in log order, ignores what a list has already reached, and pages it by position', async () => {
      const store = context.store();
      const lists = await declareLists(context);
      const checkpoint = { name: `${lists}-projection`, position: 9n };
      await store.commit({ writes: [...entries(lists, 'a', [1, 3, 4]), ...entries(lists, 'b', [2])], checkpoint });
      // A re-delivered batch, then new events: only the new positions are added.
      await store.commit({ writes: [...entries(lists, 'a', [3, 4, 7, 9]), ...entries(lists, 'b', [2, 8])], checkpoint });

      expect(await everyPosition(store, lists, 'a', { limit: 2 })).toEqual([1n, 3n, 4n, 7n, 9n]);
      expect(await store.positions(lists, 'a', { limit: 2 })).toEqual({ positions: [1n, 3n], nextCursor: 3n });
      expect(await store.positions(lists, 'a', { after: 4n, limit: 2 })).toEqual({ positions: [7n, 9n], nextCursor: null });
      expect(await store.positions(lists, 'a', { after: 9n })).toEqual({ positions: [], nextCursor: null });
      expect(await store.positions(lists, 'b')).toEqual({ positions: [2n, 8n], nextCursor: null });
      expect(await store.positions(lists, 'nobody')).toEqual({ positions: [], nextCursor: null });
      expect(await store.checkpoint(checkpoint.name)).toBe(9n);
    });

    it('answers the entries whose tags equal every tag of `where`, paged by position', async () => {
      const store = context.store();
      const lists = await declareLists(context);
      await store.commit({
        writes: [
          entry(lists, 'o1', 1, { type: 'Joined', member: 'm1', actor: 'm1' }),
          entry(lists, 'o1', 2, { type: 'Granted', member: 'm1', actor: 'm2' }),
          entry(lists, 'o1', 3, { type: 'Granted', member: 'm2', actor: 'm2' }),
          entry(lists, 'o1', 4, { type: 'Renamed' }),
          entry(lists, 'o1', 5, { type: 'Granted', member: 'm1', actor: 'm2' }),
          entry(lists, 'o1', 6, { type: 'Joined', member: 'm3', actor: undefined }),
          entry(lists, 'o2', 7, { type: 'Granted', member: 'm1', actor: 'm2' }),
        ],
        checkpoint: { name: `${lists}-p`, position: 7n },
      });
      const page = (where: PositionPageRequest['where'], limit = 100) => everyPosition(store, lists, 'o1', { where, limit });

      expect(await page({})).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
      expect(await page({ member: 'm1' }, 1)).toEqual([1n, 2n, 5n]);
      expect(await page({ type: 'Granted', actor: 'm2' }, 2)).toEqual([2n, 3n, 5n]);
      expect(await page({ type: 'Granted', member: 'm1', actor: 'm2' })).toEqual([2n, 5n]);
      // An undefined value asks nothing; an entry without a tag never matches a value of it.
      expect(await page({ member: undefined, type: 'Joined' })).toEqual([1n, 6n]);
      expect(await page({ actor: 'm3' })).toEqual([]);
      expect(await page({ member: 'nobody' })).toEqual([]);
      expect(await page({ type: 'Granted', member: 'm2', actor: 'm1' })).toEqual([]);
      // The cursor is the last position given; the last page says so even when unmatched entries follow.
      expect(await store.positions(lists, 'o1', { where: { member: 'm1' }, limit: 2 })).toEqual({ positions: [1n, 2n], nextCursor: 2n });
      expect(await store.positions(lists, 'o1', { where: { member: 'm1' }, after: 2n, limit: 1 })).toEqual({ positions: [5n], nextCursor: null });
      expect(await store.positions(lists, 'o1', { where: { actor: 'm1' }, limit: 1 })).toEqual({ positions: [1n], nextCursor: null });
      expect(await store.positions(lists, 'o2', { where: { member: 'm1' } })).toEqual({ positions: [7n], nextCursor: null });
      await expect(store.positions(lists, 'o1', { where: { subject: 'm1' } })).rejects.toThrow(TypeError);
    });

    it('applies no entry of a batch with a malformed one', async () => {
      const store = context.store();
      const lists = await declareLists(context);
      const name = `${lists}-p`;
      const malformed: PositionWrite[] = [
        entry(lists, '', 3),
        entry(lists, 'a', 0),
        { ...entry(lists, 'a', 3), tags: { subject: 'm1' } },
        { ...entry(lists, 'a', 3), tags: { member: 7 as unknown as string } },
      ];
      for (const bad of malformed) {
        await expect(store.commit({ writes: [...entries(lists, 'a', [1, 2]), bad], checkpoint: { name, position: 3n } })).rejects.toThrow(TypeError);
      }
      expect(await store.positions(lists, 'a')).toEqual({ positions: [], nextCursor: null });
      expect(await store.checkpoint(name)).toBe(0n);
      await expect(store.declare([{ name: `${lists}_untagged`, indexes: [], kind: 'positions' }])).rejects.toThrow(TypeError);
    });

    it('digests the same entries alike however they were batched, and tells their tags apart', async () => {
      const store = context.store();
      const [one, two] = [await declareLists(context), await declareLists(context)];
      const written: [string, number, Tags][] = [
        ['k1', 1, { type: 'A' }],
        ['k2', 2, { type: 'B', member: 'm' }],
        ['k2', 3, {}],
        ['k1', 5, { actor: 'x' }],
      ];
      await store.commit({ writes: written.map(([list, position, tags]) => entry(one, list, position, tags)), checkpoint: { name: 'p1', position: 5n } });
      // One entry a batch, the lists in the other order (each list's entries still reach it in position order).
      for (const [list, position, tags] of [...written.filter(([list]) => list === 'k2'), ...written.filter(([list]) => list === 'k1')]) {
        await store.commit({ writes: [entry(two, list, position, tags)], checkpoint: { name: 'p2', position: BigInt(position) } });
      }
      const digests = await store.digest();
      expect(digests[one]).toMatch(/^3:/);
      expect(digests[two]).toBe(digests[one]);

      await store.commit({ writes: [entry(one, 'k1', 6, { type: 'A' })], checkpoint: { name: 'p1', position: 6n } });
      await store.commit({ writes: [entry(two, 'k1', 6, { type: 'B' })], checkpoint: { name: 'p2', position: 6n } });
      const after = await store.digest();
      expect(after[one]).not.toBe(digests[one]);
      expect(after[two]).not.toBe(after[one]);
    });
  });
}
