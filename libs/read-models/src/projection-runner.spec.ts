import { InMemoryEventStore } from '@behorighet/event-store';
import { MemoryReadStore } from './memory.read-store.js';
import { ProjectionRunner } from './projection-runner.js';
import { ProjectionFailedError, ProjectionStoppedError, ReadTimeoutError } from './read-models.errors.js';
import { appendCounted, countingProjection, recordingLogger, type CountingOptions, type StreamCount } from './testing/counting.projection.js';

describe('ProjectionRunner', () => {
  let events: InMemoryEventStore;
  let readStore: MemoryReadStore;
  let runner: ProjectionRunner<StreamCount> | undefined;
  const logger = recordingLogger();

  beforeEach(() => {
    events = new InMemoryEventStore();
    readStore = new MemoryReadStore();
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await events.close();
  });

  async function start(options: CountingOptions = {}, batchSize?: number): Promise<ProjectionRunner<StreamCount>> {
    runner = new ProjectionRunner({ projection: countingProjection(options), events, readStore, batchSize, logger });
    await runner.start();
    return runner;
  }

  const count = async (stream: string) => (await readStore.get<StreamCount>('stream_counts', stream))?.count;

  it('R-READ-7 catches up with the history in batches, then follows live appends', async () => {
    await appendCounted(events, 'alpha-1', 700);
    const head = await appendCounted(events, 'beta-1', 600);
    let batches = 0;
    const commit = readStore.commit.bind(readStore);
    readStore.commit = (batch) => ((batches += 1), commit(batch));

    const running = await start({}, 500);
    await running.waitFor(head, 5_000);
    expect(await count('alpha-1')).toBe(700);
    expect(await count('beta-1')).toBe(600);
    expect(batches).toBeGreaterThanOrEqual(3);
    expect(batches).toBeLessThan(50);
    expect(await running.status()).toMatchObject({ state: 'live', ready: true, position: String(head), lag: '0' });

    const live = await appendCounted(events, 'alpha-1', 3, 700);
    await running.waitFor(live, 5_000);
    expect(await readStore.get('stream_counts', 'alpha-1')).toMatchObject({ count: 703, lastSeq: 702, _position: live });
    expect(running.position()).toBe(live);
    expect(await running.lag()).toBe(0n);
  });

  it('is not ready while it catches up, and says how far behind it is', async () => {
    const head = await appendCounted(events, 'alpha-1', 20);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const getMany = readStore.getMany.bind(readStore);
    readStore.getMany = async (collection, ids) => (await gate, getMany(collection, ids));

    const running = await start();
    expect(await running.status()).toMatchObject({ state: 'catching-up', ready: false, position: '0', head: String(head), lag: String(head) });
    release();
    await running.waitFor(head, 5_000);
    expect((await running.status()).ready).toBe(true);
  });

  it('R-READ-7 waitFor resolves at once for a reached position and later for a future one, without polling', async () => {
    const first = await appendCounted(events, 'alpha-1', 1);
    const running = await start();
    await running.waitFor(first, 1_000);
    await running.waitFor(0n, 0);

    let headReads = 0;
    const headPosition = events.headPosition.bind(events);
    events.headPosition = () => ((headReads += 1), headPosition());
    const waiting = running.waitFor(first + 2n, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const later = await appendCounted(events, 'alpha-1', 2, 1);
    await waiting;
    expect(later).toBe(first + 2n);
    expect(await count('alpha-1')).toBe(3);
    expect(headReads).toBe(0);
  });

  it('R-READ-7 waitFor rejects with ReadTimeoutError when the position is not reached in time', async () => {
    const head = await appendCounted(events, 'alpha-1', 2);
    const running = await start();
    await running.waitFor(head, 1_000);
    const started = Date.now();
    const error = await running.waitFor(head + 5n, 60).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(error).toMatchObject({ code: 'READ_TIMEOUT', wanted: head + 5n, reached: head, timeoutMs: 60 });
  });

  it('stops at a projection that throws, logs the event position, surfaces it in its status and skips nothing', async () => {
    await appendCounted(events, 'alpha-1', 3);
    const { position: poisoned } = await events.append('alpha-1', [{ type: 'Counted', data: { seq: 99 } }], { expectedRevision: 'any' });
    await appendCounted(events, 'alpha-2', 3);
    const running = await start(
      {
        onEvolve: (event) => {
          if ((event.data as { seq: number }).seq === 99) throw new Error('bad data');
        },
      },
      2,
    );
    const waiting = running.waitFor(poisoned + 3n, 5_000).catch((caught: unknown) => caught);

    const failure = await waiting;
    expect(failure).toBeInstanceOf(ProjectionFailedError);
    expect(failure).toMatchObject({ eventPosition: poisoned, eventType: 'Counted', code: 'PROJECTION_FAILED' });
    const status = await running.status();
    expect(status).toMatchObject({ state: 'failed', ready: false, error: { eventPosition: String(poisoned), eventType: 'Counted' } });
    expect(status.error?.message).toContain('bad data');
    expect(running.position()).toBeLessThan(poisoned);
    expect(await readStore.checkpoint('stream_counts')).toBe(running.position());
    expect(await readStore.get('stream_counts', 'alpha-2')).toBeNull();
    expect(logger.errors.at(-1)?.message).toContain(`at event ${poisoned}`);
    await expect(running.waitFor(poisoned, 10)).rejects.toBe(failure);
  });

  it('rejects the callers still waiting when it is stopped', async () => {
    const running = await start();
    const waiting = running.waitFor(10n, 5_000);
    await running.stop();
    await expect(waiting).rejects.toBeInstanceOf(ProjectionStoppedError);
    await expect(running.waitFor(11n, 10)).rejects.toBeInstanceOf(ProjectionStoppedError);
    expect((await running.status()).state).toBe('stopped');
  });
});
