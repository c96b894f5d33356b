import { InMemoryEventStore } from '@behorighet/event-store';
import { MemoryReadStore } from './memory.read-store.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { ProjectionFailedError } from './read-models.errors.js';
import { appendCounted, countingProjection, recordingLogger, type StreamCount } from './testing/counting.projection.js';

const COUNTS = 'stream_counts';
const OTHERS = 'other_counts';

/** The counting read model at `version`; version 1 wrote one more field, `shape`, so that the two shapes differ. */
function counts(version: number, onEvolve?: () => void): Projection<StreamCount> {
  const current = countingProjection({ version, onEvolve });
  if (version !== 1) return current;
  const evolve: Projection<StreamCount>['evolve'] = (document, event, id) => {
    const body = current.evolve(document, event, id);
    return body && ({ ...body, shape: 'old' } as typeof body);
  };
  return { ...current, evolve };
}

/** Another read model beside it, counting its evolve calls. */
function others(calls: { evolved: number }): Projection<StreamCount> {
  return { ...countingProjection({ onEvolve: () => (calls.evolved += 1) }), name: OTHERS };
}

describe('ProjectionRunner and shape versions', () => {
  let events: InMemoryEventStore;
  let readStore: MemoryReadStore;
  const runners: ProjectionRunner<StreamCount>[] = [];

  beforeEach(() => {
    events = new InMemoryEventStore();
    readStore = new MemoryReadStore();
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await events.close();
  });

  async function seed(rounds = 3): Promise<bigint> {
    let head = 0n;
    for (let round = 0; round < rounds; round += 1) {
      for (let stream = 0; stream < 6; stream += 1) head = await appendCounted(events, `c${stream % 2}-${stream}`, 1 + (stream % 3), round * 10);
      ({ position: head } = await events.append(`closing-${round}`, [{ type: 'CategoryClosed', data: { category: `c${round % 2}` } }], { expectedRevision: 'any' }));
    }
    return head;
  }

  async function run(store: MemoryReadStore, projections: Projection<StreamCount>[], logger = recordingLogger()): Promise<ProjectionRunner<StreamCount>> {
    const runner = new ProjectionRunner<StreamCount>({ projections, events, readStore: store, batchSize: 5, logger });
    runners.push(runner);
    await runner.start();
    return runner;
  }

  /** Runs `projections` to the log head into `store` and stops. */
  async function project(store: MemoryReadStore, projections: Projection<StreamCount>[]): Promise<void> {
    const runner = await run(store, projections);
    await runner.waitFor(await events.headPosition(), 5_000);
    await runner.stop();
  }

  /** The digest of `name` rebuilt from the whole log by `projection` into a fresh store. */
  async function freshDigest(projection: Projection<StreamCount>): Promise<string | undefined> {
    const fresh = new MemoryReadStore();
    await project(fresh, [projection]);
    return (await fresh.digest())[projection.name];
  }

  it('rebuilds a model stored at an older version from the log, as a fresh rebuild, and leaves the others at their checkpoints', async () => {
    const othersCalls = { evolved: 0 };
    const first = await seed();
    await project(readStore, [counts(1), others(othersCalls)]);
    const oldDigest = (await readStore.digest())[COUNTS];
    const head = await appendCounted(events, 'c0-0', 3, 100);
    othersCalls.evolved = 0;
    let resets: string[] = [];
    const reset = readStore.reset.bind(readStore);
    readStore.reset = (name) => ((resets = [...resets, name]), reset(name));

    const logger = recordingLogger();
    const runner = await run(readStore, [counts(2), others(othersCalls)], logger);
    await runner.waitFor(head, 5_000);

    expect(logger.lines).toContain(`projection ${COUNTS}: stored shape version 1, this release has 2: rebuilding it from the log`);
    expect(resets).toEqual([COUNTS]);
    const digest = (await readStore.digest())[COUNTS];
    expect(digest).not.toBe(oldDigest);
    expect(digest).toBe(await freshDigest(counts(2)));
    expect(await readStore.storedCheckpoint(COUNTS)).toEqual({ position: head, version: 2 });
    // The other model only saw the three events appended after its checkpoint.
    expect(othersCalls.evolved).toBe(3);
    expect(first).toBeLessThan(head);
    expect(await readStore.storedCheckpoint(OTHERS)).toEqual({ position: head, version: 1 });
    expect(await runner.status(COUNTS)).toMatchObject({ state: 'live', ready: true });
  });

  it('rebuilds a model whose checkpoint has no version (stored before versions), dropping what the old code wrote', async () => {
    const head = await seed();
    await readStore.declare([{ name: COUNTS, indexes: countingProjection().indexes }]);
    // What an older release left: a document in another shape, at a position past every event that touches it.
    const stale = { _id: 'c0-0', _position: head, category: 'c0', tally: 99 } as unknown as StreamCount;
    await readStore.commit({ writes: [{ kind: 'upsert', collection: COUNTS, document: stale }], checkpoint: { name: COUNTS, position: head } });
    expect(await readStore.storedCheckpoint(COUNTS)).toEqual({ position: head, version: null });

    const logger = recordingLogger();
    const runner = await run(readStore, [counts(1)], logger);
    await runner.waitFor(head, 5_000);

    expect(logger.lines).toContain(`projection ${COUNTS}: stored shape version none, this release has 1: rebuilding it from the log`);
    expect(await readStore.get(COUNTS, 'c0-0')).not.toHaveProperty('tally');
    expect((await readStore.digest())[COUNTS]).toBe(await freshDigest(counts(1)));
    expect(await readStore.storedCheckpoint(COUNTS)).toEqual({ position: head, version: 1 });
  });

  it('fails only the model stored at a newer version (a rollback), leaves it as it is and says why in its status', async () => {
    const othersCalls = { evolved: 0 };
    await seed();
    await project(readStore, [counts(3), others(othersCalls)]);
    const stored = await readStore.storedCheckpoint(COUNTS);
    const digest = (await readStore.digest())[COUNTS];
    const head = await appendCounted(events, 'c1-1', 2, 100);
    let resets = 0;
    const reset = readStore.reset.bind(readStore);
    readStore.reset = (name) => ((resets += 1), reset(name));

    const logger = recordingLogger();
    const runner = await run(readStore, [counts(2), others(othersCalls)], logger);
    await runner.waitFor(head, 5_000, OTHERS);

    const status = await runner.status(COUNTS);
    expect(status).toMatchObject({ state: 'failed', ready: false, position: String(stored?.position) });
    expect(status.error?.message).toContain(`projection ${COUNTS} failed: stored shape version 3 is newer than this release's 2 (a rollback?)`);
    expect(logger.errors.map((error) => error.message).join('\n')).toContain('stored shape version 3 is newer');
    await expect(runner.waitFor(head, 100, COUNTS)).rejects.toBeInstanceOf(ProjectionFailedError);
    expect(resets).toBe(0);
    expect(await readStore.storedCheckpoint(COUNTS)).toEqual(stored);
    expect((await readStore.digest())[COUNTS]).toBe(digest);
    expect(await runner.status(OTHERS)).toMatchObject({ state: 'live', ready: true, position: String(head) });
  });

  it('fails at once, without reading the log, when its only model is stored at a newer version', async () => {
    await seed(1);
    await project(readStore, [counts(3)]);
    let subscribed = 0;
    const subscribeToAllPages = events.subscribeToAllPages.bind(events);
    events.subscribeToAllPages = (options) => ((subscribed += 1), subscribeToAllPages(options));

    const runner = await run(readStore, [counts(2)]);
    expect(await runner.status()).toMatchObject({ state: 'failed', ready: false, error: { message: expect.stringContaining('newer than this release') } });
    expect(subscribed).toBe(0);
  });

  it('resumes a model stored at its own version from its checkpoint, without a reset', async () => {
    let evolved = 0;
    const first = await seed();
    await project(readStore, [counts(2)]);
    const head = await appendCounted(events, 'c0-4', 4, 100);
    let resets = 0;
    const reset = readStore.reset.bind(readStore);
    readStore.reset = (name) => ((resets += 1), reset(name));

    const logger = recordingLogger();
    const runner = await run(readStore, [counts(2, () => (evolved += 1))], logger);
    await runner.waitFor(head, 5_000);

    expect(resets).toBe(0);
    expect(evolved).toBe(4);
    expect(logger.lines.join('\n')).not.toContain('rebuilding');
    expect(logger.lines).toContain(`projection ${COUNTS}: starting after position ${first}, log head ${head}`);
    expect((await readStore.digest())[COUNTS]).toBe(await freshDigest(counts(2)));
  });

  it('refuses a projection without a positive integer version', () => {
    for (const version of [0, 1.5, undefined]) {
      const projection = { ...countingProjection(), version } as Projection<StreamCount>;
      expect(() => new ProjectionRunner({ projection, events, readStore })).toThrow(/shape version as a positive integer/);
    }
  });
});
