import type { LogEvent } from '@behorighet/event-store';
import type { IndexDefinition, IndexFilter, ReadDocument } from './read-store.port.js';

/** A document as a projection writes it: the runner stamps `_id` and `_position`. */
export type DocumentBody<Doc extends ReadDocument> = Omit<Doc, '_id' | '_position'>;

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
   * The document's own fields are frozen. What they hold (a domain state) may be changed in place when this read
   * model alone owns it — the organization and member states are folded so, the domain's copying fold being
   * most of a replay's cost — with two consequences: a reader may see such a state ahead of the model's
   * checkpoint, and a batch that fails part-way leaves the events before the failure applied to it (the model
   * then stops, shows the failure in `/health/ready`, and is rebuilt from the log at the next start in memory).
   */
  evolve(document: Doc | null, event: LogEvent, id: string): DocumentBody<Doc> | null;
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
export type ReadModelProjection = Projection<ReadDocument> | PositionProjection;

export function isPositionProjection(projection: ReadModelProjection | Projection<never>): projection is PositionProjection {
  return (projection as PositionProjection).kind === 'positions';
}

/** Declares a projection with its document type inferred (no runtime effect). */
export function defineProjection<Doc extends ReadDocument>(projection: Projection<Doc>): Projection<Doc> {
  return projection;
}
