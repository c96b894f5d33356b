import type { AnyBulkWriteOperation, Collection, ClientSession, Document, Filter, FindOptions, IndexDescription } from 'mongodb';
import type { DeleteWrite, IndexDefinition, IndexFilter, PositionWrite, ReadWrite, StoredCheckpoint, UpsertWrite } from './read-store.port.js';

/** A stored document or checkpoint, as the driver sees it: ids are strings, never ObjectIds. */
export interface StoredDocument {
  _id: string;
  [field: string]: unknown;
}

/** The driver methods the adapter calls, and nothing else (what the unit tests fake). */
export type MongoCollection = Pick<Collection<StoredDocument>, 'createIndexes' | 'find' | 'findOne' | 'bulkWrite' | 'updateOne' | 'deleteOne' | 'drop'>;

export interface MongoDatabase {
  collection(name: string): MongoCollection;
  command(command: Document): Promise<Document>;
}

export type MongoSession = Pick<ClientSession, 'withTransaction' | 'endSession'>;

export interface MongoSessions {
  startSession(): MongoSession;
}

/** Reads answer int64 (our `_position`) as bigint, so documents come back as they were written. */
export const READ_OPTIONS = { useBigInt64: true } as const;

/** Each declared index, with `_id` last so that a cursor page (`_id > after`, sorted by `_id`) is an index range. */
export function toIndexDescription(index: IndexDefinition): IndexDescription {
  return { name: index.name, key: Object.fromEntries([...index.fields.map((field) => [field, 1]), ['_id', 1]]) };
}

/** Equality on the index fields (`null` also matches a missing field, as in memory) and the cursor. */
export function toPageQuery(filter: IndexFilter, after: string | undefined): Filter<StoredDocument> {
  return after === undefined ? { ...filter } : { ...filter, _id: { $gt: after } };
}

/**
 * A guarded write as one update that cannot collide: an upsert filtered on `_position` would
 * try to insert a duplicate `_id` when the stored document is newer, and in a transaction
 * that aborts the batch. Instead the pipeline keeps `$$ROOT` unless the stored position is
 * lower (or missing: a new document), and the new document goes in as a `$literal` so that
 * strings starting with `$` stay strings.
 */
export function toWriteModels(write: ReadWrite): AnyBulkWriteOperation<StoredDocument>[] {
  return write.kind === 'position' ? [toEntryModel(write)] : [toWriteModel(write)];
}

/** One small document per entry, its tags as fields (absent ones left out); inserting it twice (a re-delivered event) changes nothing. */
export function toEntryModel(write: PositionWrite): AnyBulkWriteOperation<StoredDocument> {
  const entry: Record<string, unknown> = { list: write.list, position: write.position };
  for (const [tag, value] of Object.entries(write.tags)) if (value !== undefined) entry[tag] = value;
  return { updateOne: { filter: { _id: positionEntryId(write.list, write.position) }, update: { $setOnInsert: entry }, upsert: true } };
}

export function toWriteModel(write: UpsertWrite | DeleteWrite): AnyBulkWriteOperation<StoredDocument> {
  if (write.kind === 'delete') {
    return { deleteOne: { filter: { _id: write.id, _position: { $lt: write.position } } } };
  }
  const { document } = write;
  return {
    updateOne: {
      filter: { _id: document._id },
      update: [
        {
          $replaceWith: {
            $cond: { if: { $lt: ['$_position', document._position] }, then: { $literal: document }, else: '$$ROOT' },
          },
        },
      ],
      upsert: true,
    },
  };
}

/** A position-list entry's id: the list, then the position zero-padded so that `_id` order is list order. */
export function positionEntryId(list: string, position: bigint): string {
  return `${list}\u0000${position.toString().padStart(20, '0')}`;
}

/** The index a page of a whole list is a range of. */
export const POSITION_LIST_INDEX = 'byListPosition';

/** The index of a list filtered on one tag. */
export function tagIndexName(tag: string): string {
  return `byList_${tag}_Position`;
}

/** A `positions` collection's indexes: `{ list, position }`, and `{ list, <tag>, position }` per declared tag. */
export function toPositionIndexes(tags: readonly string[]): IndexDescription[] {
  return [{ name: POSITION_LIST_INDEX, key: { list: 1, position: 1 } }, ...tags.map((tag) => ({ name: tagIndexName(tag), key: { list: 1, [tag]: 1, position: 1 } }))];
}

/**
 * A page of a list as a find: equality on the list and each `where` tag, positions after the cursor, one more than
 * the limit. The hint names the index that answers it whole (the list's, or its one tag's); with two tags or more
 * the server picks among the tag indexes.
 */
export function toPositionQuery(
  list: string,
  page: { after?: bigint; limit: number; where?: Readonly<Record<string, string | undefined>> },
): { filter: Filter<StoredDocument>; options: FindOptions } {
  const filter: Record<string, unknown> = { list };
  const tags = Object.entries(page.where ?? {}).filter(([, value]) => value !== undefined);
  for (const [tag, value] of tags) filter[tag] = value;
  if (page.after !== undefined) filter.position = { $gt: page.after };
  const hint = tags.length === 0 ? POSITION_LIST_INDEX : tags.length === 1 ? tagIndexName((tags[0] as [string, string])[0]) : undefined;
  return {
    filter: filter as Filter<StoredDocument>,
    options: { ...READ_OPTIONS, sort: { position: 1 }, limit: page.limit + 1, projection: { position: 1 }, ...(hint !== undefined && { hint }) },
  };
}

/**
 * The checkpoint only moves forward: `$max` of the stored and the new position (missing counts as lowest). The
 * shape version, when given, is set in the same update (a `$literal`, so it is never read as a field path).
 */
export function toCheckpointUpdate(position: bigint, version?: number): Document[] {
  const set: Document = { position: { $max: ['$position', position] } };
  if (version !== undefined) set.version = { $literal: version };
  return [{ $set: set }];
}

/** A stored checkpoint document as the port gives it: a version that is not a number (none stored) is null. */
export function fromCheckpointDocument(stored: StoredDocument): StoredCheckpoint {
  const { position, version } = stored;
  return {
    position: BigInt(position as bigint | number),
    version: typeof version === 'number' ? version : typeof version === 'bigint' ? Number(version) : null,
  };
}

/** Writes grouped per collection, keeping their order within each (writes to one document share a collection). */
export function groupByCollection(writes: readonly ReadWrite[]): Map<string, ReadWrite[]> {
  const groups = new Map<string, ReadWrite[]>();
  for (const write of writes) {
    const group = groups.get(write.collection);
    if (group) group.push(write);
    else groups.set(write.collection, [write]);
  }
  return groups;
}
