import type { ListKey, PositionWrite, ReadStore } from '../read-store.port.js';
import type { ReadStoreContext } from './read-store-fixture.js';

const entries = (collection: string, key: ListKey, positions: readonly number[]): PositionWrite[] =>
  positions.map((position) => ({ kind: 'position', collection, keys: [key], position: BigInt(position) }));

async function declareLists(context: ReadStoreContext): Promise<string> {
  const name = `${await context.newCollection()}_positions`;
  await context.store().declare([{ name, indexes: [], kind: 'positions' }]);
  return name;
}

async function everyPosition(store: ReadStore, collection: string, key: ListKey, limit: number): Promise<bigint[]> {
  const all: bigint[] = [];
  let after: bigint | undefined;
  for (;;) {
    const page = await store.positions(collection, key, { after, limit });
    all.push(...page.positions);
    if (page.nextCursor === null) return all;
    after = page.nextCursor;
  }
}

/** Position lists: an index of the log by key, in log order, without repeats, paged by position. */
export function describePositionsContract(context: ReadStoreContext): void {
  describe('position lists', () => {
    it('keeps each list in log order, ignores what a list has already reached, and pages it by position', async () => {
      const store = context.store();
      const lists = await declareLists(context);
      const checkpoint = { name: `${lists}-projection`, position: 9n };
      await store.commit({ writes: [...entries(lists, ['org', 'a'], [1, 3, 4]), ...entries(lists, ['org', 'b'], [2])], checkpoint });
      // A re-delivered batch, then new events: only the new positions are added.
      await store.commit({ writes: [...entries(lists, ['org', 'a'], [3, 4, 7, 9]), ...entries(lists, ['org', 'b'], [2, 8])], checkpoint });

      expect(await everyPosition(store, lists, ['org', 'a'], 2)).toEqual([1n, 3n, 4n, 7n, 9n]);
      expect(await store.positions(lists, ['org', 'a'], { limit: 2 })).toEqual({ positions: [1n, 3n], nextCursor: 3n });
      expect(await store.positions(lists, ['org', 'a'], { after: 4n, limit: 2 })).toEqual({ positions: [7n, 9n], nextCursor: null });
      expect(await store.positions(lists, ['org', 'a'], { after: 9n })).toEqual({ positions: [], nextCursor: null });
      expect(await store.positions(lists, ['org', 'b'])).toEqual({ positions: [2n, 8n], nextCursor: null });
      expect(await store.positions(lists, ['org', 'nobody'])).toEqual({ positions: [], nextCursor: null });
      expect(await store.checkpoint(checkpoint.name)).toBe(9n);
      // A key and its extensions are different lists.
      await store.commit({ writes: entries(lists, ['org', 'a', 'member', 'm1'], [3]), checkpoint });
      expect(await store.positions(lists, ['org', 'a', 'member', 'm1'])).toEqual({ positions: [3n], nextCursor: null });
      expect(await store.positions(lists, ['org'])).toEqual({ positions: [], nextCursor: null });
      expect(await everyPosition(store, lists, ['org', 'a'], 100)).toEqual([1n, 3n, 4n, 7n, 9n]);

      // One event in several lists: one write naming them all, re-delivered harmlessly.
      const both: PositionWrite = { kind: 'position', collection: lists, keys: [['org', 'a'], ['org', 'b']], position: 20n };
      await store.commit({ writes: [both], checkpoint: { ...checkpoint, position: 20n } });
      await store.commit({ writes: [both], checkpoint: { ...checkpoint, position: 20n } });
      expect(await everyPosition(store, lists, ['org', 'a'], 100)).toEqual([1n, 3n, 4n, 7n, 9n, 20n]);
      expect(await everyPosition(store, lists, ['org', 'b'], 100)).toEqual([2n, 8n, 20n]);
    });

    it('applies no entry of a batch with a malformed one', async () => {
      const store = context.store();
      const lists = await declareLists(context);
      const failing = store.commit({ writes: [...entries(lists, ['org', 'a'], [1, 2]), ...entries(lists, ['org', ''], [3])], checkpoint: { name: `${lists}-p`, position: 3n } });
      await expect(failing).rejects.toThrow(TypeError);
      expect(await store.positions(lists, ['org', 'a'])).toEqual({ positions: [], nextCursor: null });
      expect(await store.checkpoint(`${lists}-p`)).toBe(0n);
    });

    it('digests the same lists alike however their entries were batched', async () => {
      const store = context.store();
      const [one, two] = [await declareLists(context), await declareLists(context)];
      await store.commit({ writes: [...entries(one, ['k1'], [1, 5]), ...entries(one, ['k2'], [2, 3])], checkpoint: { name: 'p1', position: 5n } });
      for (const [key, position] of [[['k2'], 2], [['k1'], 1], [['k2'], 3], [['k1'], 5]] as const) {
        await store.commit({ writes: entries(two, key, [position]), checkpoint: { name: 'p2', position: BigInt(position) } });
      }
      const digests = await store.digest();
      expect(digests[one]).toMatch(/^2:/);
      expect(digests[one]).toBe(digests[two]);
      await store.commit({ writes: entries(two, ['k1'], [6]), checkpoint: { name: 'p2', position: 6n } });
      expect((await store.digest())[two]).not.toBe(digests[one]);
    });
  });
}
