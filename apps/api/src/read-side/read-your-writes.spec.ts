import { InMemoryEventStore } from '@behorighet/event-store';
import { defineProjection, MemoryReadStore, type ReadDocument } from '@behorighet/read-models';
import { loadAppConfig, type AppConfig } from '../config/app-config.js';
import { Readiness } from '../health/readiness.js';
import { ProblemError } from '../problem/problem.js';
import { ProjectionRunners } from './projection-runners.js';
import { ReadYourWrites } from './read-your-writes.js';

interface Tally extends ReadDocument {
  count: number;
}

const tally = defineProjection<Tally>({
  name: 'tallies',
  version: 1,
  indexes: [],
  handles: ['Ticked'],
  route: (event) => [event.stream],
  evolve: (document) => ({ count: (document?.count ?? 0) + 1 }),
});

const quiet = { log: () => undefined, error: () => undefined, warn: () => undefined };

describe('ReadYourWrites', () => {
  let events: InMemoryEventStore;
  let runners: ProjectionRunners;
  let readiness: Readiness;
  let readStore: MemoryReadStore;

  async function start(env: Record<string, string>): Promise<ReadYourWrites> {
    const config: AppConfig = loadAppConfig({ READ_WAIT_MS: '150', ...env });
    readiness = new Readiness();
    readStore = new MemoryReadStore();
    runners = new ProjectionRunners([tally], events, readStore, config, readiness);
    Object.assign(runners, { logger: quiet });
    await runners.onApplicationBootstrap();
    return new ReadYourWrites(runners, config);
  }
  const tick = async () => (await events.append('clock-1', [{ type: 'Ticked', data: {} }], { expectedRevision: 'any' })).position;

  beforeEach(() => (events = new InMemoryEventStore()));
  afterEach(async () => {
    await runners.onModuleDestroy();
    await events.close();
  });

  it('R-READ-7 answers at once without minPosition, and waits for a position written after the query began', async () => {
    const reads = await start({});
    await reads.reach(undefined, ['tallies']);
    const before = await tick();
    await reads.reach(String(before), ['tallies']);
    const pending = reads.reach(String(before + 1n), ['tallies']);
    await tick();
    await expect(pending).resolves.toBeUndefined();
    expect((await readiness.report()).projections).toMatchObject({ tallies: { ready: true, position: String(before + 1n), lag: '0' } });
  });

  it('R-READ-7 answers 503 READ_MODEL_BEHIND after READ_WAIT_MS when the read model does not get there', async () => {
    const reads = await start({});
    const started = Date.now();
    const error = await reads.reach('99', ['tallies']).catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).problem).toMatchObject({ status: 503, code: 'READ_MODEL_BEHIND', readModel: 'tallies', minPosition: '99' });
  });

  it('without the projector role runs no runner, waits on the stored checkpoint and reports it as not ready', async () => {
    await tick();
    const reads = await start({ APP_ROLES: 'api' });
    expect(runners.runner('tallies')).toBeUndefined();
    expect(await readiness.report()).toEqual({ ready: false, projections: { tallies: { position: '0', head: '1', lag: '1', ready: false } } });
    await reads.reach('0', ['tallies']);
    const error = await reads.reach('2', ['tallies']).catch((e: unknown) => e);
    expect((error as ProblemError).problem.code).toBe('READ_MODEL_BEHIND');

    // Another process (the projector) commits up to the head: this one answers ready and reads its writes.
    await readStore.declare([{ name: 'tallies', indexes: [] }]);
    const pending = reads.reach('1', ['tallies']);
    await readStore.commit({ writes: [], checkpoint: { name: 'tallies', position: 1n, version: 1 } });
    await pending;
    expect((await readiness.report()).ready).toBe(true);
  });

  it('without the projector role counts a stored read model only at its own shape version: an older one is waited for, a newer one refused', async () => {
    await tick();
    const reads = await start({ APP_ROLES: 'api' });
    await readStore.declare([{ name: 'tallies', indexes: [] }]);

    // A projector of a release from before shape versions has caught up (its commits carry no version): this release
    // cannot read that shape, and waits for its own projector.
    await readStore.commit({ writes: [], checkpoint: { name: 'tallies', position: 1n } });
    expect((await readiness.report()).projections).toEqual({
      tallies: { position: '1', head: '1', lag: '0', ready: false, error: { message: expect.stringContaining('stored shape version none, this release reads 1: waiting') } },
    });
    const behind = await reads.reach('1', ['tallies']).catch((e: unknown) => e);
    expect((behind as ProblemError).problem).toMatchObject({ status: 503, code: 'READ_MODEL_BEHIND' });

    // A newer release's projector wrote it (this process is a rollback): refused at once, and readiness says why.
    await readStore.reset('tallies');
    await readStore.commit({ writes: [], checkpoint: { name: 'tallies', position: 1n, version: 2 } });
    const started = Date.now();
    const refused = await reads.reach('1', ['tallies']).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(140);
    expect((refused as ProblemError).problem).toMatchObject({ status: 503, code: 'READ_MODEL_UNAVAILABLE', readModel: 'tallies' });
    expect((await readiness.report()).projections).toMatchObject({ tallies: { ready: false, error: { message: expect.stringContaining('newer than this release') } } });

    // This release's projector rebuilds it: ready, and the write is read.
    await readStore.reset('tallies');
    await readStore.commit({ writes: [], checkpoint: { name: 'tallies', position: 1n, version: 1 } });
    await reads.reach('1', ['tallies']);
    expect(await readiness.report()).toEqual({ ready: true, projections: { tallies: { position: '1', head: '1', lag: '0', ready: true } } });
  });
});
