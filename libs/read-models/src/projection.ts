import type { LogEvent } from '@behorighet/event-store';
import type { IndexDefinition, IndexFilter, ReadDocument } from './read-store.port.js';

/** A document as a projection writes it: the runner stamps `_id` and `_position`. */
export type DocumentBody<Doc extends ReadDocument> = Omit<Doc, '_id' | '_position'>;

/**
 * `body` as document `id` at `position`. Stamped first, spread after, stamped again: `{ ...body, _id }` would leave
 * V8 a slack-filled object (~4x the bytes), and a body spread from an old document carries its old stamps.
 */
export function stamped<Doc extends ReadDocument>(id: string, position: bigint, body: DocumentBody<Doc>): Doc {
  const document = { _id: id, _position: position, ...body } as Record<string, unknown>;
  document._id = id;
  document._position = position;
  return document as unknown as Doc;
}

/**
 * Which documents an event changes: an id, or every document that an index lookup finds
 * (e.g. `{ filter: { memberId } }` to close all open intervals of a member). The lookup sees
 * the writes of earlier events in the same batch.
 */
export type DocumentTarget = string | { filter: IndexFilter };

/**
 * A read model: one collection, its indexes, and a pure `evolve` per document
 * (Eventuous/Emmett style). The runner loads each target document, skips it when its stored
 * `_position` is at or past the event (so a re-delivered event changes nothing), calls
 * `evolve`, and writes the result guarded by the event's position.
 *
 * Neither `route` nor `evolve` may read the clock or do I/O: a replay must give the same documents.
 */
export interface Projection<Doc extends ReadDocument = ReadDocument> {
  /** The read model's name: its collection and its checkpoint. */
  readonly name: string;
  /** The shape version of what it writes (see `ReadModelVersion`): bump it and the next start rebuilds this model. */
  readonly version: ReadModelVersion;
  readonly indexes: readonly IndexDefinition[];
  /** The event types it reacts to; other events only move its checkpoint. */
  readonly handles: readonly string[];
  /** The documents `event` changes; empty when it changes none. */
  route(event: LogEvent): readonly DocumentTarget[];
  /**
   * The next version of document `id` (`null` before it exists); return `null` to delete it.
   * The document is frozen (in memory): return a new body. A read model whose documents only grow by a fold is an
   * `InPlaceProjection` instead.
   */
  evolve(document: Doc | null, event: LogEvent, id: string): DocumentBody<Doc> | null;
}

/**
 * A document read model whose documents are folded in place (the domain's organization and member states): the
 * first event of a document makes it (`create`), each later one changes it where it is (`apply`) — no new document
 * per event. For a model that most of the log goes through, the copy per event cost more than the fold itself.
 *
 * Rules, beyond those of `Projection`:
 * - `route` names documents by id (no index lookups), and a document is never deleted.
 * - `apply` must not change an indexed field (a store keeps its index entries from `create` on): it fails the event.
 * - A document belongs to its read model and is changed while readers may hold it: a reader may see it ahead of the
 *   model's checkpoint. A batch that fails part-way leaves its earlier events applied in memory (the model stops,
 *   shows the failure in `/health/ready`, and is rebuilt from the log at the next start); MongoDB writes none of it.
 *
 * A store that keeps documents as objects (the memory store, `ReadStore.applyInPlace`) applies these straight to its
 * documents; any other store runs them through the generic batch (`evolvingOf`), on the copies it loads.
 */
export interface InPlaceProjection<Doc extends ReadDocument = ReadDocument> {
  readonly kind: 'in-place';
  readonly name: string;
  readonly version: ReadModelVersion;
  readonly indexes: readonly IndexDefinition[];
  readonly handles: readonly string[];
  /** The ids of the documents `event` changes; empty when it changes none. */
  route(event: LogEvent): readonly string[];
  /** The body of the document `event` makes, `event` applied to it; null when it makes none. */
  create(id: string, event: LogEvent): DocumentBody<Doc> | null;
  /** Applies `event` to the document where it is. */
  apply(document: Doc, event: LogEvent, id: string): void;
}

/**
 * An in-place projection as an evolving one, for stores that load copies of the documents (MongoDB): the copy a
 * batch loaded (or made) is changed in place and written back whole. Same documents as the memory store's path.
 */
