import { InMemoryEventStore, type EventStore } from '@behorighet/event-store';
import { MemoryReadStore, ProjectionRunner, type ReadModelProjection } from '@behorighet/read-models';
import { HistoryRandom } from '../../../../libs/testing/src/history-random.js';
import { appendHistory, realisticHistory, type HistoryAppend } from '../../../../libs/testing/src/realistic-history.js';
import { PROJECTIONS } from '../read-side/projections.js';
import { rebuildReadModels } from './rebuild.js';

const quiet = { log: () => undefined, error: () => undefined };

/** Counts how often the whole log is read, to see that a rebuild reads it once for every read model. */
function countingReads(store: EventStore): EventStore & { reads: number } {
  const counted = Object.create(store) as EventStore & { reads: number };
  counted.reads = 0;
  counted.readAll = (options) => {
    counted.reads += 1;
    return store.readAll(options);
  };
  counted.subscribeToAll = (options) => {
    counted.reads += 1;
    return store.subscribeToAll(options);
  };
  counted.subscribeToAllPages = (options) => {
    counted.reads += 1;
    return store.subscribeToAllPages(options);
  };
  return counted;
}

describe('rebuilding the read models (R-READ-6)', () => {
  const history: HistoryAppend[] = [...realisticHistory({ events: 2500, seed: 3 })];
  let events: InMemoryEventStore;
  let head: bigint;

  beforeAll(async () => {
    events = new InMemoryEventStore();
    head = await appendHistory(events, history);
  });

  it('R-READ-6 gives the same digests on every rebuild of the same log, reading the log once', async () => {
    const log = countingReads(events);
    const first = await rebuildReadModels({ events: log, projections: PROJECTIONS });
    const second = await rebuildReadModels({ events: log, projections: PROJECTIONS, batchSize: 37 });
    expect(log.reads).toBe(2);
    expect(first.position).toBe(head);
    expect(Object.keys(first.digests).sort()).toEqual(PROJECTIONS.map((p) => p.name).sort());
    for (const digest of Object.values(first.digests)) expect(digest).toMatch(/^[1-9]\d*:[0-9a-f]{64}$/);
    expect(second.digests).toEqual(first.digests);
    expect([...first.eventCounts.values()].reduce((a, b) => a + b, 0)).toBe(Number(head));
    expect(first.eventCounts.get('GrantIssued')).toBeGreaterThan(50);
  });

  it('R-READ-6 as of a log position equals the read models of a log that ended there', async () => {
    const until = head / 2n;
    const shorter = new InMemoryEventStore();
    for await (const event of events.readAll({ limit: Number(until) })) {
      await shorter.append(event.stream, [{ id: event.id, type: event.type, data: event.data, metadata: event.metadata }], { expectedRevision: 'any' });
    }
    const asOf = await rebuildReadModels({ events, projections: PROJECTIONS, untilPosition: until });
    const ended = await rebuildReadModels({ events: shorter, projections: PROJECTIONS });
    expect(asOf.position).toBe(until);
    expect(asOf.digests).toEqual(ended.digests);
    expect(asOf.digests).not.toEqual((await rebuildReadModels({ events, projections: PROJECTIONS })).digests);
  });

  it('R-READ-6 a projector stopped at 20 random events and resumed each time ends equal to a full rebuild', async () => {
    const random = new HistoryRandom(42);
    const stops = Array.from({ length: 20 }, () => BigInt(random.int(1, Number(head) - 1))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const readStore = new MemoryReadStore();
    for (const stop of [...stops, undefined]) {
      const runners = PROJECTIONS.map(
        (projection: ReadModelProjection) =>
          new ProjectionRunner({ projection, events, readStore, batchSize: 1 + random.int(0, 300), untilPosition: stop, logger: quiet }),
      );
      for (const runner of runners) await runner.start();
      await Promise.all(runners.map((runner) => runner.waitFor(stop ?? head, 10_000)));
      await Promise.all(runners.map((runner) => runner.stop()));
      for (const projection of PROJECTIONS) expect(await readStore.checkpoint(projection.name)).toBe(stop ?? head);
    }
    const rebuilt = await rebuildReadModels({ events, projections: PROJECTIONS });
    expect(await readStore.digest()).toEqual(rebuilt.digests);
  });
});
