import { DocumentDigest } from './document-digest.js';
import { MemoryCollection } from './memory-collection.js';
import { MemoryPositionLists } from './memory-position-lists.js';
import { PositionsDigest } from './position-digest.js';
import type { LogEvent } from '@behorighet/event-store';
import type { InPlaceProjection, PositionProjection } from './projection.js';
import { ProjectionFailedError, UnknownCollectionError } from './read-models.errors.js';
import { assertWellFormedWrite } from './read-write.checks.js';
import {
  pageLimit,
  type CollectionDefinition,
  type CommitResult,
  type IndexFilter,
  type Page,
  type PageRequest,
  type PositionPage,
  type PositionPageRequest,
  type ReadBatch,
  type ReadDocument,
  type ReadStore,
  type ReadWrite,
  type StoredCheckpoint,
} from './read-store.port.js';

/**
 * The default read store: everything in memory, rebuilt from the log at every start. Queries
 * go through Map-based indexes, never a scan. A batch is checked whole before any of it is
 * applied, and applying cannot fail, so batch and checkpoint land together.
 */
export class MemoryReadStore implements ReadStore {
  private readonly collections = new Map<string, MemoryCollection>();
  private readonly positionLists = new Map<string, MemoryPositionLists>();
  private readonly checkpoints = new Map<string, StoredCheckpoint>();
  /** Each collection's declarations, in order: what `reset` declares again on an empty collection. */
  private readonly declarations = new Map<string, CollectionDefinition[]>();

  async declare(definitions: readonly CollectionDefinition[]): Promise<void> {
    for (const definition of definitions) {
      this.declareOne(definition);
      const declared = this.declarations.get(definition.name);
      if (declared) declared.push(definition);
      else this.declarations.set(definition.name, [definition]);
    }
  }

  async get<D extends ReadDocument>(collection: string, id: string): Promise<D | null> {
    return (this.collection(collection).documents.get(id) as D | undefined) ?? null;
  }

  async getMany<D extends ReadDocument>(collection: string, ids: readonly string[]): Promise<Map<string, D>> {
    const documents = this.collection(collection).documents;
    const found = new Map<string, D>();
    for (const id of ids) {
      const document = documents.get(id);
      if (document !== undefined) found.set(id, document as D);
    }
    return found;
  }

  async find<D extends ReadDocument>(collection: string, filter: IndexFilter, page: PageRequest = {}): Promise<Page<D>> {
    const limit = pageLimit(page.limit);
    const target = this.collection(collection);
    // One id more than asked tells whether another page follows.
    const ids = target.pageIds(filter, page.after, limit + 1);
    const items = ids.slice(0, limit).map((id) => target.documents.get(id) as D);
    return { items, nextCursor: ids.length > limit ? (ids[limit - 1] as string) : null };
  }

  async positions(collection: string, list: string, page: PositionPageRequest = {}): Promise<PositionPage> {
    const limit = pageLimit(page.limit);
    const { positions, more } = this.lists(collection).page(list, page.after, limit, page.where);
    return { positions, nextCursor: more ? (positions[positions.length - 1] as bigint) : null };
  }

  async commit(batch: ReadBatch): Promise<CommitResult> {
    for (const write of batch.writes) this.check(write);
    let applied = 0;
    for (const write of batch.writes) if (this.apply(write)) applied += 1;
    const { name, position, version } = batch.checkpoint;
    const stored = this.checkpoints.get(name);
    this.checkpoints.set(name, {
      position: stored !== undefined && stored.position >= position ? stored.position : position,
      version: version ?? stored?.version ?? null,
    });
    return { applied, skipped: batch.writes.length - applied };
  }

  async applyInPlace(projection: InPlaceProjection<ReadDocument>, events: readonly LogEvent[], handles: ReadonlySet<string>): Promise<void> {
    const collection = this.collection(projection.name);
    eachHandled(projection.name, events, handles, (event) => {
      for (const id of projection.route(event)) collection.foldInPlace(projection, id, event);
    });
  }

  async applyEntries(projection: PositionProjection, events: readonly LogEvent[], handles: ReadonlySet<string>): Promise<void> {
    const lists = this.lists(projection.name);
    eachHandled(projection.name, events, handles, (event) => {
      const entry = projection.entry(event);
      if (entry !== null) lists.checkAndAppend(entry.list, event.position, entry.tags);
    });
  }