export function evolvingOf<Doc extends ReadDocument>(projection: InPlaceProjection<Doc>): Projection<Doc> {
  return {
    name: projection.name,
    version: projection.version,
    indexes: projection.indexes,
    handles: projection.handles,
    route: (event) => projection.route(event),
    evolve(document, event, id) {
      if (document === null) return projection.create(id, event);
      const { _id, _position, ...body } = document;
      applyKeepingIndexed(projection, body as unknown as Doc, event, id);
      return body as DocumentBody<Doc>;
    },
  };
}

/**
 * `projection.apply` of `event` to `document`, refusing a change of an indexed field (InPlaceProjection's rule). The
 * common cases, no index or one index of one field, make no array per event.
 * @throws TypeError when `apply` changed an indexed field.
 */
export function applyKeepingIndexed<Doc extends ReadDocument>(projection: InPlaceProjection<Doc>, document: Doc, event: LogEvent, id: string): void {
  const { indexes } = projection;
  const fields = document as unknown as Record<string, unknown>;
  if (indexes.length === 0) {
    projection.apply(document, event, id);
  } else if (indexes.length === 1 && indexes[0]?.fields.length === 1) {
    const field = indexes[0].fields[0] as string;
    const before = fields[field];
    projection.apply(document, event, id);
    if (fields[field] !== before) throw indexedFieldChanged(projection.name, id);
  } else {
    const before = indexedValues(indexes, fields);
    projection.apply(document, event, id);
    if (indexedValues(indexes, fields).some((value, i) => value !== before[i])) throw indexedFieldChanged(projection.name, id);
  }
}

function indexedFieldChanged(name: string, id: string): TypeError {
  return new TypeError(`read model ${name}: an in-place fold changed the indexed field of document ${id}`);
}

function indexedValues(indexes: readonly IndexDefinition[], fields: Readonly<Record<string, unknown>>): unknown[] {
  const values: unknown[] = [];
  for (const index of indexes) for (const field of index.fields) values.push(fields[field]);
  return values;
}

/**
 * A read model that indexes the log: for each event it handles, one entry (see `CollectionDefinition.kind:
 * 'positions'`) — the list that gets the event's position, and the entry's tags (some of `tags`) that pages
 * filter on. What an entry says is read from the log when a page is shown (`EventStore.readAt`). `entry` must
 * be pure, like `route`.
 */
export interface PositionProjection {
  readonly kind: 'positions';
  readonly name: string;
  /** The shape version of its entries (see `ReadModelVersion`). */
  readonly version: ReadModelVersion;
  readonly handles: readonly string[];
  /** The tag names its entries may carry. */
  readonly tags: readonly string[];
  /** The entry `event` makes; null when it makes none. */
  entry(event: LogEvent): PositionEntry | null;
}

/** What a PositionProjection says of one event: its list and its tags (absent ones left out or undefined). */
export interface PositionEntry {
  list: string;
  tags: Readonly<Record<string, string | undefined>>;
}

/**
 * A read model's shape version: a positive integer stored with its checkpoint. Bump it with any change to what
 * the projection writes (fields, ids, lists, tags, which events it handles) or to how its documents are read:
 * at the next start the runner finds the stored version older, drops the model whole and rebuilds it from the
 * log, while the other read models resume from their checkpoints. A stored version newer than the code's (a
 * rollback) is never dropped: that model fails and says why.
 */
export type ReadModelVersion = number;

/** Any read model a ProjectionRunner keeps. */
export type ReadModelProjection = Projection<ReadDocument> | InPlaceProjection<ReadDocument> | PositionProjection;

export function isInPlaceProjection(projection: ReadModelProjection | Projection<never> | InPlaceProjection<never>): projection is InPlaceProjection<ReadDocument> {
  return (projection as InPlaceProjection).kind === 'in-place';
}

export function isPositionProjection(projection: ReadModelProjection | Projection<never> | InPlaceProjection<never>): projection is PositionProjection {
  return (projection as PositionProjection).kind === 'positions';
}

/** Declares a projection with its document type inferred (no runtime effect). */
export function defineProjection<Doc extends ReadDocument>(projection: Projection<Doc>): Projection<Doc> {
  return projection;
}

/** Declares an in-place projection with its document type inferred (no runtime effect). */
export function defineInPlaceProjection<Doc extends ReadDocument>(projection: InPlaceProjection<Doc>): InPlaceProjection<Doc> {
  return projection;
}
