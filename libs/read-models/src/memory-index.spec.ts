import { MemoryIndex } from './memory-index.js';
import type { ReadDocument } from './read-store.port.js';

const doc = (id: string, organizationId: string, unitId: string | null): ReadDocument =>
  ({ _id: id, _position: 1n, organizationId, unitId }) as unknown as ReadDocument;

describe('MemoryIndex', () => {
  it('drops the inner maps of a compound key once its last document is removed', () => {
    const index = new MemoryIndex({ name: 'byOrganizationAndUnit', fields: ['organizationId', 'unitId'] });
    const documents = [doc('a', 'o-1', 'u-1'), doc('b', 'o-1', 'u-1'), doc('c', 'o-1', 'u-2'), doc('d', 'o-2', null)];
    for (const document of documents) index.add(document, document._id);
    expect(index.page({ organizationId: 'o-1', unitId: 'u-1' }, undefined, 10)).toEqual(['a', 'b']);

    index.remove(documents[0] as ReadDocument, 'a');
    index.remove(documents[2] as ReadDocument, 'c');
    expect(index.page({ organizationId: 'o-1', unitId: 'u-1' }, undefined, 10)).toEqual(['b']);
    expect(index.page({ organizationId: 'o-1', unitId: 'u-2' }, undefined, 10)).toEqual([]);
    expect(index.empty).toBe(false);

    index.remove(documents[1] as ReadDocument, 'b');
    index.remove(documents[3] as ReadDocument, 'd');
    expect(index.empty).toBe(true);
  });

  it('leaves other keys alone when asked to remove a document it does not hold', () => {
    const index = new MemoryIndex({ name: 'byOrganizationAndUnit', fields: ['organizationId', 'unitId'] });
    index.add(doc('a', 'o-1', 'u-1'), 'a');
    index.remove(doc('x', 'o-9', 'u-1'), 'x');
    index.remove(doc('x', 'o-1', 'u-9'), 'x');
    expect(index.page({ organizationId: 'o-1', unitId: 'u-1' }, undefined, 10)).toEqual(['a']);
  });
});
