import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, StreamNotFoundError } from '@behorighet/event-store';
import type { AppendResult, EventMetadata, EventStore, ExpectedRevision } from '@behorighet/event-store';

/** How a decider folds its stream: the `initial…`/`evolve…` pair of the domain. */
export interface Fold<S> {
  initial(): S;
  evolve(state: S, event: { type: string; data: unknown }): S;
}

export interface Loaded<S> {
  state: S;
  /** The stream's last revision, or 'no-stream' when it has no events. */
  revision: bigint | 'no-stream';
}

interface CacheEntry {
  fold: Fold<unknown>;
  state: unknown;
  revision: bigint;
}

/** Upcasts stored event data to the current schema before it reaches `evolve` (see libs/domain/src/upcasters.ts). */
export type Upcaster = (type: string, data: unknown) => unknown;
export const UPCASTER = Symbol('UPCASTER');

/**
 * The event-sourced write model: loads a stream's state by folding its events, and appends decided events
 * with the revision the decision was made on. States are cached per stream with their revision, and every load
 * still reads the stream's tail from the store, so a decision always sees every committed event — across
 * processes too — at the cost of one indexed read. `evolve` must be pure (it never mutates its input).
 */
@Injectable()
export class WriteModel {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly maxCached = 100_000;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(UPCASTER) private readonly upcast: Upcaster,
  ) {}

  async load<S>(stream: string, fold: Fold<S>): Promise<Loaded<S>> {
    const cached = this.cache.get(stream);
    const usable = cached && cached.fold === fold ? cached : undefined;
    let state = (usable?.state as S | undefined) ?? fold.initial();
    let revision: bigint | 'no-stream' = usable?.revision ?? 'no-stream';
    try {
      const from = revision === 'no-stream' ? 0n : revision + 1n;
      for await (const event of this.store.readStream(stream, { from })) {
        state = fold.evolve(state, { type: event.type, data: this.upcast(event.type, event.data) });
        revision = event.revision;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    if (revision !== 'no-stream' && (!usable || revision > usable.revision)) this.remember(stream, fold, state, revision);
    return { state, revision };
  }

  async append(
    stream: string,
    events: ReadonlyArray<{ id?: string; type: string; data: unknown }>,
    expectedRevision: ExpectedRevision,
    metadata: EventMetadata,
  ): Promise<AppendResult> {
    return this.store.append(
      stream,
      events.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata })),
      { expectedRevision },
    );
  }

  headPosition(): Promise<bigint> {
    return this.store.headPosition();
  }

  private remember(stream: string, fold: Fold<unknown>, state: unknown, revision: bigint): void {
    if (this.cache.size >= this.maxCached && !this.cache.has(stream)) {
      // Evict the oldest entry (Map keeps insertion order); it is reloaded from the store when needed.
      this.cache.delete(this.cache.keys().next().value as string);
    }
    this.cache.delete(stream);
    this.cache.set(stream, { fold: fold as Fold<unknown>, state, revision });
  }
}