  async checkpoint(name: string): Promise<bigint> {
    return this.checkpoints.get(name)?.position ?? 0n;
  }

  async storedCheckpoint(name: string): Promise<StoredCheckpoint | null> {
    const stored = this.checkpoints.get(name);
    return stored === undefined ? null : { ...stored };
  }

  async reset(name: string): Promise<void> {
    const declarations = this.declarations.get(name);
    if (declarations === undefined) throw new UnknownCollectionError(name);
    // Emptied by declaring it afresh: new maps and indexes, the old ones left to the garbage collector.
    this.collections.delete(name);
    this.positionLists.delete(name);
    for (const definition of declarations) this.declareOne(definition);
    this.checkpoints.delete(name);
  }

  async digest(): Promise<Record<string, string>> {
    const digests: Record<string, string> = {};
    for (const [name, collection] of this.collections) {
      const digest = new DocumentDigest();
      for (const id of collection.orderedIds().all()) digest.add(collection.documents.get(id));
      digests[name] = digest.finish();
    }
    for (const [name, lists] of this.positionLists) {
      const digest = new DocumentDigest();
      lists.digestInto(new PositionsDigest(digest, lists.tagNames));
      digests[name] = digest.finish();
    }
    return Object.fromEntries(Object.entries(digests).sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  async close(): Promise<void> {
    this.collections.clear();
    this.positionLists.clear();
    this.checkpoints.clear();
    this.declarations.clear();
  }

  /** Declares one collection (or adds indexes to it); a collection holds documents or positions, never both. */
  private declareOne(definition: CollectionDefinition): void {
    if (definition.kind === 'positions') {
      if (this.collections.has(definition.name)) throw new TypeError(`collection ${definition.name} holds documents, not positions`);
      const known = this.positionLists.get(definition.name);
      if (known) known.assertSameTags(definition);
      else this.positionLists.set(definition.name, new MemoryPositionLists(definition));
      return;
    }
    if (this.positionLists.has(definition.name)) throw new TypeError(`collection ${definition.name} holds positions, not documents`);
    const collection = this.collections.get(definition.name) ?? new MemoryCollection(definition.name);
    collection.declare(definition);
    this.collections.set(definition.name, collection);
  }

  private check(write: ReadWrite): void {
    if (write.kind === 'position') return this.lists(write.collection).check(write);
    const collection = this.collection(write.collection);
    assertWellFormedWrite(write);
    if (write.kind === 'upsert') collection.check(write.document);
  }

  /** Applies one write unless the stored document is at or past it; true when it changed the store. */
  private apply(write: ReadWrite): boolean {
    if (write.kind === 'position') return this.lists(write.collection).add(write);
    const collection = this.collection(write.collection);
    const id = write.kind === 'upsert' ? write.document._id : write.id;
    const position = write.kind === 'upsert' ? write.document._position : write.position;
    const stored = collection.documents.get(id);
    if (stored !== undefined && stored._position >= position) return false;
    if (write.kind === 'upsert') {
      collection.put(write.document, stored);
      return true;
    }
    collection.delete(id);
    return stored !== undefined;
  }

  private collection(name: string): MemoryCollection {
    const collection = this.collections.get(name);
    if (collection === undefined) {
      if (this.positionLists.has(name)) throw new TypeError(`collection ${name} holds positions, not documents`);
      throw new UnknownCollectionError(name);
    }
    return collection;
  }

  private lists(name: string): MemoryPositionLists {
    const lists = this.positionLists.get(name);
    if (lists === undefined) {
      if (this.collections.has(name)) throw new TypeError(`collection ${name} holds documents, not positions`);
      throw new UnknownCollectionError(name);
    }
    return lists;
  }
}

/** Applies each event whose type is in `handles`; an event that throws fails the read model `name`, named. */
function eachHandled(name: string, events: readonly LogEvent[], handles: ReadonlySet<string>, apply: (event: LogEvent) => void): void {
  for (const event of events) {
    if (!handles.has(event.type)) continue;
    try {
      apply(event);
    } catch (error) {
      throw new ProjectionFailedError(name, event.position, event.type, { cause: error });
    }
  }
}
