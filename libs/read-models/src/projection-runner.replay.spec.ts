import { InMemoryEventStore, type EventStore, type LogEvent, type PageSubscription } from '@behorighet/event-store';
import { MemoryReadStore } from './memory.read-store.js';
import { ProjectionRunner } from './projection-runner.js';
import { ProjectionStoppedError } from './read-models.errors.js';
import { appendCounted, countingProjection, recordingLogger, type CountingOptions } from './testing/counting.projection.js';

/**
 * Delivers every event of the log twice in a row, as an at-least-once subscription may after a reconnect:
 * each page with its events doubled, then the page again.
 */
function deliveringTwice(store: EventStore): EventStore {
  const subscribeToAllPages = (options?: { fromPosition?: bigint }): PageSubscription => {
    const inner = store.subscribeToAllPages(options);
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator](): AsyncIterator<readonly LogEvent[]> {
        for await (const page of inner) {
          yield page.flatMap((event) => [event, event]);
          yield page;
        }
      },
    };
  };
  return Object.assign(Object.create(store) as EventStore, { subscribeToAllPages });
}

/** A log of 4 categories × 5 streams with closings in between, so documents are found through the index. */
async function seedLog(events: EventStore, rounds = 6): Promise<bigint> {
  let head = 0n;
  for (let round = 0; round < rounds; round += 1) {
    for (let stream = 0; stream < 20; stream += 1) head = await appendCounted(events, `c${stream % 4}-${stream}`, 1 + (stream % 3), round * 10);
    const category = `c${round % 4}`;
    ({ position: head } = await events.append(`closing-${round}`, [{ type: 'CategoryClosed', data: { category } }], { expectedRevision: 'any' }));
  }
  return head;
}

describe('ProjectionRunner replay (R-READ-6)', () => {
  const logger = recordingLogger();
  let events: InMemoryEventStore;
  const runners: ProjectionRunner[] = [];

  beforeEach(() => {
    events = new InMemoryEventStore();
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await events.close();
  });

  async function project(
    readStore: MemoryReadStore,
    options: { log?: EventStore; batchSize?: number; fromPosition?: bigint; counting?: CountingOptions } = {},
  ): Promise<ProjectionRunner> {
    const runner = new ProjectionRunner({
      projection: countingProjection(options.counting),
      events: options.log ?? events,
      readStore,
      batchSize: options.batchSize,
      fromPosition: options.fromPosition,
      logger,
    });
    runners.push(runner as unknown as ProjectionRunner);
    await runner.start();
    await runner.waitFor(await events.headPosition(), 10_000);
    return runner as unknown as ProjectionRunner;
  }

  it('gives the same documents whatever the batch size (index lookups see the batch in hand)', async () => {
    await seedLog(events);
    const big = new MemoryReadStore();
    const single = new MemoryReadStore();
    await project(big, { batchSize: 500 });
    await project(single, { batchSize: 1 });
    const digest = await big.digest();
    expect(digest.stream_counts).toMatch(/^20:/);
    expect(await single.digest()).toEqual(digest);
    const closed = await big.find<{ closed: boolean } & { _id: string; _position: bigint }>('stream_counts', { category: 'c1' });
    expect(closed.items.map((item) => item.closed)).toEqual([true, true, true, true, true]);
  });

  it('changes nothing when every event is delivered twice', async () => {
    await seedLog(events);
    const once = new MemoryReadStore();
    const twice = new MemoryReadStore();
    await project(once);
    await project(twice, { log: deliveringTwice(events), batchSize: 7 });
    expect(await twice.digest()).toEqual(await once.digest());
  });

  it('changes nothing when re-run from position 0 over an existing store, and evolves no document again', async () => {
    const head = await seedLog(events);
    const readStore = new MemoryReadStore();
    await project(readStore);
    const before = await readStore.digest();
    let evolved = 0;
    const rerun = await project(readStore, { fromPosition: 0n, counting: { onEvolve: () => (evolved += 1) } });
    expect(rerun.position()).toBe(head);
    expect(await readStore.digest()).toEqual(before);
    expect(evolved).toBe(0);
    expect(await readStore.checkpoint('stream_counts')).toBe(head);
  });

  it('leaves no gap when events are appended while it catches up', async () => {
    await Promise.all(['a-1', 'a-2', 'b-1'].map((stream) => appendCounted(events, stream, 400)));
    const readStore = new MemoryReadStore();
    const runner = new ProjectionRunner({ projection: countingProjection(), events, readStore, batchSize: 50, logger });
    runners.push(runner as unknown as ProjectionRunner);
    await runner.start();
    const appended = await Promise.all(['a-1', 'b-2', 'c-1'].map((stream) => appendCounted(events, stream, 300, 400)));
    const head = await events.headPosition();
    expect(appended.some((position) => position === head)).toBe(true);
    await runner.waitFor(head, 10_000);

    const counts = await readStore.getMany<{ count: number; _id: string; _position: bigint }>('stream_counts', ['a-1', 'a-2', 'b-1', 'b-2', 'c-1']);
    expect(Object.fromEntries([...counts].map(([id, doc]) => [id, doc.count]))).toEqual({ 'a-1': 700, 'a-2': 400, 'b-1': 400, 'b-2': 300, 'c-1': 300 });
  });

  it('stops after the event at untilPosition: the read model as of that point in the log', async () => {
    await appendCounted(events, 'a-1', 10);
    const readStore = new MemoryReadStore();
    const runner = new ProjectionRunner({ projection: countingProjection(), events, readStore, batchSize: 4, untilPosition: 6n, logger });
    runners.push(runner as unknown as ProjectionRunner);
    await runner.start();
    await runner.waitFor(6n, 5_000);
    await expect(runner.waitFor(7n, 5_000)).rejects.toBeInstanceOf(ProjectionStoppedError);

    expect(await readStore.get('stream_counts', 'a-1')).toMatchObject({ count: 6, lastSeq: 5, _position: 6n });
    expect(await readStore.checkpoint('stream_counts')).toBe(6n);
    expect(await runner.status()).toMatchObject({ state: 'stopped', position: '6', ready: false });
  });

  it('continues from the stored checkpoint after a restart without applying any event again', async () => {
    await seedLog(events, 3);
    const readStore = new MemoryReadStore();
    const first = await project(readStore);
    await first.stop();
    const checkpoint = await readStore.checkpoint('stream_counts');
    expect(checkpoint).toBe(await events.headPosition());

    await seedLog(events, 2);
    const seen: bigint[] = [];
    await project(readStore, { counting: { onEvolve: (event) => seen.push(event.position) } });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((position) => position > checkpoint)).toBe(true);

    const rebuilt = new MemoryReadStore();
    await project(rebuilt);
    expect(await readStore.digest()).toEqual(await rebuilt.digest());
  });
});
