import type { PageSubscription, RecordedEvent, Subscription } from './event-store.port.js';

/**
 * A per-event subscription as pages of one event each, for consumers that take pages (the read models' runner,
 * the scheduler's log followers) over a source that delivers one event at a time (EventStoreDB's `$all`). The
 * events keep all their fields; a page consumer reads only the ones it needs.
 */
export function inPagesOfOne(subscription: Subscription): PageSubscription & AsyncIterable<readonly RecordedEvent[]> {
  async function* pages(): AsyncGenerator<readonly RecordedEvent[]> {
    for await (const event of subscription) yield [event];
  }
  const iterator = pages();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      await subscription.close();
      await iterator.return(undefined);
    },
  };
}
