import { MongoClient, type ClientSession } from 'mongodb';
import { DocumentDigest } from './document-digest.js';
import { assertSameIndex, indexForFilter } from './index-selection.js';
import {
  READ_OPTIONS,
  fromCheckpointDocument,
  groupByCollection,
  toCheckpointUpdate,
  toIndexDescription,
  toPageQuery,
  toPositionIndexes,
  toPositionQuery,
  toWriteModels,
  type MongoCollection,
  type MongoDatabase,
  type MongoSessions,
} from './mongo.mapping.js';
import { PositionsDigest } from './position-digest.js';
import { UnknownCollectionError } from './read-models.errors.js';
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
  type StoredCheckpoint,
} from './read-store.port.js';
import { assertWellFormedEntry, assertWellFormedWhere, assertWellFormedWrite, declaredTags } from './read-write.checks.js';

export interface MongoReadStoreOptions {
  /** Commit each batch with its checkpoint in a transaction; default: when the server is a replica set or mongos. */
  transactions?: boolean;
  /** Where checkpoints live; default `checkpoints`. */
  checkpointCollection?: string;
  /** Called by `close()` (e.g. to close the client the store was made with). */
  onClose?: () => Promise<void>;
}

/**
 * The read store on MongoDB, as a mapping of the port: a collection per read model, its
 * declared indexes made with `createIndexes`, batches as ordered `bulkWrite`s of guarded
 * updates, checkpoints in their own collection. On a replica set a batch and its checkpoint
 * commit in one transaction; on a standalone server they cannot, and the position guards make
 * the re-delivery after a crash between them harmless.
 */
export class MongoReadStore implements ReadStore {
  private readonly definitions = new Map<string, CollectionDefinition>();
  /** Per `positions` collection, its declared tags. */
  private readonly tags = new Map<string, ReadonlySet<string>>();
  private transactional: Promise<boolean> | undefined;

  constructor(
    private readonly db: MongoDatabase,
    private readonly sessions: MongoSessions,
    private readonly options: MongoReadStoreOptions = {},
  ) {}

  /** Connects lazily to `uri` (database from the URI unless `database` is given). */
  static connect(uri: string, options: MongoReadStoreOptions & { database?: string } = {}): MongoReadStore {
    const client = new MongoClient(uri, { useBigInt64: true, ignoreUndefined: true });
    return new MongoReadStore(client.db(options.database), client, { ...options, onClose: () => client.close() });
  }

  async declare(definitions: readonly CollectionDefinition[]): Promise<void> {
    for (const definition of definitions) {
      if (definition.kind === 'positions') {
        const tags = declaredTags(definition);
        await this.db.collection(definition.name).createIndexes(toPositionIndexes(tags));
        this.definitions.set(definition.name, { name: definition.name, indexes: [], kind: 'positions', tags: [...tags] });
        this.tags.set(definition.name, new Set(tags));
        continue;
      }
      const known = this.definitions.get(definition.name);
      const indexes = [...(known?.indexes ?? [])];
      for (const index of definition.indexes) {
        const existing = indexes.find((candidate) => candidate.name === index.name);
        if (existing) assertSameIndex(definition.name, existing, index);
        else indexes.push(index);
      }
      if (indexes.length > 0) await this.db.collection(definition.name).createIndexes(indexes.map(toIndexDescription));
      this.definitions.set(definition.name, { name: definition.name, indexes });
    }
  }

  async get<D extends ReadDocument>(collection: string, id: string): Promise<D | null> {
    return (await this.collection(collection).findOne({ _id: id }, READ_OPTIONS)) as D | null;
  }

  async getMany<D extends ReadDocument>(collection: string, ids: readonly string[]): Promise<Map<string, D>> {
    if (ids.length === 0) return new Map();
    const found = await this.collection(collection).find({ _id: { $in: [...ids] } }, READ_OPTIONS).toArray();
    return new Map(found.map((document) => [document._id, document as unknown as D]));
  }

  async find<D extends ReadDocument>(collection: string, filter: IndexFilter, page: PageRequest = {}): Promise<Page<D>> {
    const limit = pageLimit(page.limit);
    const target = this.collection(collection);
    const index = indexForFilter(collection, this.definition(collection).indexes, filter);
    const found = await target
      .find(toPageQuery(filter, page.after), { ...READ_OPTIONS, sort: { _id: 1 }, limit: limit + 1, ...(index && { hint: index.name }) })
      .toArray();
    const items = found.slice(0, limit) as unknown as D[];
    return { items, nextCursor: found.length > limit ? (items[limit - 1] as D)._id : null };
  }

  async positions(collection: string, list: string, page: PositionPageRequest = {}): Promise<PositionPage> {
    const limit = pageLimit(page.limit);
    assertWellFormedWhere(collection, page.where ?? {}, this.declaredTags(collection));
    const { filter, options } = toPositionQuery(list, { ...page, limit });
    const found = await this.collection(collection).find(filter, options).toArray();
    const positions = found.slice(0, limit).map((entry) => BigInt(entry.position as bigint | number));
    return { positions, nextCursor: found.length > limit ? (positions[limit - 1] as bigint) : null };
  }

