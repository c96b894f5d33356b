import fc from 'fast-check';
import { MemoryReadStore } from './memory.read-store.js';
import type { ReadDocument, ReadWrite } from './read-store.port.js';

interface Member extends ReadDocument {
  organizationId: string | null;
  status: string;
}

const indexes = [
  { name: 'byOrganization', fields: ['organizationId'] },
  { name: 'byOrganizationAndStatus', fields: ['organizationId', 'status'] },
];

const operation = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'Z', 'aa', 'ä'),
  organizationId: fc.constantFrom('o1', 'o2', null),
  status: fc.constantFrom('active', 'left'),
  remove: fc.boolean(),
});

/** Every page of `filter`, at the given page size. */
async function pages(store: MemoryReadStore, filter: Record<string, string | null>, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await store.find<Member>('members', filter, { limit, after });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((item) => item._id));
    after = page.nextCursor ?? undefined;
  } while (after !== undefined);
  return ids;
}

describe('MemoryReadStore indexes against a naive model', () => {
  it('answers every index and page size like a filtered, sorted scan, after any run of writes and reads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(operation, { maxLength: 6 }), { maxLength: 12 }), fc.integer({ min: 1, max: 4 }), async (batches, limit) => {
        const store = new MemoryReadStore();
        await store.declare([{ name: 'members', indexes }]);
        const model = new Map<string, Member>();
        let position = 0n;
        for (const batch of batches) {
          const writes: ReadWrite[] = batch.map(({ id, organizationId, status, remove }): ReadWrite => {
            position += 1n;
            if (remove) {
              model.delete(id);
              return { kind: 'delete', collection: 'members', id, position };
            }
            const document: Member = { _id: id, _position: position, organizationId, status };
            model.set(id, document);
            return { kind: 'upsert', collection: 'members', document };
          });
          await store.commit({ writes, checkpoint: { name: 'members', position } });
          // Reading between batches makes the pending additions and removals merge at every stage.
          for (const organizationId of ['o1', 'o2', null]) {
            const expected = [...model.values()].filter((m) => m.organizationId === organizationId).map((m) => m._id).sort();
            expect(await pages(store, { organizationId }, limit)).toEqual(expected);
            const left = [...model.values()].filter((m) => m.organizationId === organizationId && m.status === 'left');
            expect(await pages(store, { organizationId, status: 'left' }, limit)).toEqual(left.map((m) => m._id).sort());
          }
          expect(await pages(store, {}, limit)).toEqual([...model.keys()].sort());
        }
      }),
      { numRuns: 150 },
    );
  });
});
