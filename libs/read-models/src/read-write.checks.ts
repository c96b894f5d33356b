import type { CollectionDefinition, DeleteWrite, PositionWrite, UpsertWrite } from './read-store.port.js';

/**
 * Refuses a malformed document write before any write of its batch is applied; every adapter calls it
 * (and `assertWellFormedEntry` for position writes), so a batch fails whole the same way everywhere.
 */
export function assertWellFormedWrite(write: UpsertWrite | DeleteWrite): void {
  const id = write.kind === 'upsert' ? write.document._id : write.id;
  const position = write.kind === 'upsert' ? write.document._position : write.position;
  if (typeof id !== 'string' || id === '') {
    throw new TypeError(`collection ${write.collection}: a ${write.kind} needs a non-empty string _id`);
  }
  if (typeof position !== 'bigint' || position < 1n) {
    throw new TypeError(`collection ${write.collection}: ${write.kind} of ${id} needs a positive bigint position`);
  }
}

/** A positions collection's declared tags, as adapters look them up. */
export type DeclaredTags = ReadonlySet<string> | ReadonlyMap<string, unknown>;

/** Refuses an entry without a list, with a position lists cannot hold, or with a tag its collection did not declare. */
export function assertWellFormedEntry(write: PositionWrite, declared: DeclaredTags): void {
  assertWellFormedEntryOf(write.collection, write.list, write.position, write.tags, declared);
}

/** `assertWellFormedEntry` of an entry given as its parts (the memory store's `applyEntries` makes no write object). */
export function assertWellFormedEntryOf(
  collection: string,
  list: unknown,
  position: unknown,
  tags: unknown,
  declared: DeclaredTags,
): asserts tags is Readonly<Record<string, string | undefined>> {
  if (typeof list !== 'string' || list === '') throw new TypeError(`collection ${collection}: a position needs a non-empty string list`);
  if (typeof position !== 'bigint' || position < 1n || position > MAX_LIST_POSITION) {
    throw new TypeError(`collection ${collection}: a position must be a bigint from 1 to 2^53 - 1, got ${String(position)}`);
  }
  if (typeof tags !== 'object' || tags === null) throw new TypeError(`collection ${collection}: a position needs its tags (an object)`);
  assertDeclaredTags(collection, tags as Readonly<Record<string, unknown>>, declared, 'an entry');
}

/** Refuses a `where` that names an undeclared tag or compares with a non-string. */
export function assertWellFormedWhere(collection: string, where: Readonly<Record<string, unknown>>, declared: DeclaredTags): void {
  assertDeclaredTags(collection, where, declared, 'a query');
}

/** The tags a positions collection declares: distinct non-empty names, none of the stored entry's own fields. */
export function declaredTags(definition: CollectionDefinition): readonly string[] {
  const tags = definition.tags;
  if (!Array.isArray(tags)) throw new TypeError(`collection ${definition.name}: a positions collection declares its tags`);
  const names = tags as readonly unknown[];
  if (new Set(names).size !== names.length || names.some((tag) => typeof tag !== 'string' || tag === '' || RESERVED_TAGS.has(tag) || tag.startsWith('$') || tag.includes('.'))) {
    throw new TypeError(`collection ${definition.name}: tags must be distinct non-empty names other than ${[...RESERVED_TAGS].join(', ')}, without '$' or '.'`);
  }
  return tags;
}

function assertDeclaredTags(collection: string, tags: Readonly<Record<string, unknown>>, declared: DeclaredTags, what: string): void {
  for (const name in tags) {
    if (!declared.has(name)) throw new TypeError(`collection ${collection}: ${what} names the tag ${name}, which the collection does not declare`);
    const value = tags[name];
    // An undefined tag is an absent one (MongoDB's driver leaves it out too).
    if (value !== undefined && typeof value !== 'string') throw new TypeError(`collection ${collection}: tag ${name} must be a string`);
  }
}

/** An entry's own fields in MongoDB, which a tag may not shadow. */
const RESERVED_TAGS: ReadonlySet<string> = new Set(['_id', 'list', 'position']);

/** Position lists keep positions as doubles: exact up to 2^53 (an EventStoreDB log of 9 PB). */
export const MAX_LIST_POSITION = BigInt(Number.MAX_SAFE_INTEGER);
