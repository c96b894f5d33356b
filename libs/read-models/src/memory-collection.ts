import { MemoryIndex } from './memory-index.js';
import { assertSameIndex, indexForFilter } from './index-selection.js';
import type { LogEvent } from '@behorighet/event-store';
import { applyKeepingIndexed, stamped, type InPlaceProjection } from './projection.js';
import type { CollectionDefinition, IndexFilter, ReadDocument } from './read-store.port.js';
import { SortedIds } from './sorted-ids.js';

/**
 * One read model's documents with their secondary indexes. Documents are stored as given, frozen — except those of an
 * in-place projection, which `foldInPlace` makes and changes where they are.
 */
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

  /**
   * Stores `document` in place of `before` (the stored version, when the caller has already looked it up), frozen
   * unless it is an in-place projection's, which is changed where it is later.
   */
  put(document: ReadDocument, before: ReadDocument | undefined = this.documents.get(document._id), frozen = true): void {
    for (const index of this.indexes.values()) index.move(document._id, before, document);
    if (before === undefined) this.allIds?.add(document._id);
    this.documents.set(document._id, frozen ? Object.freeze(document) : document);
  }

  /**
   * One event of an in-place projection applied to document `id`: made by `create` when absent (and indexed), changed
   * by `apply` and stamped with the event's position when it is before it, left alone when it is at or past it.
   * @throws TypeError when `apply` changed an indexed field.
   */
  foldInPlace(projection: InPlaceProjection<ReadDocument>, id: string, event: LogEvent): void {
    const stored = this.documents.get(id);
    if (stored === undefined) {
      const body = projection.create(id, event);
      if (body === null) return;
      if (typeof id !== 'string' || id === '') throw new TypeError(`collection ${this.name}: an in-place projection routed an event to an empty or non-string id`);
      const document = stamped(id, event.position, body);
      this.check(document);
      this.put(document, undefined, false);
      return;
    }
    if (stored._position >= event.position) return;
    applyKeepingIndexed(projection, stored, event, id);
    (stored as { _position: bigint })._position = event.position;
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
