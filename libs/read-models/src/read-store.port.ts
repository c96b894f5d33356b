import type { LogEvent } from '@behorighet/event-store';
import type { InPlaceProjection, PositionProjection } from './projection.js';

/**
 * The read-model store. Shaped after MongoDB so that its adapter is a mapping: named
 * collections of documents keyed by `_id`, each document carrying the log position of the
 * last event that changed it (`_position`), equality indexes declared up front, writes
 * guarded by that position, and a per-projection checkpoint committed with the writes it covers.
 */

/** A value an index can hold. A missing field is indexed as `null` (as MongoDB does). */
export type IndexValue = string | number | boolean | null;

/** A named equality index over one or more top-level scalar fields. */
export interface IndexDefinition {
  name: string;
  fields: readonly string[];
}

/** A collection (one per read model) and the indexes its queries need. */
export interface CollectionDefinition {
  name: string;
  indexes: readonly IndexDefinition[];
  /**
   * `documents` (the default): documents by `_id`. `positions`: lists of tagged log positions, each in
   * position order — an index of the log (like EventStoreDB's by-category links): what the events say
   * is read from the log itself (`EventStore.readAt`), so a read model with an entry per event holds
   * a position and a few tags per entry, not a document. Such a collection has no indexes, declares its
   * `tags`, and takes only PositionWrites.
   */
  kind?: 'documents' | 'positions';
  /** A `positions` collection's tag names (e.g. `['type', 'member', 'actor']`): what entries carry and queries filter on. */
  tags?: readonly string[];
}

/** What every stored document has: its id and the position of the last event that changed it. */
export interface ReadDocument {
  readonly _id: string;
  readonly _position: bigint;
}

/**
 * Equality on exactly the fields of one declared index (`{ organizationId: 'o-1' }`), or `{}`
 * for the whole collection. There is no scan: a filter that matches no index is refused.
 */
export type IndexFilter = Readonly<Record<string, IndexValue>>;

export interface PageRequest {
  /** At most this many documents; default 100. */
  limit?: number;
  /** Only documents whose `_id` sorts after this one (the `nextCursor` of the previous page). */
  after?: string;
}

/** Documents in `_id` order (binary string order); `nextCursor` is null on the last page. */
export interface Page<D> {
  items: D[];
  nextCursor: string | null;
}

/** Replaces the document unless the stored one has `_position >= document._position`. */
export interface UpsertWrite {
  kind: 'upsert';
  collection: string;
  document: ReadDocument;
}

/** Removes the document unless the stored one has `_position >= position`. */
export interface DeleteWrite {
  kind: 'delete';
  collection: string;
  id: string;
  position: bigint;
}

/**
 * Appends one entry to the list `list` of a `positions` collection: the event's position and its tags (each a
 * declared tag name; a tag may be absent, or undefined, which is the same). An entry at or before the list's last position (a re-delivered
 * event) is skipped, so a list stays in log order without repeats.
 */
export interface PositionWrite {
  kind: 'position';
  collection: string;
  list: string;
  position: bigint;
  tags: Readonly<Record<string, string | undefined>>;
}

/** A page of one list of a `positions` collection. */
export interface PositionPageRequest {
  /** Only entries after this position (the `nextCursor` of the previous page). */
  after?: bigint;
  /** At most this many positions; default 100. */
  limit?: number;
  /** Only entries whose tags have these values (each a declared tag name; an undefined value asks nothing). */
  where?: Readonly<Record<string, string | undefined>>;
}

export type ReadWrite = UpsertWrite | DeleteWrite | PositionWrite;

/** Positions of one list in log order; `nextCursor` (the last position given) is null when no matching entry follows. */
export interface PositionPage {
  positions: bigint[];
  nextCursor: bigint | null;
}

/** Writes and the checkpoint that covers them: both land, or neither does. */
export interface ReadBatch {
  writes: readonly ReadWrite[];
  /**
   * Moves the named checkpoint forward to `position` (never backwards). `version`, when given, is stored with it
   * (the read model's shape version, see `ReadModelVersion`); when absent the stored one is kept.
   */
  checkpoint: { name: string; position: bigint; version?: number };
}

