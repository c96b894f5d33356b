import type { LogEvent } from '@behorighet/event-store';
import { InMemoryEventStore } from '@behorighet/event-store';
import { MemoryReadStore } from './memory.read-store.js';
import { defineInPlaceProjection, evolvingOf, type PositionProjection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { ProjectionFailedError } from './read-models.errors.js';
import type { ReadDocument, ReadStore } from './read-store.port.js';
import { recordingLogger } from './testing/counting.projection.js';

interface Tally extends ReadDocument {
  category: string;
  ticks: number[];
}

/** A tally per stream, in its category (indexed, fixed by the first event); `Recategorized` breaks the rule on purpose. */
const tallies = defineInPlaceProjection<Tally>({
  kind: 'in-place',
  name: 'tallies',
  version: 1,
  indexes: [{ name: 'byCategory', fields: ['category'] }],
  handles: ['Ticked', 'Recategorized'],
  route: (event) => [event.stream],
  create: (_id, event) => ({ category: (event.data as { category: string }).category, ticks: [(event.data as { n: number }).n] }),
  apply(document, event) {
    if (event.type === 'Recategorized') document.category = (event.data as { category: string }).category;
    else document.ticks.push((event.data as { n: number }).n);
  },
});

const tick = (position: bigint, stream: string, n: number, category = 'a'): LogEvent => ({ position, stream, type: 'Ticked', data: { n, category } });
const HANDLES = new Set(tallies.handles);

describe('in-place projections (R-READ-1)', () => {
  it('change the memory store\'s documents where they are, stamped with each event, and skip events at or before a stamp', async () => {
    const store = new MemoryReadStore();
    await store.declare([{ name: 'tallies', indexes: tallies.indexes }]);
    await store.applyInPlace(tallies, [tick(1n, 's-1', 1), tick(2n, 's-2', 2, 'b')], HANDLES);
    const first = await store.get<Tally>('tallies', 's-1');
    await store.applyInPlace(tallies, [tick(3n, 's-1', 3), tick(1n, 's-1', 1), tick(2n, 's-2', 2)], HANDLES);

    const again = await store.get<Tally>('tallies', 's-1');
    expect(again).toBe(first);
    expect(again).toEqual({ _id: 's-1', _position: 3n, category: 'a', ticks: [1, 3] });
    expect(await store.get<Tally>('tallies', 's-2')).toEqual({ _id: 's-2', _position: 2n, category: 'b', ticks: [2] });
    expect((await store.find<Tally>('tallies', { category: 'b' })).items.map((d) => d._id)).toEqual(['s-2']);
  });

  it('fail the event that changes an indexed field, naming it, with the index left as it was', async () => {
    const store = new MemoryReadStore();
    await store.declare([{ name: 'tallies', indexes: tallies.indexes }]);
    await store.applyInPlace(tallies, [tick(1n, 's-1', 1)], HANDLES);
    const moved: LogEvent = { position: 2n, stream: 's-1', type: 'Recategorized', data: { category: 'z' } };

    const error = await store.applyInPlace(tallies, [moved], HANDLES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionFailedError);
    expect(error).toMatchObject({ projection: 'tallies', eventPosition: 2n, eventType: 'Recategorized' });
    expect(((error as Error).cause as Error).message).toMatch(/changed the indexed field of document s-1/);
    expect((await store.find<Tally>('tallies', { category: 'a' })).items.map((d) => d._id)).toEqual(['s-1']);
  });

  it('give a store without the in-place path the same documents, written whole (evolvingOf)', async () => {
    const events = new InMemoryEventStore();
    for (let i = 0; i < 30; i += 1) await events.append(`s-${i % 4}`, [{ type: 'Ticked', data: { n: i, category: i % 4 < 2 ? 'a' : 'b' } }], { expectedRevision: 'any' });
    const folded = new MemoryReadStore();
    const whole: ReadStore = Object.assign(new MemoryReadStore(), { applyInPlace: undefined });
    for (const readStore of [folded, whole]) {
      const runner = new ProjectionRunner({ projection: tallies, events, readStore, logger: recordingLogger(), batchSize: 7 });
      await runner.start();
      await runner.waitFor(30n, 5_000);
      await runner.stop();
    }
    expect(await whole.digest()).toEqual(await folded.digest());
    expect(await folded.get<Tally>('tallies', 's-0')).toMatchObject({ _position: 29n, ticks: [0, 4, 8, 12, 16, 20, 24, 28] });
    // Written whole, a document is a new (frozen) object per batch; folded in place, it stays the same object.
    expect(Object.isFrozen(await whole.get('tallies', 's-0'))).toBe(true);
    expect(Object.isFrozen(await folded.get('tallies', 's-0'))).toBe(false);
    expect(evolvingOf(tallies).evolve(null, tick(1n, 's-9', 9), 's-9')).toEqual({ category: 'a', ticks: [9] });
    await events.close();
  });
});

/** Per stream, the positions of its events, tagged with the type; `Broken` makes an entry with an undeclared tag. */
const byStream: PositionProjection = {
  kind: 'positions',
  name: 'by_stream',
  version: 1,
  handles: ['Ticked', 'Broken'],
  tags: ['type'],
  entry: (event) => ({ list: event.stream, tags: event.type === 'Broken' ? { colour: 'red' } : { type: event.type } }),
};

describe('positions read models in the memory store (applyEntries)', () => {
  it('give the same lists as position writes, and skip a re-delivered entry', async () => {
    const events = new InMemoryEventStore();
    for (let i = 0; i < 30; i += 1) await events.append(`s-${i % 3}`, [{ type: i % 5 === 0 ? 'Other' : 'Ticked', data: { n: i } }], { expectedRevision: 'any' });
    const direct = new MemoryReadStore();
    const written: ReadStore = Object.assign(new MemoryReadStore(), { applyEntries: undefined });
    let directBatches = 0;
    const applyEntries = direct.applyEntries.bind(direct);
    direct.applyEntries = (...args) => ((directBatches += 1), applyEntries(...args));
    for (const readStore of [direct, written]) {
      const runner = new ProjectionRunner({ projection: byStream, events, readStore, logger: recordingLogger(), batchSize: 4 });
      await runner.start();
      await runner.waitFor(30n, 5_000);
      await runner.stop();
    }
    expect(directBatches).toBeGreaterThan(0);
    expect(await direct.digest()).toEqual(await written.digest());
    const page = await direct.positions('by_stream', 's-1', { where: { type: 'Ticked' } });
    expect(page.positions).toEqual([2n, 5n, 8n, 14n, 17n, 20n, 23n, 29n]);

    await direct.applyEntries(byStream, [tick(29n, 's-1', 0)], new Set(byStream.handles));
    expect((await direct.positions('by_stream', 's-1')).positions).toHaveLength(8);
    await events.close();
  });

  it('fail the event whose entry is malformed, naming it, with the entries before it added', async () => {
    const store = new MemoryReadStore();
    await store.declare([{ name: 'by_stream', indexes: [], kind: 'positions', tags: byStream.tags }]);
    const broken: LogEvent = { position: 2n, stream: 's-1', type: 'Broken', data: {} };
    const error = await store.applyEntries(byStream, [tick(1n, 's-1', 1), broken, tick(3n, 's-1', 3)], new Set(byStream.handles)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionFailedError);
    expect(error).toMatchObject({ projection: 'by_stream', eventPosition: 2n, eventType: 'Broken' });
    expect(((error as Error).cause as Error).message).toMatch(/names the tag colour, which the collection does not declare/);
    expect((await store.positions('by_stream', 's-1')).positions).toEqual([1n]);
  });
});
