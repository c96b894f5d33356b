import { InMemoryEventStore, type RecordedEvent } from '@behorighet/event-store';
import { SharedLogFeed } from './shared-log-feed.js';

async function fill(store: InMemoryEventStore, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await store.append(`s-${i % 7}`, [{ type: 'Counted', data: { i } }], { expectedRevision: 'any' });
}

async function drain(feedStore: ReturnType<SharedLogFeed['storeFor']>, fromPosition = 0n, slowEvery = 0): Promise<bigint[]> {
  const seen: bigint[] = [];
  for await (const event of feedStore.subscribeToAll({ fromPosition })) {
    seen.push(event.position);
    if (slowEvery > 0 && seen.length % slowEvery === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return seen;
}

const positions = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => BigInt(from + i));

describe('SharedLogFeed', () => {
  it('reads the log once and gives every subscriber every event in order, from its own position', async () => {
    const store = new InMemoryEventStore();
    await fill(store, 2345);
    const read: RecordedEvent[] = [];
    const feed = await SharedLogFeed.open(store, { chunkSize: 100, maxChunksAhead: 2, onEvent: (event) => read.push(event) });
    const runs = [drain(feed.storeFor()), drain(feed.storeFor(), 0n, 3), drain(feed.storeFor(), 1000n, 50)];
    feed.release();
    const [fast, slow, late] = await Promise.all(runs);
    expect(fast).toEqual(positions(1, 2345));
    expect(slow).toEqual(positions(1, 2345));
    expect(late).toEqual(positions(1001, 2345));
    expect(read.map((event) => event.position)).toEqual(positions(1, 2345));
  });

  it('ends at untilPosition and answers it as the head', async () => {
    const store = new InMemoryEventStore();
    await fill(store, 500);
    const feed = await SharedLogFeed.open(store, { untilPosition: 321n, chunkSize: 64 });
    const runner = feed.storeFor();
    expect(await runner.headPosition()).toBe(321n);
    const run = drain(runner);
    feed.release();
    expect(await run).toEqual(positions(1, 321));
  });

  it('lets the others go on when one subscriber closes early', async () => {
    const store = new InMemoryEventStore();
    await fill(store, 1000);
    const feed = await SharedLogFeed.open(store, { chunkSize: 10, maxChunksAhead: 1 });
    const quitter = feed.storeFor().subscribeToAll();
    const run = drain(feed.storeFor());
    feed.release();
    const iterator = quitter[Symbol.asyncIterator]();
    expect((await iterator.next()).value.position).toBe(1n);
    await quitter.close();
    expect(await run).toEqual(positions(1, 1000));
  });
});
