import { NoIndexForFilterError } from '../read-models.errors.js';
import type { IndexFilter, ReadStore } from '../read-store.port.js';
import { shuffled, thing, thingIndexes, upserts, write, type ReadStoreContext, type Thing } from './read-store-fixture.js';

async function ids(store: ReadStore, collection: string, filter: IndexFilter): Promise<string[]> {
  return (await store.find<Thing>(collection, filter, { limit: 1000 })).items.map((item) => item._id);
}

/** Index lookups that follow every change, and cursor pages in `_id` order. */
export function describeQueriesContract(context: ReadStoreContext): void {
  describe('index lookups', () => {
    it('finds documents by a single-field and by a compound index', async () => {
      const store = context.store();
      const things = await context.newCollection();
      await write(store, upserts(things, [
        thing('m1', 1, { organizationId: 'o1', status: 'active' }),
        thing('m2', 2, { organizationId: 'o1', status: 'left' }),
        thing('m3', 3, { organizationId: 'o2', status: 'active' }),
      ]));
      expect(await ids(store, things, { organizationId: 'o1' })).toEqual(['m1', 'm2']);
      expect(await ids(store, things, { status: 'active', organizationId: 'o2' })).toEqual(['m3']);
      expect(await ids(store, things, { organizationId: 'o9' })).toEqual([]);
    });

    it('follows updates that change an indexed field, and deletes', async () => {
      const store = context.store();
      const things = await context.newCollection();
      await write(store, upserts(things, [thing('m1', 1, { organizationId: 'o1' }), thing('m2', 1, { organizationId: 'o1' })]));
      await write(store, [
        ...upserts(things, [thing('m1', 2, { organizationId: 'o2' })]),
        { kind: 'delete', collection: things, id: 'm2', position: 2n },
      ]);
      expect(await ids(store, things, { organizationId: 'o1' })).toEqual([]);
      expect(await ids(store, things, { organizationId: 'o2' })).toEqual(['m1']);
    });

    it('indexes a missing field as null', async () => {
      const store = context.store();
      const things = await context.newCollection();
      await write(store, upserts(things, [thing('m1', 1), thing('m2', 1, { organizationId: null }), thing('m3', 1, { organizationId: 'o1' })]));
      expect(await ids(store, things, { organizationId: null })).toEqual(['m1', 'm2']);
    });

    it('refuses a filter that no declared index covers exactly', async () => {
      const store = context.store();
      const things = await context.newCollection();
      await expect(store.find(things, { label: 'x' })).rejects.toBeInstanceOf(NoIndexForFilterError);
      await expect(store.find(things, { status: 'active' })).rejects.toBeInstanceOf(NoIndexForFilterError);
    });

    it('builds an index declared later from the documents already stored', async () => {
      const store = context.store();
      const things = await context.newCollection();
      await write(store, upserts(things, [thing('m1', 1, { label: 'x' }), thing('m2', 1, { label: 'y' })]));
      await store.declare([{ name: things, indexes: [...thingIndexes, { name: 'byLabel', fields: ['label'] }] }]);
      expect(await ids(store, things, { label: 'y' })).toEqual(['m2']);
    });
  });

  describe('cursor pages', () => {
    const names = Array.from({ length: 25 }, (_, i) => `id-${String(i).padStart(2, '0')}`);

    it.each([
      ['an index', { organizationId: 'o1' }],
      ['the whole collection', {}],
    ])('pages through %s in _id order, limit by limit, and ends with a null cursor', async (_, filter: IndexFilter) => {
      const store = context.store();
      const things = await context.newCollection();
      await write(store, upserts(things, shuffled(names).map((id, i) => thing(id, i + 1, { organizationId: 'o1' }))));
      await write(store, upserts(things, [thing('zz-other', 1, { organizationId: 'o2' })]));

      const pages: string[][] = [];
      let after: string | undefined;
      do {
        const page = await store.find<Thing>(things, filter, { limit: 10, after });
        pages.push(page.items.map((item) => item._id));
        after = page.nextCursor ?? undefined;
      } while (after !== undefined);

      const expected = Object.keys(filter).length === 0 ? [...names, 'zz-other'] : names;
      expect(pages.map((page) => page.length)).toEqual(expected.length === 25 ? [10, 10, 5] : [10, 10, 6]);
      expect(pages.flat()).toEqual(expected);
    });

    it('answers a null cursor when the page holds exactly the rest', async () => {
      const store = context.store();
      const things = await context.newCollection();
      await write(store, upserts(things, names.slice(0, 4).map((id) => thing(id, 1, { organizationId: 'o1' }))));
      const page = await store.find<Thing>(things, { organizationId: 'o1' }, { limit: 4 });
      expect(page.items).toHaveLength(4);
      expect(page.nextCursor).toBeNull();
    });

    it('continues after a cursor whose document was deleted meanwhile', async () => {
      const store = context.store();
      const things = await context.newCollection();
      await write(store, upserts(things, names.slice(0, 6).map((id) => thing(id, 1, { organizationId: 'o1' }))));
      const first = await store.find<Thing>(things, { organizationId: 'o1' }, { limit: 3 });
      expect(first.nextCursor).toBe('id-02');
      await write(store, [{ kind: 'delete', collection: things, id: 'id-02', position: 2n }]);
      const second = await store.find<Thing>(things, { organizationId: 'o1' }, { limit: 3, after: first.nextCursor ?? undefined });
      expect(second.items.map((item) => item._id)).toEqual(['id-03', 'id-04', 'id-05']);
    });
  });
}
