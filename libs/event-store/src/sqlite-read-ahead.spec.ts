import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogEvent } from './event-store.port.js';
import { ReadAhead } from './sqlite-read-ahead.js';
import { SqliteEventStore } from './sqlite.event-store.js';

describe('reading the SQLite log ahead in a thread', () => {
  let dataDir: string;
  let store: SqliteEventStore;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'behorighet-read-ahead-'));
    store = SqliteEventStore.open({ dataDir });
    for (let stream = 0; stream < 10; stream += 1) {
      const events = Array.from({ length: 100 }, (_, seq) => ({ type: `Type${seq % 3}`, data: { stream, seq, text: 'å\u{1F600}"\\' } }));
      await store.append(`s-${stream}`, events, { expectedRevision: 'no-stream' });
    }
  });
  afterAll(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers exactly the events after `after` up to `until`, in pages no larger than asked, however far ahead it may read', async () => {
    const pages: (readonly LogEvent[])[] = [];
    for await (const page of new ReadAhead({ path: store.path, after: 13n, until: 987n, pageSize: 7, pagesAhead: 2 })) pages.push(page);
    const events = pages.flat();
    expect(pages.every((page) => page.length >= 1 && page.length <= 7)).toBe(true);
    expect(events.map((event) => event.position)).toEqual(Array.from({ length: 974 }, (_, i) => BigInt(14 + i)));
    const logged: LogEvent[] = [];
    for await (const event of store.readAll({ fromPosition: 13n, limit: 974 })) logged.push({ position: event.position, stream: event.stream, type: event.type, data: event.data });
    expect(events).toEqual(logged);
  });

  it('stops its thread on close(), ending a loop part-way', async () => {
    const reading = new ReadAhead({ path: store.path, after: 0n, until: 1000n, pageSize: 10, pagesAhead: 1 });
    let seen = 0;
    for await (const page of reading) {
      seen += page.length;
      if (seen === 50) await reading.close();
    }
    expect(seen).toBe(50);
  });

  it('fails the loop with the reason when the log cannot be read', async () => {
    const reading = new ReadAhead({ path: join(dataDir, 'missing.sqlite'), after: 0n, until: 10n, pageSize: 10 });
    await expect((async () => {
      for await (const _page of reading) throw new Error('no page expected');
    })()).rejects.toThrow(/reading the log ahead failed: .*(unable to open|does not exist)/i);
  });

  it('hands over to the live loop after the stretch it read ahead, and a store closed meanwhile ends the subscription', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'behorighet-read-ahead-live-'));
    const live = SqliteEventStore.open({ dataDir: dir, readAheadFrom: 10 });
    await live.append('early', Array.from({ length: 30 }, (_, seq) => ({ type: 'Early', data: { seq } })), { expectedRevision: 'no-stream' });
    const received: LogEvent[] = [];
    const consuming = (async () => {
      for await (const page of live.subscribeToAllPages()) received.push(...page);
    })();
    await live.append('late', [{ type: 'Late', data: { seq: 0 } }], { expectedRevision: 'no-stream' });
    while (received.length < 31) await new Promise((resolve) => setTimeout(resolve, 5));
    await live.close();
    await consuming;
    expect(received.map((event) => event.position)).toEqual(Array.from({ length: 31 }, (_, i) => BigInt(i + 1)));
    expect(received.at(-1)).toMatchObject({ stream: 'late', type: 'Late', data: { seq: 0 } });
    await rm(dir, { recursive: true, force: true });
  });
});
