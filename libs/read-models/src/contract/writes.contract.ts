import { UnknownCollectionError } from '../read-models.errors.js';
import { thing, upserts, write, type ReadStoreContext, type Thing } from './read-store-fixture.js';

/** Upserts, reads back, the position guard on upserts and deletes, and write order within a batch. */
export function describeWritesContract(context: ReadStoreContext): void {
  describe('writes', () => {
    it('reads back what an upsert stored; get and getMany answer null / leave out unknown ids', async () => {
      const store = context.store();
      const things = await context.newCollection();
      await write(store, upserts(things, [thing('a', 1, { label: 'first', organizationId: 'o1' }), thing('b', 2)]));

      expect(await store.get<Thing>(things, 'a')).toEqual(thing('a', 1, { label: 'first', organizationId: 'o1' }));
      expect(await store.get(things, 'nope')).toBeNull();
      const many = await store.getMany<Thing>(things, ['b', 'nope', 'a']);
      expect([...many.keys()].sort()).toEqual(['a', 'b']);
      expect(many.get('b')?._position).toBe(2n);
    });

    it('refuses an upsert at or before the stored position (a re-delivered event changes nothing)', async () => {
      const store = context.store();
      const things = await context.newCollection();
      await write(store, upserts(things, [thing('a', 5, { label: 'v5' })]));

      const stale = await write(store, upserts(things, [thing('a', 3, { label: 'v3' }), thing('a', 5, { label: 'again' })]));
      expect(stale).toEqual({ applied: 0, skipped: 2 });
      expect((await store.get<Thing>(things, 'a'))?.label).toBe('v5');

      const fresh = await write(store, upserts(things, [thing('a', 6, { label: 'v6' })]));
      expect(fresh).toEqual({ applied: 1, skipped: 0 });
      expect(await store.get(things, 'a')).toEqual(thing('a', 6, { label: 'v6' }));
    });

    it('replaces the whole document: fields the new version lacks are gone', async () => {
      const store = context.store();
      const things = await context.newCollection();
      await write(store, upserts(things, [thing('a', 1, { label: 'x', status: 'active' })]));
      await write(store, upserts(things, [thing('a', 2, { status: 'left' })]));
      expect(await store.get(things, 'a')).toEqual(thing('a', 2, { status: 'left' }));
    });

    it('deletes only when the delete is past the stored position; deleting nothing changes nothing', async () => {
      const store = context.store();
      const things = await context.newCollection();
      await write(store, upserts(things, [thing('a', 4)]));

      expect(await write(store, [{ kind: 'delete', collection: things, id: 'a', position: 4n }])).toEqual({ applied: 0, skipped: 1 });
      expect(await store.get(things, 'a')).not.toBeNull();
      expect(await write(store, [{ kind: 'delete', collection: things, id: 'a', position: 9n }])).toEqual({ applied: 1, skipped: 0 });
      expect(await store.get(things, 'a')).toBeNull();
      expect(await write(store, [{ kind: 'delete', collection: things, id: 'a', position: 10n }])).toEqual({ applied: 0, skipped: 1 });
    });

    it('applies the writes of one batch in order, each against the result of the ones before', async () => {
      const store = context.store();
      const things = await context.newCollection();
      const result = await write(store, [
        ...upserts(things, [thing('a', 2, { label: 'two' }), thing('a', 3, { label: 'three' }), thing('a', 1, { label: 'one' })]),
        ...upserts(things, [thing('b', 2)]),
        { kind: 'delete', collection: things, id: 'b', position: 3n },
      ]);
      expect(result).toEqual({ applied: 4, skipped: 1 });
      expect((await store.get<Thing>(things, 'a'))?.label).toBe('three');
      expect(await store.get(things, 'b')).toBeNull();
    });

    it('rejects reads and writes of a collection that was never declared', async () => {
      const store = context.store();
      await expect(store.get('never-declared', 'a')).rejects.toBeInstanceOf(UnknownCollectionError);
      await expect(write(store, upserts('never-declared', [thing('a', 1)]))).rejects.toBeInstanceOf(UnknownCollectionError);
    });
  });
}
