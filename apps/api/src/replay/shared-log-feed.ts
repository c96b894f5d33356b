import type { EventStore, RecordedEvent, Subscription } from '@behorighet/event-store';

export interface SharedLogFeedOptions {
  /** Serve the log up to this position (inclusive); default: the head when the feed opens. */
  untilPosition?: bigint;
  /** Events per chunk of the shared tape; default 1000. */
  chunkSize?: number;
  /** How many chunks the fastest reader may run ahead of the slowest; default 8 (memory stays bounded). */
  maxChunksAhead?: number;
  /** Sees every event once, as it is read from the log (counts, progress). */
  onEvent?(event: RecordedEvent): void;
}

interface Reader {
  chunk: number;
}

/**
 * Reads the log once and serves the same events to several projection runners, so a rebuild of N read
 * models reads and parses the log once instead of N times. Each runner gets a finite subscription
 * (`storeFor()`): it ends at `untilPosition`, which makes a runner stop once it has applied that event.
 * Chunks every reader has passed are dropped; a reader that runs ahead waits for the slowest. Start every
 * runner first, then `release()` the feed: nothing is read before, so no runner misses the first chunks.
 */
export class SharedLogFeed {
  private readonly chunks = new Map<number, RecordedEvent[]>();
  private readonly readers = new Set<Reader>();
  private readonly source: AsyncIterator<RecordedEvent>;
  private loaded = 0;
  private ended = false;
  private reading: Promise<void> | undefined;
  private wakeReaders: Array<() => void> = [];
  private release_: () => void = () => undefined;
  private readonly released = new Promise<void>((resolve) => (this.release_ = resolve));
  private readonly chunkSize: number;
  private readonly maxAhead: number;

  private constructor(
    private readonly until: bigint,
    events: EventStore,
    private readonly options: SharedLogFeedOptions,
  ) {
    this.chunkSize = options.chunkSize ?? 1000;
    this.maxAhead = options.maxChunksAhead ?? 8;
    this.source = events.readAll({ fromPosition: 0n })[Symbol.asyncIterator]();
  }

  static async open(events: EventStore, options: SharedLogFeedOptions = {}): Promise<SharedLogFeed> {
    const head = await events.headPosition();
    const until = options.untilPosition !== undefined && options.untilPosition < head ? options.untilPosition : head;
    return new SharedLogFeed(until, events, options);
  }

  /** The last position this feed serves. */
  get untilPosition(): bigint {
    return this.until;
  }

  /** Lets the subscriptions read: call it once every runner has subscribed. */
  release(): void {
    this.release_();
  }

  /** An event store for one runner: `headPosition()` is the feed's end, `subscribeToAll()` reads the shared tape. */
  storeFor(): EventStore {
    const until = this.until;
    const unsupported = (): never => {
      throw new Error('a shared log feed only serves subscriptions');
    };
    return {
      headPosition: async () => until,
      subscribeToAll: (options) => this.subscribe(options?.fromPosition ?? 0n),
      append: unsupported,
      readStream: unsupported,
      readAll: unsupported,
      readAt: unsupported,
      close: async () => undefined,
    };
  }

  private subscribe(fromPosition: bigint): Subscription {
    const reader: Reader = { chunk: 0 };
    this.readers.add(reader);
    const leave = () => {
      this.readers.delete(reader);
      this.wake();
    };
    const chunkAt = (index: number) => this.chunkAt(index);
    const trim = () => this.trim();
    async function* events(): AsyncGenerator<RecordedEvent> {
      try {
        for (;;) {
          const chunk = await chunkAt(reader.chunk);
          if (chunk === undefined) return;
          for (const event of chunk) if (event.position > fromPosition) yield event;
          reader.chunk += 1;
          trim();
        }
      } finally {
        leave();
      }
    }
    const iterator = events();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        leave();
        await iterator.return(undefined);
      },
    };
  }

  /** Chunk `index`, read when needed; undefined past the end of the feed. */
  private async chunkAt(index: number): Promise<RecordedEvent[] | undefined> {
    await this.released;
    while (index >= this.loaded && !this.ended) {
      if (index - this.slowest() >= this.maxAhead) await new Promise<void>((wake) => this.wakeReaders.push(wake));
      else await (this.reading ??= this.readChunk().finally(() => (this.reading = undefined)));
    }
    return this.chunks.get(index);
  }

  private async readChunk(): Promise<void> {
    const chunk: RecordedEvent[] = [];
    while (chunk.length < this.chunkSize) {
      const next = await this.source.next();
      if (next.done || next.value.position > this.until) {
        this.ended = true;
        await this.source.return?.();
        break;
      }
      this.options.onEvent?.(next.value);
      chunk.push(next.value);
    }
    if (chunk.length > 0) this.chunks.set(this.loaded++, chunk);
    if (!this.ended && chunk.length > 0 && (chunk[chunk.length - 1] as RecordedEvent).position >= this.until) {
      this.ended = true;
      await this.source.return?.();
    }
    this.wake();
  }

  private slowest(): number {
    let slowest = Number.POSITIVE_INFINITY;
    for (const reader of this.readers) slowest = Math.min(slowest, reader.chunk);
    return slowest === Number.POSITIVE_INFINITY ? this.loaded : slowest;
  }

  private trim(): void {
    const keepFrom = this.slowest();
    for (const index of this.chunks.keys()) if (index < keepFrom) this.chunks.delete(index);
    this.wake();
  }

  private wake(): void {
    const waiting = this.wakeReaders;
    this.wakeReaders = [];
    for (const wake of waiting) wake();
  }
}
