import { thing, thingIndexes, upserts, write, type ReadStoreContext } from './read-store-fixture.js';

/** The checkpoint lands with its batch or not at all, never goes back, and digests compare contents. */
export function describeCheckpointContract(context: ReadStoreContext): void {
  describe('batches and checkpoints', () => {
    it('reads back each projection checkpoint; 0 before the first batch; never moves back', async () => {
      const store = context.store();
      const things = await context.newCollection();
      const name = `${things}-projection`;
      expect(await store.checkpoint(name)).toBe(0n);

      await store.commit({ writes: upserts(things, [thing('a', 7)]), checkpoint: { name, position: 7n } });
      await store.commit({ writes: [], checkpoint: { name: `${name}-other`, position: 3n } });
      expect(await store.checkpoint(name)).toBe(7n);
      expect(await store.checkpoint(`${name}-other`)).toBe(3n);

      await store.commit({ writes: [], checkpoint: { name, position: 5n } });
      expect(await store.checkpoint(name)).toBe(7n);
      await store.commit({ writes: [], checkpoint: { name, position: 12n } });
      expect(await store.checkpoint(name)).toBe(12n);
    });

    it('applies neither the writes nor the checkpoint of a batch that fails', async () => {
      const store = context.store();
      const things = await context.newCollection();
      const name = `${things}-projection`;
      await store.commit({ writes: upserts(things, [thing('a', 1, { label: 'before' })]), checkpoint: { name, position: 1n } });

      const failing = store.commit({
        writes: [...upserts(things, [thing('a', 2, { label: 'after' }), thing('b', 2)]), ...upserts(things, [thing('', 2)])],
        checkpoint: { name, position: 2n },
      });
      await expect(failing).rejects.toThrow();

      expect(await store.get(things, 'a')).toEqual(thing('a', 1, { label: 'before' }));
      expect(await store.get(things, 'b')).toBeNull();
      expect(await store.checkpoint(name)).toBe(1n);
    });
  });

  describe('digest', () => {
    const documents = [
      thing('a', 3, { organizationId: 'o1', label: 'x' }),
      thing('b', 5, { organizationId: 'o2' }),
      thing('c', 9, { organizationId: 'o1', status: 'left' }),
    ];

    async function digestOf(context: ReadStoreContext, collection: string): Promise<string> {
      const digests = await context.store().digest();
      expect(Object.keys(digests)).toContain(collection);
      return digests[collection] as string;
    }

    it('is the same for the same documents however they were written, and differs when one differs', async () => {
      const store = context.store();
      const inOneBatch = await context.newCollection();
      const oneByOne = await context.newCollection();
      const changed = await context.newCollection();
      await write(store, upserts(inOneBatch, documents));
      for (const document of [...documents].reverse()) await write(store, upserts(oneByOne, [document]));
      await write(store, upserts(oneByOne, [thing('d', 1)]));
      await write(store, [{ kind: 'delete', collection: oneByOne, id: 'd', position: 2n }]);
      await write(store, upserts(changed, documents.map((d) => (d._id === 'c' ? { ...d, status: 'active' } : d))));

      const first = await digestOf(context, inOneBatch);
      expect(first).toMatch(/^3:[0-9a-f]{64}$/);
      expect(await digestOf(context, oneByOne)).toBe(first);
      expect(await digestOf(context, changed)).not.toBe(first);
      expect(await digestOf(context, inOneBatch)).toBe(first);
    });

    it('covers empty declared collections', async () => {
      const store = context.store();
      const empty = await context.newCollection();
      await store.declare([{ name: empty, indexes: thingIndexes }]);
      expect(await digestOf(context, empty)).toMatch(/^0:/);
    });
  });
}
