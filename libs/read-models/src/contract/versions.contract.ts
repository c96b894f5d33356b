import { UnknownCollectionError } from '../read-models.errors.js';
import type { PositionWrite } from '../read-store.port.js';
import { thing, upserts, type ReadStoreContext } from './read-store-fixture.js';

const entry = (collection: string, list: string, position: number): PositionWrite => ({ kind: 'position', collection, list, position: BigInt(position), tags: { type: 'A' } });

/** A checkpoint keeps the shape version committed with it; `reset` drops one read model whole, and only it. */
export function describeVersionsContract(context: ReadStoreContext): void {
  describe('shape versions and reset', () => {
    it('stores the version with the checkpoint, keeps it when a batch gives none, replaces it when one does', async () => {
      const store = context.store();
      const things = await context.newCollection();
      expect(await store.storedCheckpoint(things)).toBeNull();

      await store.commit({ writes: [], checkpoint: { name: `${things}-legacy`, position: 4n } });
      expect(await store.storedCheckpoint(`${things}-legacy`)).toEqual({ position: 4n, version: null });

      await store.commit({ writes: upserts(things, [thing('a', 3)]), checkpoint: { name: things, position: 3n, version: 2 } });
      expect(await store.storedCheckpoint(things)).toEqual({ position: 3n, version: 2 });
      await store.commit({ writes: [], checkpoint: { name: things, position: 5n } });
      expect(await store.storedCheckpoint(things)).toEqual({ position: 5n, version: 2 });
      await store.commit({ writes: [], checkpoint: { name: things, position: 6n, version: 3 } });
      expect(await store.storedCheckpoint(things)).toEqual({ position: 6n, version: 3 });
      expect(await store.checkpoint(things)).toBe(6n);
    });

    it('lands a version with its batch or not at all', async () => {
      const store = context.store();
      const things = await context.newCollection();
      await store.commit({ writes: upserts(things, [thing('a', 1)]), checkpoint: { name: things, position: 1n, version: 1 } });
      const failing = store.commit({ writes: upserts(things, [thing('b', 2), thing('', 2)]), checkpoint: { name: things, position: 2n, version: 2 } });
      await expect(failing).rejects.toThrow();
      expect(await store.storedCheckpoint(things)).toEqual({ position: 1n, version: 1 });
    });

    it('reset drops a document collection, its checkpoint and version; it stays declared and indexed, the others are untouched', async () => {
      const store = context.store();
      const things = await context.newCollection();
      const other = await context.newCollection();
      await store.commit({ writes: upserts(things, [thing('a', 2, { organizationId: 'o1' }), thing('b', 3, { organizationId: 'o1' })]), checkpoint: { name: things, position: 3n, version: 1 } });
      await store.commit({ writes: upserts(other, [thing('a', 2, { organizationId: 'o1' })]), checkpoint: { name: other, position: 3n, version: 1 } });
      const otherDigest = (await store.digest())[other];

      await store.reset(things);
      expect(await store.storedCheckpoint(things)).toBeNull();
      expect(await store.checkpoint(things)).toBe(0n);
      expect(await store.get(things, 'a')).toBeNull();
      expect((await store.find(things, { organizationId: 'o1' })).items).toEqual([]);
      expect((await store.digest())[things]).toMatch(/^0:/);
      // Rebuilt from the start: a write at a position the dropped document had passed lands again.
      await store.commit({ writes: upserts(things, [thing('a', 1, { organizationId: 'o1', label: 'new' })]), checkpoint: { name: things, position: 1n, version: 2 } });
      expect((await store.find(things, { organizationId: 'o1' })).items).toEqual([thing('a', 1, { organizationId: 'o1', label: 'new' })]);
      expect(await store.storedCheckpoint(things)).toEqual({ position: 1n, version: 2 });

      expect(await store.storedCheckpoint(other)).toEqual({ position: 3n, version: 1 });
      expect((await store.digest())[other]).toBe(otherDigest);
    });

    it('reset drops a positions collection, which keeps its tags', async () => {
      const store = context.store();
      const lists = `${await context.newCollection()}_positions`;
      await store.declare([{ name: lists, indexes: [], kind: 'positions', tags: ['type'] }]);
      await store.commit({ writes: [entry(lists, 'k', 4), entry(lists, 'k', 6)], checkpoint: { name: lists, position: 6n, version: 1 } });

      await store.reset(lists);
      expect(await store.positions(lists, 'k')).toEqual({ positions: [], nextCursor: null });
      expect(await store.storedCheckpoint(lists)).toBeNull();
      await store.commit({ writes: [entry(lists, 'k', 2)], checkpoint: { name: lists, position: 2n, version: 2 } });
      expect(await store.positions(lists, 'k', { where: { type: 'A' } })).toEqual({ positions: [2n], nextCursor: null });
      await expect(store.positions(lists, 'k', { where: { actor: 'x' } })).rejects.toThrow(TypeError);
    });

    it('reset refuses a collection that was never declared', async () => {
      await expect(context.store().reset('contract_never_declared')).rejects.toBeInstanceOf(UnknownCollectionError);
    });
  });
}