/** A checkpoint as stored: its position and the shape version committed with it (null: committed before versions). */
export interface StoredCheckpoint {
  position: bigint;
  version: number | null;
}

export interface CommitResult {
  /** Writes that changed the store. */
  applied: number;
  /** Writes that changed nothing: refused by the position guard (a re-delivered event), or deleting an absent document. */
  skipped: number;
}

export interface ReadStore {
  /** Creates the collections and their indexes; idempotent. Collections must be declared before use. */
  declare(collections: readonly CollectionDefinition[]): Promise<void>;

  get<D extends ReadDocument>(collection: string, id: string): Promise<D | null>;

  /** The stored documents among `ids`, keyed by id; missing ids are absent from the map. */
  getMany<D extends ReadDocument>(collection: string, ids: readonly string[]): Promise<Map<string, D>>;

  /** @throws NoIndexForFilterError when no declared index has exactly the filter's fields. */
  find<D extends ReadDocument>(collection: string, filter: IndexFilter, page?: PageRequest): Promise<Page<D>>;

  /**
   * A page of the list `list` of a `positions` collection: the positions after `after` whose entries have every
   * `where` tag equal, in log order. A list never written is empty.
   * @throws TypeError when `where` names a tag the collection did not declare.
   */
  positions(collection: string, list: string, page?: PositionPageRequest): Promise<PositionPage>;

  /**
   * Applies the writes in order, each guarded by `_position`, and moves the checkpoint,
   * atomically: on any failure nothing of the batch is visible.
   */
  commit(batch: ReadBatch): Promise<CommitResult>;

  /**
   * Optional, for a store that keeps its documents as objects (the memory store): applies an in-place projection's
   * events straight to its documents — `create` for a new id, `apply` for one whose `_position` is before the event
   * (then stamped with it), nothing for one at or past it — without documents per event, writes or a commit. The
   * caller commits the checkpoint afterwards. Events before one that fails stay applied (see `InPlaceProjection`).
   * A store without it gets in-place projections as writes of whole documents (`evolvingOf`).
   * @throws ProjectionFailedError naming the event whose routing or fold failed.
   */
  applyInPlace?(projection: InPlaceProjection<ReadDocument>, events: readonly LogEvent[], handles: ReadonlySet<string>): Promise<void>;

  /**
   * Optional, for a store that keeps its positions lists in memory: adds each event's entry (`projection.entry`)
   * straight to its list, checked as `commit` checks a position write, without writes. The caller commits the
   * checkpoint afterwards; entries before one that fails stay added (as with `applyInPlace`). A store without it
   * gets position writes.
   * @throws ProjectionFailedError naming the event whose entry failed or was malformed.
   */
  applyEntries?(projection: PositionProjection, events: readonly LogEvent[], handles: ReadonlySet<string>): Promise<void>;

  /** The position a projection's checkpoint has reached; 0n when it has none. */
  checkpoint(name: string): Promise<bigint>;

  /** The checkpoint `name` with its shape version; null when none was ever committed (or it was reset). */
  storedCheckpoint(name: string): Promise<StoredCheckpoint | null>;

  /**
   * Drops the read model `name` whole: every document or entry of its collection (which stays declared, with its
   * indexes), then its checkpoint and version, so that it can be rebuilt from the log. Atomic in memory; an adapter
   * that cannot make it atomic empties the collection first and deletes the checkpoint last, so that a crash in
   * between leaves the old version stored and the next start resets it again.
   * @throws UnknownCollectionError when the collection `name` was not declared.
   */
  reset(name: string): Promise<void>;

  /**
   * A stable hash per declared collection of all its documents in `_id` order (a positions collection: per list
   * in binary string order, its entries in position order with their tags — see `PositionsDigest`) (checkpoints
   * excluded): a rebuilt and a resumed store that hold the same documents give the same digests.
   */
  digest(): Promise<Record<string, string>>;

  close(): Promise<void>;
}

export const READ_STORE = Symbol('READ_STORE');

export const DEFAULT_PAGE_LIMIT = 100;

/** A page's size as every adapter takes it: `DEFAULT_PAGE_LIMIT` when absent, else a positive integer. */
export function pageLimit(limit: number | undefined): number {
  const value = limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`page limit must be a positive integer, got ${value}`);
  return value;
}
