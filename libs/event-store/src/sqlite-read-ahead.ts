import { Worker } from 'node:worker_threads';
import { CatchUpPages, type CatchUpOptions } from './catch-up-subscription.js';
import type { LogEvent, PageSubscription } from './event-store.port.js';
import { toLogEvent } from './stored-event.js';

/** A page as the read-ahead thread posts it: columns, positions in a transferred buffer. */
interface ColumnPage {
  positions: BigInt64Array;
  streams: string[];
  types: string[];
  data: string[];
}

type ReaderMessage = ColumnPage | { done: true } | { error: string };

export interface ReadAheadOptions {
  /** The SQLite file. */
  path: string;
  /** Read the events after this position … */
  after: bigint;
  /** … up to and including this one (the head when the subscription started). */
  until: bigint;
  pageSize: number;
  /** Pages the thread may read before the main thread has taken them. */
  pagesAhead?: number;
}

const WORKER = new URL('./sqlite-read-ahead.worker.js', import.meta.url);

/**
 * A stretch of the log read by a thread of its own (`sqlite-read-ahead.worker.js`): while the main thread applies one
 * page, the next ones are being stepped through in SQLite — the larger part of reading a page, the rest being
 * JSON.parse of the data, which stays here because parsed objects cannot cross threads for less than parsing costs.
 * Pages come in position order; the stretch ends at `until`.
 */
export class ReadAhead implements AsyncIterable<readonly LogEvent[]> {
  private readonly worker: Worker;
  private readonly pages: ColumnPage[] = [];
  private done = false;
  private closed = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(options: ReadAheadOptions) {
    const { path, after, until, pageSize, pagesAhead = 4 } = options;
    this.worker = new Worker(WORKER, { workerData: { path, after: String(after), until: String(until), pageSize, pagesAhead } });
    this.worker.on('message', (message: ReaderMessage) => {
      if ('done' in message) this.done = true;
      else if ('error' in message) this.failure = new Error(`reading the log ahead failed: ${message.error}`);
      else this.pages.push(message);
      this.signal();
    });
    this.worker.on('error', (error) => {
      this.failure = new Error(`reading the log ahead failed: ${error?.message ?? String(error)}`, { cause: error });
      this.signal();
    });
    this.worker.on('exit', (code) => {
      if (!this.done && !this.closed && this.failure === undefined) this.failure = new Error(`the log's read-ahead thread stopped (exit code ${code})`);
      this.signal();
    });
  }

  async *[Symbol.asyncIterator](): AsyncIterator<readonly LogEvent[]> {
    for (;;) {
      if (this.closed) return;
      const page = this.pages.shift();
      if (page !== undefined) {
        if (!this.done) this.worker.postMessage(null);
        yield eventsOf(page);
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.done) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Stops the thread; a loop waiting for a page ends. */
  async close(): Promise<void> {
    this.closed = true;
    this.signal();
    await this.worker.terminate();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

function eventsOf({ positions, streams, types, data }: ColumnPage): LogEvent[] {
  const events = new Array<LogEvent>(positions.length);
  for (let i = 0; i < positions.length; i += 1) {
    events[i] = toLogEvent(positions[i] as bigint, streams[i] as string, types[i] as string, data[i] as string);
  }
  return events;
}

/**
 * `subscribeToAllPages` of the SQLite store when it starts far behind the head: the stretch up to the head as it
 * was is read ahead by a thread, then the usual catch-up loop (`CatchUpPages`) goes on from the last page delivered,
 * live. The same events, in the same order, as the loop alone would deliver (the pages may be cut elsewhere).
 */
export class ReadAheadSubscription implements PageSubscription {
  private readonly pages: AsyncGenerator<readonly LogEvent[]>;
  private follow: CatchUpPages<LogEvent> | undefined;
  private closed = false;

  constructor(
    private readonly readAhead: ReadAhead,
    private readonly catchUp: CatchUpOptions,
    fromPosition: bigint,
    private readonly readPage: (after: bigint) => LogEvent[],
  ) {
    this.pages = this.run(fromPosition);
  }

  [Symbol.asyncIterator](): AsyncIterator<readonly LogEvent[]> {
    return this.pages;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.readAhead.close();
    await this.follow?.close();
    await this.pages.return(undefined);
    this.catchUp.onEnd();
  }

  private async *run(fromPosition: bigint): AsyncGenerator<readonly LogEvent[]> {
    let last = fromPosition;
    try {
      for await (const page of this.readAhead) {
        last = (page[page.length - 1] as LogEvent).position;
        yield page;
      }
      if (this.closed) return;
      this.follow = new CatchUpPages(this.catchUp, last, this.readPage);
      yield* this.follow;
    } finally {
      await this.readAhead.close();
      this.catchUp.onEnd();
    }
  }
}
