import type { RecordedEvent, Subscription } from './event-store.port.js';
import type { CommitSignal } from './commit-signal.js';
import type { EventTable } from './event-table.js';
import { READ_PAGE_SIZE } from './table-reads.js';
import { toRecordedEvent, type StoredEventRow } from './stored-event.js';

export interface CatchUpOptions {
  table: EventTable;
  /** This process's commits. */
  commits: CommitSignal;
  /** How often to look for commits made by other processes while caught up; none when omitted. */
  pollIntervalMs?: number;
  /** Called once when the subscription ends, however it ends. */
  onEnd(): void;
}

/**
 * A catch-up subscription over an embedded table, delivering pages as `readPage` reads them. It always asks
 * for what follows the last position it delivered, so catch-up and live are the same loop: nothing is
 * skipped and nothing repeats, whatever commits run meanwhile. It only waits right after a read came back
 * empty, in the same tick, so no commit of this process can slip between.
 */
export class CatchUpPages<T extends { position: bigint }> implements AsyncIterable<readonly T[]> {
  private readonly stopped = new AbortController();
  private readonly pages: AsyncGenerator<readonly T[]>;
  private ended = false;

  constructor(
    private readonly options: CatchUpOptions,
    fromPosition: bigint,
    /** Up to a page of what follows position `after`, in position order; empty when nothing does yet. */
    private readonly readPage: (after: bigint) => T[],
  ) {
    this.pages = this.run(fromPosition);
  }

  /** `close()` was called. */
  get closed(): boolean {
    return this.stopped.signal.aborted;
  }

  [Symbol.asyncIterator](): AsyncIterator<readonly T[]> {
    return this.pages;
  }

  async close(): Promise<void> {
    this.stopped.abort();
    await this.pages.return(undefined);
    this.end();
  }

  private async *run(fromPosition: bigint): AsyncGenerator<readonly T[]> {
    let last = fromPosition;
    try {
      while (!this.stopped.signal.aborted) {
        const page = this.readPage(last);
        if (page.length === 0) {
          await this.nextChangeAfter(last);
          continue;
        }
        last = (page[page.length - 1] as T).position;
        yield page;
      }
    } finally {
      this.end();
    }
  }

  /** Resolves at this process's next commit, when a poll finds the log past `after`, or at close. */
  private nextChangeAfter(after: bigint): Promise<void> {
    const { commits, table, pollIntervalMs } = this.options;
    const signal = this.stopped.signal;
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (error?: unknown): void => {
        clearTimeout(timer);
        cancelCommitWait();
        signal.removeEventListener('abort', onAbort);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onAbort = (): void => settle();
      const cancelCommitWait = commits.once(() => settle());
      signal.addEventListener('abort', onAbort);
      if (pollIntervalMs === undefined) return;
      const poll = (): void => {
        try {
          if (table.headPosition() > after) settle();
          else timer = setTimeout(poll, pollIntervalMs).unref();
        } catch (error) {
          settle(error);
        }
      };
      timer = setTimeout(poll, pollIntervalMs).unref();
    });
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.options.onEnd();
  }
}

/** The per-event subscription: the table's rows a page at a time, each handed out as a RecordedEvent. */
export class CatchUpSubscription implements Subscription {
  private readonly pages: CatchUpPages<StoredEventRow>;
  private readonly events: AsyncGenerator<RecordedEvent>;

  constructor(options: CatchUpOptions, fromPosition: bigint) {
    this.pages = new CatchUpPages(options, fromPosition, (after) => options.table.readAllPage(after, READ_PAGE_SIZE));
    this.events = this.run();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  async close(): Promise<void> {
    await this.pages.close();
    await this.events.return(undefined);
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    for await (const page of this.pages) {
      for (const row of page) {
        if (this.pages.closed) return;
        yield toRecordedEvent(row);
      }
    }
  }
}
