import { InMemoryEventStore, type EventStore } from '@behorighet/event-store';
import { MemoryReadStore } from './memory.read-store.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { ProjectionFailedError } from './read-models.errors.js';
import { appendCounted, countingProjection, recordingLogger, type CountingOptions, type StreamCount } from './testing/counting.projection.js';

/** The counting read model under another name, so that two of them can share a runner. */
function named(name: string, options: CountingOptions = {}): Projection<StreamCount> {
  return { ...countingProjection(options), name };
}

describe('ProjectionRunner with several read models', () => {
  let events: InMemoryEventStore;
  let readStore: MemoryReadStore;
  let runner: ProjectionRunner<StreamCount> | undefined;

  beforeEach(() => {
    events = new InMemoryEventStore();
    readStore = new MemoryReadStore();
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await events.close();
  });

  /** Counts the reads of the log through the runner's subscription. */
  function counting(store: EventStore): { store: EventStore; delivered: () => number } {
    let delivered = 0;
    const subscribe = store.subscribeToAllPages.bind(store);
    const wrapped: EventStore = Object.create(store) as EventStore;
    wrapped.subscribeToAll = () => {
      throw new Error('the runner reads the log in pages');
    };
    wrapped.subscribeToAllPages = (options) => {
      const subscription = subscribe(options);
      const iterator = subscription[Symbol.asyncIterator]();
      return {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            const next = await iterator.next();
            if (!next.done) delivered += next.value.length;
            return next;
          },
          return: iterator.return?.bind(iterator),
        }),
        close: () => subscription.close(),
      };
    };
    return { store: wrapped, delivered: () => delivered };
  }

  it('R-READ-6 reads the log once for all of them and gives each its own checkpoint', async () => {
    const head = await appendCounted(events, 'alpha-1', 300);
    const { store, delivered } = counting(events);
    runner = new ProjectionRunner({ projections: [named('counts_a'), named('counts_b'), named('counts_c')], events: store, readStore, batchSize: 64, logger: recordingLogger() });
    await runner.start();
    await runner.waitFor(head, 5_000);

    expect(delivered()).toBe(300);
    for (const name of ['counts_a', 'counts_b', 'counts_c']) {
      expect(await readStore.checkpoint(name)).toBe(head);
      expect(await readStore.get<StreamCount>(name, 'alpha-1')).toMatchObject({ count: 300 });
      expect(await runner.status(name)).toMatchObject({ name, state: 'live', ready: true, position: String(head) });
    }
  });

  it('starts from the lowest checkpoint and applies to each model only what it has not seen', async () => {
    const first = await appendCounted(events, 'alpha-1', 40);
    const ahead = new ProjectionRunner({ projection: named('counts_a'), events, readStore, logger: recordingLogger() });
    await ahead.start();
    await ahead.waitFor(first, 5_000);
    await ahead.stop();
    const head = await appendCounted(events, 'alpha-1', 10, 40);

    runner = new ProjectionRunner({ projections: [named('counts_a'), named('counts_b')], events, readStore, batchSize: 7, logger: recordingLogger() });
    await runner.start();
    await runner.waitFor(head, 5_000);
    expect(await readStore.get<StreamCount>('counts_a', 'alpha-1')).toMatchObject({ count: 50, lastSeq: 49 });
    expect(await readStore.get<StreamCount>('counts_b', 'alpha-1')).toMatchObject({ count: 50, lastSeq: 49 });
  });

  it('stops only the model whose projection throws; the others go on and skip nothing', async () => {
    await appendCounted(events, 'alpha-1', 5);
    const { position: poisoned } = await events.append('alpha-1', [{ type: 'Counted', data: { seq: 99 } }], { expectedRevision: 'any' });
    const head = await appendCounted(events, 'alpha-2', 5);
    const failing = named('counts_bad', {
      onEvolve: (event) => {
        if ((event.data as { seq: number }).seq === 99) throw new Error('bad data');
      },
    });
    runner = new ProjectionRunner({ projections: [failing, named('counts_good')], events, readStore, batchSize: 2, logger: recordingLogger() });
    await runner.start();

    await runner.waitFor(head, 5_000, 'counts_good');
    expect(await readStore.get<StreamCount>('counts_good', 'alpha-2')).toMatchObject({ count: 5 });
    const failure = await runner.waitFor(head, 1_000, 'counts_bad').catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(ProjectionFailedError);
    expect(failure).toMatchObject({ eventPosition: poisoned });
    expect(await readStore.checkpoint('counts_bad')).toBeLessThan(poisoned);
    expect(await runner.status('counts_bad')).toMatchObject({ state: 'failed', ready: false });
    expect(await runner.status('counts_good')).toMatchObject({ state: 'live', ready: true });
    await expect(runner.waitFor(head, 1_000)).rejects.toBe(failure);
  });
});
