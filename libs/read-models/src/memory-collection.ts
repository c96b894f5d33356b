import { MemoryIndex } from './memory-index.js';
import { assertSameIndex, indexForFilter } from './index-selection.js';
import type { CollectionDefinition, IndexFilter, ReadDocument } from './read-store.port.js';
import { SortedIds } from './sorted-ids.js';

/** One read model's documents with their secondary indexes. Documents are stored as given, frozen. */
export class MemoryCollection {
  readonly documents = new Map<string, ReadDocument>();
  private readonly indexes = new Map<string, MemoryIndex>();
  /** Every id in order, built at the first whole-collection read (a replay never pays for it). */
  private allIds: SortedIds | undefined;

  constructor(readonly name: string) {}

  /** Adds the indexes not yet present, filled from the documents already stored. */
  declare(definition: CollectionDefinition): void {
    for (const index of definition.indexes) {
      const existing = this.indexes.get(index.name);
      if (existing) {
        assertSameIndex(this.name, existing.definition, index);
        continue;
      }
      const built = new MemoryIndex({ name: index.name, fields: [...index.fields] });
      for (const [id, document] of this.documents) built.add(document, id);
      this.indexes.set(index.name, built);
    }
  }

  /** Throws what `put` would throw, before anything of a batch is applied. */
  check(document: ReadDocument): void {
    for (const index of this.indexes.values()) index.check(document);
  }

  /** Stores `document` in place of `before` (the stored version, when the caller has already looked it up). */
  put(document: ReadDocument, before: ReadDocument | undefined = this.documents.get(document._id)): void {
    for (const index of this.indexes.values()) index.move(document._id, before, document);
    if (before === undefined) this.allIds?.add(document._id);
    this.documents.set(document._id, Object.freeze(document));
  }

  delete(id: string): void {
    const before = this.documents.get(id);
    if (before === undefined) return;
    for (const index of this.indexes.values()) index.move(id, before, undefined);
    this.allIds?.remove(id);
    this.documents.delete(id);
  }

  /** Ids of one page of the documents that `filter` selects, in `_id` order. */
  pageIds(filter: IndexFilter, after: string | undefined, limit: number): string[] {
    const definitions = [...this.indexes.values()].map((index) => index.definition);
    const chosen = indexForFilter(this.name, definitions, filter);
    if (chosen === undefined) return this.orderedIds().page(after, limit);
    const index = this.indexes.get(chosen.name) as MemoryIndex;
    return index.page(filter, after, limit);
  }

  orderedIds(): SortedIds {
    if (this.allIds === undefined) {
      this.allIds = new SortedIds();
      for (const id of this.documents.keys()) this.allIds.add(id);
    }
    return this.allIds;
  }
}
