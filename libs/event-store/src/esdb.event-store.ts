import { inPagesOfOne } from './event-pages.js';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  jsonEvent,
  type Direction,
  type JSONType,
  type ReadPosition,
} from '@eventstore/db-client';
import {
  EventNotFoundError,
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type LogEvent,
  type PageSubscription,
  type Subscription,
} from './event-store.port.js';
import {
  commitPositionOf,
  readPositionAfter,
  toActualRevision,
  toEsdbExpectedRevision,
  toPortError,
  toRecordedEvent,
  type EsdbClient,
} from './esdb.mapping.js';
import { DEFAULT_RESUBSCRIBE, EsdbSubscription, type ResubscribeOptions } from './esdb.subscription.js';
import { prepareEvents } from './stored-event.js';

export interface EsdbEventStoreOptions {
  /** How dropped subscriptions come back; defaults to 100 ms doubling up to 5 s, 30 attempts. */
  resubscribe?: Partial<ResubscribeOptions>;
}

/**
 * The production event log on EventStoreDB. A mapping only: expected revisions, idempotent
 * retries (same event ids at the same expected revision) and ordering are the server's.
 * Positions are commit positions: unique and increasing, not gap-free (see esdb.mapping.ts).
 */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly resubscribe: ResubscribeOptions;

  constructor(
    private readonly client: EsdbClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.resubscribe = { ...DEFAULT_RESUBSCRIBE, ...options.resubscribe };
  }

  /** Connects with an EventStoreDB connection string, e.g. `esdb://localhost:2113?tls=false`. */
  static connect(connectionString: string, options?: EsdbEventStoreOptions): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async append(stream: string, events: readonly NewEvent[], { expectedRevision }: AppendOptions): Promise<AppendResult> {
    // The embedded adapters' validation and JSON round trip, so every adapter stores the same values.
    const proposed = prepareEvents(stream, events).map((event) =>
      jsonEvent({
        id: event.id,
        type: event.type,
        data: JSON.parse(event.data) as JSONType,
        metadata: JSON.parse(event.metadata) as JSONType,
      }),
    );
    let result;
    try {
      result = await this.client.appendToStream(stream, proposed, {
        expectedRevision: toEsdbExpectedRevision(expectedRevision),
      });
    } catch (error) {
      throw toPortError(error, stream, expectedRevision);
    }
    // Only when the connection string says `throwOnAppendFailure=false`.
    if (!result.success) {
      throw new WrongExpectedVersionError(stream, expectedRevision, toActualRevision(result.nextExpectedRevision));
    }
    const position =
      commitPositionOf(result.position) ?? (await this.positionOfRevision(stream, result.nextExpectedRevision));
    return { nextRevision: result.nextExpectedRevision, position };
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(stream, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.from ?? (backwards ? END : START),
      ...(options.limit === undefined ? {} : { maxCount: options.limit }),
    });
    try {
      yield* recordedEvents(read);
    } catch (error) {
      throw toPortError(error, stream);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const after = options.fromPosition ?? 0n;
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    for await (const event of this.all(FORWARDS, readPositionAfter(after))) {
      if (event.position <= after) continue;
      yield event;
      remaining -= 1;
      if (remaining <= 0) return;
    }
  }

  /** One forward read of `$all` from each position (a commit position is where its event starts). */
  async readAt(positions: readonly bigint[]): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for (const position of positions) {
      let found: RecordedEvent | undefined;
      for await (const event of this.all(FORWARDS, { commit: position, prepare: position })) {
        if (event.position === position) found = event;
        break;
      }
      if (found === undefined) throw new EventNotFoundError(position);
      events.push(found);
    }
    return events;
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const subscription = new EsdbSubscription(this.client, options.fromPosition ?? 0n, this.resubscribe, (ended) =>
      this.subscriptions.delete(ended),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** EventStoreDB reads whole events: `readAt`'s. */
  readLogAt(positions: readonly bigint[]): Promise<LogEvent[]> {
    return this.readAt(positions);
  }

  /** One event per page: EventStoreDB pushes `$all` an event at a time, with every field read already. */
  subscribeToAllPages(options: SubscribeOptions = {}): PageSubscription {
    return inPagesOfOne(this.subscribeToAll(options));
  }

  async headPosition(): Promise<bigint> {
    for await (const event of this.all(BACKWARDS, END)) return event.position;
    return 0n;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /**
   * `$all` without system events. The v6 client offers no server-side filter on reads (only on
   * subscriptions), so they are dropped here; the read is cancelled when the caller stops early.
   */
  private async *all(direction: Direction, fromPosition: ReadPosition): AsyncGenerator<RecordedEvent> {
    yield* recordedEvents(this.client.readAll({ direction, fromPosition }));
  }

  /** The server answers an idempotent retry without a position: find where that revision was written. */
  private async positionOfRevision(stream: string, revision: bigint): Promise<bigint> {
    for await (const event of this.readStream(stream, { from: revision, limit: 1 })) return event.position;
    throw new Error(`EventStoreDB reported ${stream} at revision ${revision}, but that event cannot be read`);
  }
}

/** The events of a read, skipping what does not map to one; the read is cancelled when the caller stops early. */
async function* recordedEvents(
  read: AsyncIterable<Parameters<typeof toRecordedEvent>[0]> & { cancel(): Promise<void> },
): AsyncGenerator<RecordedEvent> {
  let finished = false;
  try {
    for await (const answer of read) {
      const event = toRecordedEvent(answer);
      if (event !== undefined) yield event;
    }
    finished = true;
  } finally {
    if (!finished) await read.cancel();
  }
}
