import { jest } from '@jest/globals';
import { EVENT_STORE, type EventStore, type LogEvent, type PageSubscription } from '@behorighet/event-store';
import { MemoryReadStore, ProjectionRunner, READ_STORE, type ReadStore } from '@behorighet/read-models';
import { bearer, startTestApp, type TestApp } from '@behorighet/testing';
import { PROJECTIONS } from '../../apps/api/src/read-side/projections.js';
import { buildReadWorld, Commands, type ReadWorld } from './read-side.fixture.js';

const quiet = { log: () => undefined, error: () => undefined };

/** The log as a subscriber would see it if the transport delivered every event twice in a row. */
function deliveringTwice(store: EventStore): EventStore {
  return Object.assign(Object.create(store) as EventStore, {
    subscribeToAllPages(options?: { fromPosition?: bigint }): PageSubscription {
      const inner = store.subscribeToAllPages(options);
      return {
        close: () => inner.close(),
        async *[Symbol.asyncIterator](): AsyncIterator<readonly LogEvent[]> {
          for await (const page of inner) yield page.flatMap((event) => [event, event]);
        },
      };
    },
  });
}

/** Every registered read model, rebuilt from `events` into a fresh store (from `fromPosition` when given). */
async function rebuild(events: EventStore, readStore: ReadStore = new MemoryReadStore(), fromPosition?: bigint): Promise<ReadStore> {
  const head = await events.headPosition();
  for (const projection of PROJECTIONS) {
    const runner = new ProjectionRunner({ projection, events, readStore, logger: quiet, ...(fromPosition === undefined ? {} : { fromPosition }) });
    await runner.start();
    await runner.waitFor(head, 10_000);
    await runner.stop();
  }
  return readStore;
}

describe('read your writes, readiness and re-delivery', () => {
  let t: TestApp;
  let w: ReadWorld;
  beforeAll(async () => {
    t = await startTestApp({ READ_WAIT_MS: '300', JOBS_ENABLED: '0' });
    w = await buildReadWorld(t);
  });
  afterAll(() => t.close());

  it('R-READ-7 a query given the position a command answered sees that command’s effect', async () => {
    const c = new Commands(t);
    for (let i = 0; i < 5; i++) {
      const memberId = await c.member(w.a.id, w.a.mr, `ryw-${i}`, { unitId: w.a.hr });
      const res = await t.http.get(`/v1/organizations/${w.a.id}/overview`).query({ minPosition: c.position, limit: 1000 }).set('authorization', w.a.mr).expect(200);
      expect(res.body.items.map((m: { memberId: string }) => m.memberId)).toContain(memberId);
      const me = await t.http.get('/v1/me').query({ minPosition: c.position }).set('authorization', await bearer(t, `ryw-${i}`)).expect(200);
      expect(me.body.memberships).toEqual([expect.objectContaining({ memberId })]);
    }
  });

  it('R-READ-7 answers 503 READ_MODEL_BEHIND (problem+json) when the read model does not reach minPosition within READ_WAIT_MS', async () => {
    const head = await t.app.get<EventStore>(EVENT_STORE).headPosition();
    const started = Date.now();
    const res = await t.http.get(`/v1/organizations/${w.a.id}/overview`).query({ minPosition: String(head + 1000n) }).set('authorization', w.a.mr).expect(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 503, code: 'READ_MODEL_BEHIND', minPosition: String(head + 1000n) });
  });

  it('R-READ-7 /health/ready answers 503 with positions and lag while the read models catch up after a restart, then 200', async () => {
    const head = await t.app.get<EventStore>(EVENT_STORE).headPosition();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const commit = MemoryReadStore.prototype.commit;
    const held = jest.spyOn(MemoryReadStore.prototype, 'commit').mockImplementation(async function (this: MemoryReadStore, batch) {
      await gate;
      return commit.call(this, batch);
    });
    try {
      t = await t.restart();
      const behind = await t.http.get('/health/ready').expect(503);
      expect(behind.body).toMatchObject({ status: 'catching-up', ready: false });
      for (const projection of PROJECTIONS) {
        expect(behind.body.projections[projection.name]).toMatchObject({ ready: false, position: '0', head: String(head), lag: String(head) });
      }
      release();
      const caughtUp = await t.http.get('/v1/me').query({ minPosition: String(head) }).set('authorization', w.a.mr).expect(200);
      expect(caughtUp.body.memberships).toHaveLength(1);
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body.status).toBe('ready');
      for (const projection of PROJECTIONS) expect(ready.body.projections[projection.name]).toMatchObject({ ready: true, position: String(head), lag: '0' });
    } finally {
      release();
      held.mockRestore();
    }
  });

  it('R-READ-6 every event delivered twice gives the same read models (digest) as the live app and a single delivery', async () => {
    const events = t.app.get<EventStore>(EVENT_STORE);
    await t.http.get('/v1/me').query({ minPosition: String(await events.headPosition()) }).set('authorization', w.a.mr).expect(200);
    const live = await t.app.get<ReadStore>(READ_STORE).digest();
    const once = await rebuild(events);
    expect(await once.digest()).toEqual(live);
    expect(await (await rebuild(deliveringTwice(events))).digest()).toEqual(live);
    // A second full delivery over the same store changes nothing either.
    expect(await (await rebuild(events, once, 0n)).digest()).toEqual(live);
    expect(Object.keys(live).sort()).toEqual(PROJECTIONS.map((p) => p.name).sort());
  });
});
