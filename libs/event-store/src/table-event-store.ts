import { CatchUpPages, CatchUpSubscription, type CatchUpOptions } from './catch-up-subscription.js';
import { CommitSignal } from './commit-signal.js';
import { EventStoreClosedError } from './event-store.errors.js';
import {
  EventNotFoundError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type LogEvent,
  type NewEvent,
  type PageSubscription,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-store.port.js';
import type { EventTable } from './event-table.js';
import { toRecordedEvent } from './stored-event.js';
import { readAllFromTable, readStreamFromTable } from './table-reads.js';

/** Log events per page of `subscribeToAllPages`: a replay's batch (see the read models' ProjectionRunner). */
export const LOG_PAGE_SIZE = 500;

/**
 * What the embedded stores share: reads, catch-up subscriptions and the open/closed lifecycle over an
 * {@link EventTable}. Each store brings its own table and its own way of committing appends.
 */
export abstract class TableEventStore implements EventStore {
  protected readonly commits = new CommitSignal();
  private readonly subscriptions = new Set<{ close(): Promise<void> }>();
  protected closed = false;

  protected constructor(
    protected readonly table: EventTable,
    /** How often a caught-up subscription looks for commits of other processes; undefined: never. */
    private readonly pollIntervalMs?: number,
  ) {}

  abstract append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    return readStreamFromTable(this.table, stream, options);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    return readAllFromTable(this.table, options);
  }

  async readAt(positions: readonly bigint[]): Promise<RecordedEvent[]> {
    this.assertOpen();
    return everyOne(positions, this.table.readAt(positions)).map(toRecordedEvent);
  }

  async readLogAt(positions: readonly bigint[]): Promise<LogEvent[]> {
    this.assertOpen();
    return everyOne(positions, this.table.readLogAt(positions));
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    return this.follow((catchUp) => new CatchUpSubscription(catchUp, options.fromPosition ?? 0n));
  }

  subscribeToAllPages(options: SubscribeOptions = {}): PageSubscription {
    return this.follow((catchUp) => new CatchUpPages<LogEvent>(catchUp, options.fromPosition ?? 0n, this.logPageAfter));
  }

  /** The page of log events after a position that a paged subscription reads next. */
  protected readonly logPageAfter = (after: bigint): LogEvent[] => this.table.readLogPage(after, LOG_PAGE_SIZE);

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return this.table.headPosition();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.beforeClose();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.afterClose();
  }

  /** Runs once closing starts, before the subscriptions end (e.g. commit what is queued). */
  protected async beforeClose(): Promise<void> {}

  /** Runs once the subscriptions have ended (e.g. close the file). */
  protected async afterClose(): Promise<void> {}

  /** Opens a subscription over the table that closing the store ends. */
  protected follow<S extends { close(): Promise<void> }>(open: (catchUp: CatchUpOptions) => S): S {
    this.assertOpen();
    const subscription = open({
      table: this.table,
      commits: this.commits,
      ...(this.pollIntervalMs === undefined ? {} : { pollIntervalMs: this.pollIntervalMs }),
      onEnd: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  protected assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

/** The rows found at `positions`, or EventNotFoundError for the first position that holds none. */
function everyOne<R>(positions: readonly bigint[], rows: readonly (R | undefined)[]): R[] {
  rows.forEach((row, i) => {
    if (row === undefined) throw new EventNotFoundError(positions[i] as bigint);
  });
  return rows as R[];
}
