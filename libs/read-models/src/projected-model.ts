import type { LogEvent } from '@behorighet/event-store';
import {
  evolvingOf,
  isInPlaceProjection,
  isPositionProjection,
  type InPlaceProjection,
  type PositionEntry,
  type PositionProjection,
  type Projection,
} from './projection.js';
import { ProjectionBatch } from './projection-batch.js';
import { PositionWaiters } from './position-waiters.js';
import { assertReadModelVersion } from './read-model-versions.js';
import { ProjectionFailedError, ProjectionStoppedError, ReadTimeoutError } from './read-models.errors.js';
import type { CollectionDefinition, ReadDocument, ReadStore, ReadWrite } from './read-store.port.js';

/**
 * One read model inside a ProjectionRunner: its projection, the position it has committed, who waits for
 * it, and its failure. A model that fails stays where it was (its checkpoint is not moved past the event
 * it could not apply) while the runner goes on feeding the others.
 */
export class ProjectedModel<Doc extends ReadDocument = ReadDocument> {
  reached = 0n;
  failure: ProjectionFailedError | undefined;
  /** Reached the log head it was started against once (and has been following since). */
  caughtUp = false;
  private readonly waiters = new PositionWaiters();
  private readonly handles: ReadonlySet<string>;

  constructor(readonly projection: Projection<Doc> | InPlaceProjection<Doc> | PositionProjection) {
    assertReadModelVersion(projection.name, projection.version);
    this.handles = new Set(projection.handles);
  }

  get name(): string {
    return this.projection.name;
  }

  /** Its collection, as the store declares it. */
  get collection(): CollectionDefinition {
    const { projection } = this;
    return isPositionProjection(projection)
      ? { name: projection.name, indexes: [], kind: 'positions', tags: projection.tags }
      : { name: projection.name, indexes: projection.indexes };
  }

  /** Applies the events past this model's position and commits them with its checkpoint at `last`. */
  async apply(events: readonly LogEvent[], last: bigint, store: ReadStore): Promise<void> {
    if (this.failure || last <= this.reached) return;
    const first = events[0] as LogEvent;
    const fresh = first.position > this.reached ? events : events.filter((event) => event.position > this.reached);
    const writes = await this.writes(fresh, store);
    await store.commit({ writes, checkpoint: { name: this.name, position: last, version: this.projection.version } });
    this.reached = last;
    this.waiters.reached(last);
  }

  private async writes(events: readonly LogEvent[], store: ReadStore): Promise<ReadWrite[]> {
    const { projection } = this;
    if (isInPlaceProjection(projection)) {
      // The memory store changes its documents where they are (no writes); any other gets whole documents.
      if (store.applyInPlace === undefined) return new ProjectionBatch(evolvingOf(projection as InPlaceProjection<Doc>), store).apply(events, this.handles);
      await store.applyInPlace(projection, events, this.handles);
      return [];
    }
    if (!isPositionProjection(projection)) return new ProjectionBatch(projection, store).apply(events, this.handles);
    if (store.applyEntries !== undefined) {
      // The memory store adds the entries to its lists as they come (no writes).
      await store.applyEntries(projection, events, this.handles);
      return [];
    }
    // One entry per event: the store checks its tag names against the declaration, once per write.
    const collection = this.name;
    const writes: ReadWrite[] = [];
    for (const event of events) {
      if (!this.handles.has(event.type)) continue;
      let entry: PositionEntry | null;
      try {
        entry = projection.entry(event);
      } catch (error) {
        throw new ProjectionFailedError(this.name, event.position, event.type, { cause: error });
      }
      if (entry !== null) writes.push({ kind: 'position', collection, list: entry.list, position: event.position, tags: entry.tags });
    }
    return writes;
  }

  waitFor(position: bigint, timeoutMs: number, stopped: boolean): Promise<void> {
    if (position <= this.reached) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    if (stopped) return Promise.reject(new ProjectionStoppedError(this.name));
    return this.waiters.wait(position, timeoutMs, () => new ReadTimeoutError(this.name, position, this.reached, timeoutMs));
  }

  fail(error: unknown): ProjectionFailedError {
    const failure = error instanceof ProjectionFailedError ? error : new ProjectionFailedError(this.name, undefined, undefined, { cause: error });
    this.failure = failure;
    this.waiters.rejectAll(failure);
    return failure;
  }

  stop(): void {
    this.waiters.rejectAll(new ProjectionStoppedError(this.name));
  }
}
