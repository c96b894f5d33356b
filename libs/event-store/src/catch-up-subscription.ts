import type { RecordedEvent, Subscription } from './event-store.port.js';
import type { CommitSignal } from './commit-signal.js';
import type { EventTable } from './event-table.js';
import { READ_PAGE_SIZE } from './table-reads.js';
import { toRecordedEvent } from './stored-event.js';

export interface CatchUpOptions {
  table: EventTable;
  /** This process's commits. */
  commits: CommitSignal;
  /** How often to look for commits made by other processes while caught up; none when omitted. */
  pollIntervalMs?: number;
  /** Called once when the subscription ends, however it ends. */
  onEnd(subscription: Subscription): void;
}

/**
 * A catch-up subscription over an embedded table. It always asks the table for the events
 * after the last position it delivered, so catch-up and live are the same loop: nothing is
 * skipped and nothing repeats, whatever commits run meanwhile. It only waits right after a
 * read came back empty, in the same tick, so no commit of this process can slip between.
 */
export class CatchUpSubscription implements Subscription {
  private readonly stopped = new AbortController();
  private readonly events: AsyncGenerator<RecordedEvent>;
  private ended = false;

  constructor(
    private readonly options: CatchUpOptions,
    fromPosition: bigint,
  ) {
    this.events = this.run(fromPosition);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  async close(): Promise<void> {
    this.stopped.abort();
    await this.events.return(undefined);
    this.end();
  }

  private async *run(fromPosition: bigint): AsyncGenerator<RecordedEvent> {
    let last = fromPosition;
    try {
      while (!this.stopped.signal.aborted) {
        const page = this.options.table.readAllPage(last, READ_PAGE_SIZE);
        if (page.length === 0) {
          await this.nextChangeAfter(last);
          continue;
        }
        for (const row of page) {
          if (this.stopped.signal.aborted) return;
          last = row.position;
          yield toRecordedEvent(row);
        }
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
    this.options.onEnd(this);
  }
}
