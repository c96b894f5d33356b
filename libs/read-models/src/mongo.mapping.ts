import type { AnyBulkWriteOperation, Collection, ClientSession, Document, Filter, IndexDescription } from 'mongodb';
import { listKeyText, type DeleteWrite, type IndexDefinition, type IndexFilter, type ListKey, type ReadWrite, type UpsertWrite } from './read-store.port.js';

/** A stored document or checkpoint, as the driver sees it: ids are strings, never ObjectIds. */
export interface StoredDocument {
  _id: string;
  [field: string]: unknown;
}

/** The driver methods the adapter calls, and nothing else (what the unit tests fake). */
export type MongoCollection = Pick<Collection<StoredDocument>, 'createIndexes' | 'find' | 'findOne' | 'bulkWrite' | 'updateOne'>;

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
  if (write.kind !== 'position') return [toWriteModel(write)];
  // One small document per entry; inserting it twice (a re-delivered event) changes nothing.
  return write.keys.map((key) => ({
    updateOne: { filter: { _id: positionEntryId(key, write.position) }, update: { $setOnInsert: { key: listKeyText(key), position: write.position } }, upsert: true },
  }));
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

/** A position-list entry's id: the key, then the position zero-padded so that `_id` order is list order. */
export function positionEntryId(key: ListKey, position: bigint): string {
  return `${listKeyText(key)}\u0000${position.toString().padStart(20, '0')}`;
}

/** The one index of a `positions` collection: a page of a list is a range of it. */
export const POSITION_LIST_INDEX: IndexDescription = { name: 'byKeyPosition', key: { key: 1, position: 1 } };

/** The checkpoint only moves forward: `$max` of the stored and the new position (missing counts as lowest). */
export function toCheckpointUpdate(position: bigint): Document[] {
  return [{ $set: { position: { $max: ['$position', position] } } }];
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
