import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { RecordedEvent, Subscription } from '@behorighet/event-store';

/**
 * Reads a subscription ahead of the runner so that each batch takes what has arrived: during
 * catch-up full batches, when live one event at a time. Holds at most `capacity` events; past
 * that the reading pauses until the runner takes some.
 */
export class EventBuffer {
  private queue: RecordedEvent[] = [];
  /** The subscription has ended (what is queued may still be taken). */
  private ended = false;
  /** `close()` was called: nothing more is handed out. */
  private closed = false;
  private failure: { error: unknown } | undefined;
  private wakeTaker: (() => void) | undefined;
  private wakeReader: (() => void) | undefined;
  private readonly reading: Promise<void>;

  constructor(
    private readonly subscription: Subscription,
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
  async take(max: number): Promise<RecordedEvent[]> {
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
      for await (const event of this.subscription) {
        if (this.closed) break;
        this.queue.push(event);
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
