import { setTimeout as sleep } from 'node:timers/promises';
import {
  AccessDeniedError,
  InvalidArgumentError,
  UnsupportedError,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
} from '@eventstore/db-client';
import type { RecordedEvent, Subscription } from './event-store.port.js';
import { readPositionAfter, toRecordedEvent, type EsdbClient } from './esdb.mapping.js';

/** How a dropped subscription comes back. */
export interface ResubscribeOptions {
  /** Delay before the first retry; it doubles with each consecutive failure. */
  initialDelayMs: number;
  /** The bound of that backoff. */
  maxDelayMs: number;
  /** Consecutive failures after which the error reaches the consumer instead. */
  maxAttempts: number;
  /** Hears of every drop that is retried, so that none passes unseen. */
  onRetry(error: unknown, attempt: number, delayMs: number): void;
}

export const DEFAULT_RESUBSCRIBE: ResubscribeOptions = {
  initialDelayMs: 100,
  maxDelayMs: 5_000,
  maxAttempts: 30,
  onRetry: (error, attempt, delayMs) =>
    console.warn(
      `EventStoreDB subscription dropped (${error instanceof Error ? error.message : String(error)}); ` +
        `resubscribing in ${delayMs} ms, attempt ${attempt}`,
    ),
};

/** Drops that a retry cannot mend: the consumer hears of them at once. */
function isPermanent(error: unknown): boolean {
  return error instanceof AccessDeniedError || error instanceof InvalidArgumentError || error instanceof UnsupportedError;
}

/**
 * A catch-up subscription to `$all` (system events filtered out by the server) that outlives
 * dropped connections: it resubscribes from the last position it delivered and skips anything
 * at or before it, so a drop neither repeats nor loses an event.
 */
export class EsdbSubscription implements Subscription {
  private readonly stopped = new AbortController();
  private readonly events: AsyncGenerator<RecordedEvent>;
  private current: AllStreamSubscription | undefined;

  constructor(
    private readonly client: Pick<EsdbClient, 'subscribeToAll'>,
    fromPosition: bigint,
    private readonly retry: ResubscribeOptions,
    /** Called when the subscription ends, however it ends (possibly more than once). */
    private readonly onEnd: (subscription: EsdbSubscription) => void,
  ) {
    this.events = this.run(fromPosition);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  async close(): Promise<void> {
    this.stopped.abort();
    await this.current?.unsubscribe();
    await this.events.return(undefined);
    this.onEnd(this);
  }

  private async *run(fromPosition: bigint): AsyncGenerator<RecordedEvent> {
    const signal = this.stopped.signal;
    let last = fromPosition;
    let attempt = 0;
    try {
      while (!signal.aborted) {
        const subscription = this.client.subscribeToAll({
          fromPosition: readPositionAfter(last),
          filter: excludeSystemEvents(),
        });
        this.current = subscription;
        let dropped: unknown = new Error('EventStoreDB ended the subscription');
        try {
          const answers = subscription[Symbol.asyncIterator]();
          for (;;) {
            let answer: IteratorResult<AllStreamResolvedEvent>;
            try {
              answer = await answers.next();
            } catch (error) {
              dropped = error;
              break;
            }
            if (answer.done) break;
            const event = toRecordedEvent(answer.value);
            // The server may start at `last` itself (reads from a position are inclusive).
            if (event === undefined || event.position <= last) continue;
            attempt = 0;
            last = event.position;
            yield event;
          }
        } finally {
          this.current = undefined;
          await subscription.unsubscribe();
        }
        if (signal.aborted) return;
        attempt += 1;
        if (isPermanent(dropped) || attempt > this.retry.maxAttempts) throw dropped;
        const delayMs = Math.min(this.retry.maxDelayMs, this.retry.initialDelayMs * 2 ** (attempt - 1));
        this.retry.onRetry(dropped, attempt, delayMs);
        try {
          await sleep(delayMs, undefined, { signal });
        } catch (error) {
          if (signal.aborted) return;
          throw error;
        }
      }
    } finally {
      this.onEnd(this);
    }
  }
}
