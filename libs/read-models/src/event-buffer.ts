import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { LogEvent } from '@behorighet/event-store';

/** A subscription delivering pages of events (`EventStore.subscribeToAllPages`, or `inPagesOfOne`). */
export interface PagedEvents<E extends LogEvent> extends AsyncIterable<readonly E[]> {
  close(): Promise<void>;
}

/**
 * Reads a subscription ahead of the runner so that each batch takes what has arrived: during
 * catch-up full batches, when live what each commit added. Holds about `capacity` events (a page
 * more at most); past that the reading pauses until the runner takes some.
 */
export class EventBuffer<E extends LogEvent = LogEvent> {
  private queue: E[] = [];
  /** The subscription has ended (what is queued may still be taken). */
  private ended = false;
  /** `close()` was called: nothing more is handed out. */
  private closed = false;
  private failure: { error: unknown } | undefined;
  private wakeTaker: (() => void) | undefined;
  private wakeReader: (() => void) | undefined;
  private readonly reading: Promise<void>;

  constructor(
    private readonly subscription: PagedEvents<E>,
    private readonly capacity: number,
  ) {
    this.reading = this.read();
  }

  /**
   * Waits for at least one event, then takes up to `max` (after letting the reader fill the
   * buffer for one turn of the event loop). An empty answer means the subscription ended or
   * the buffer was closed.
   * @throws what the subscription threw.
   */
  async take(max: number): Promise<E[]> {
    while (this.queue.length === 0 && !this.ended && !this.closed) await new Promise<void>((wake) => (this.wakeTaker = wake));
    if (this.queue.length > 0 && this.queue.length < max && !this.ended && this.wakeReader === undefined) {
      await nextMacrotask();
    }
    if (this.closed) return [];
    if (this.queue.length === 0) {
      if (this.failure) throw this.failure.error;
      return [];
    }
    const events = this.queue.length <= max ? this.queue : this.queue.slice(0, max);
    this.queue = this.queue.length <= max ? [] : this.queue.slice(max);
    this.wake('reader');
    return events;
  }

  /** Closes the subscription and waits for the reading to end. */
  async close(): Promise<void> {
    this.closed = true;
    this.wake('reader');
    this.wake('taker');
    await this.subscription.close();
    await this.reading;
  }

  private async read(): Promise<void> {
    try {
      for await (const page of this.subscription) {
        if (this.closed) break;
        for (const event of page) this.queue.push(event);
        this.wake('taker');
        if (this.queue.length >= this.capacity) await new Promise<void>((wake) => (this.wakeReader = wake));
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.ended = true;
      this.wake('taker');
    }
  }

  private wake(who: 'taker' | 'reader'): void {
    const wake = who === 'taker' ? this.wakeTaker : this.wakeReader;
    if (who === 'taker') this.wakeTaker = undefined;
    else this.wakeReader = undefined;
    wake?.();
  }
}