  async commit(batch: ReadBatch): Promise<CommitResult> {
    for (const write of batch.writes) {
      if (write.kind === 'position') assertWellFormedEntry(write, this.declaredTags(write.collection));
      else {
        this.definition(write.collection);
        assertWellFormedWrite(write);
      }
    }
    if (!(await this.usesTransactions())) return this.writeBatch(batch, undefined);
    const session = this.sessions.startSession();
    try {
      return await session.withTransaction((transaction) => this.writeBatch(batch, transaction));
    } finally {
      await session.endSession();
    }
  }

  async checkpoint(name: string): Promise<bigint> {
    return (await this.storedCheckpoint(name))?.position ?? 0n;
  }

  async storedCheckpoint(name: string): Promise<StoredCheckpoint | null> {
    const stored = await this.checkpoints().findOne({ _id: name }, READ_OPTIONS);
    return stored ? fromCheckpointDocument(stored) : null;
  }

  /**
   * Drops the collection (instant, however many documents it holds; a drop cannot run in a transaction), declares
   * its indexes again, and only then deletes the checkpoint: a crash before that leaves the old version stored,
   * and the next start resets the model again.
   */
  async reset(name: string): Promise<void> {
    const definition = this.definition(name);
    await this.db.collection(name).drop();
    const indexes = definition.kind === 'positions' ? toPositionIndexes([...this.declaredTags(name)]) : definition.indexes.map(toIndexDescription);
    if (indexes.length > 0) await this.db.collection(name).createIndexes(indexes);
    await this.checkpoints().deleteOne({ _id: name });
  }

  async digest(): Promise<Record<string, string>> {
    const digests: Record<string, string> = {};
    for (const name of [...this.definitions.keys()].sort()) {
      const digest = new DocumentDigest();
      if (this.definitions.get(name)?.kind === 'positions') await this.digestLists(name, digest);
      else for await (const document of this.db.collection(name).find({}, { ...READ_OPTIONS, sort: { _id: 1 } })) digest.add(document);
      digests[name] = digest.finish();
    }
    return digests;
  }

  async close(): Promise<void> {
    await this.options.onClose?.();
  }

  /** Lists as the memory store digests them (see `PositionsDigest`): entries streamed in list, then position order. */
  private async digestLists(name: string, digest: DocumentDigest): Promise<void> {
    const tags = [...this.declaredTags(name)];
    const lists = new PositionsDigest(digest, tags);
    // Values coded as they come (the digest renumbers them): per tag, value → code and code → value.
    const codes = tags.map(() => new Map<string, number>());
    const values = tags.map((): string[] => []);
    const valueOf = (column: number, code: number) => (values[column] as string[])[code] as string;
    let list: string | undefined;
    let positions: number[] = [];
    let columns: number[][] = [];
    const flush = () => {
      if (list !== undefined) lists.addList(list, positions, columns, valueOf);
    };
    for await (const entry of this.db.collection(name).find({}, { ...READ_OPTIONS, sort: { list: 1, position: 1 } })) {
      if (entry.list !== list) {
        flush();
        list = entry.list as string;
        positions = [];
        columns = tags.map(() => []);
      }
      positions.push(Number(entry.position));
      tags.forEach((tag, column) => (columns[column] as number[]).push(codeOf(entry[tag], codes[column] as Map<string, number>, values[column] as string[])));
    }
    flush();
    lists.finish();
  }

  /** Writes in order, then moves the checkpoint; inside `session`'s transaction when there is one. */
  private async writeBatch(batch: ReadBatch, session: ClientSession | undefined): Promise<CommitResult> {
    let applied = 0;
    let operations = 0;
    for (const [collection, writes] of groupByCollection(batch.writes)) {
      const models = writes.flatMap(toWriteModels);
      operations += models.length;
      const result = await this.db.collection(collection).bulkWrite(models, { ordered: true, session });
      applied += result.upsertedCount + result.modifiedCount + result.deletedCount;
    }
    const { name, position, version } = batch.checkpoint;
    await this.checkpoints().updateOne({ _id: name }, toCheckpointUpdate(position, version), { upsert: true, session });
    return { applied, skipped: operations - applied };
  }

  private usesTransactions(): Promise<boolean> {
    if (this.options.transactions !== undefined) return Promise.resolve(this.options.transactions);
    this.transactional ??= this.db.command({ hello: 1 }).then((hello) => typeof hello.setName === 'string' || hello.msg === 'isdbgrid');
    return this.transactional;
  }

  private definition(name: string): CollectionDefinition {
    const definition = this.definitions.get(name);
    if (definition === undefined) throw new UnknownCollectionError(name);
    return definition;
  }

  private declaredTags(name: string): ReadonlySet<string> {
    const tags = this.tags.get(name);
    if (tags !== undefined) return tags;
    this.definition(name);
    throw new TypeError(`collection ${name} holds documents, not positions`);
  }

  private collection(name: string): MongoCollection {
    this.definition(name);
    return this.db.collection(name);
  }

  private checkpoints(): MongoCollection {
    return this.db.collection(this.options.checkpointCollection ?? 'checkpoints');
  }
}

/** A stored tag's code in `codes`, given when first seen; -1 when the entry has none. */
function codeOf(value: unknown, codes: Map<string, number>, values: string[]): number {
  if (typeof value !== 'string') return -1;
  let code = codes.get(value);
  if (code === undefined) {
    code = values.length;
    codes.set(value, code);
    values.push(value);
  }
  return code;
}
