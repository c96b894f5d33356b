import { inPagesOfOne } from './event-pages.js';
import { InMemoryEventStore } from './in-memory.event-store.js';
import type { RecordedEvent } from './event-store.port.js';

describe('inPagesOfOne', () => {
  it('hands out a per-event subscription as pages of one event, all fields kept, and ends a waiting loop on close()', async () => {
    const store = new InMemoryEventStore();
    await store.append('s-1', [1, 2, 3].map((seq) => ({ type: 'Counted', data: { seq }, metadata: { actor: 'a' } })), { expectedRevision: 'no-stream' });
    const pages = inPagesOfOne(store.subscribeToAll());
    const seen: (readonly RecordedEvent[])[] = [];
    const consuming = (async () => {
      for await (const page of pages) seen.push(page);
    })();
    while (seen.length < 3) await new Promise((resolve) => setTimeout(resolve, 1));
    await pages.close();
    await consuming;
    expect(seen.map((page) => page.length)).toEqual([1, 1, 1]);
    expect(seen.map(([event]) => [event?.position, event?.revision, event?.data, event?.metadata])).toEqual([
      [1n, 0n, { seq: 1 }, { actor: 'a' }],
      [2n, 1n, { seq: 2 }, { actor: 'a' }],
      [3n, 2n, { seq: 3 }, { actor: 'a' }],
    ]);
    await store.close();
  });
});
