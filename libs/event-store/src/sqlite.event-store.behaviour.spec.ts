import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventStoreClosedError } from './event-store.errors.js';
import { WrongExpectedVersionError, type AppendResult, type RecordedEvent } from './event-store.port.js';
import { SqliteEventStore } from './sqlite.event-store.js';

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};
const event = (id: string = randomUUID()) => ({ id, type: 'Happened', data: { id } });

describe('SqliteEventStore beyond the contract', () => {
  let dataDir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'behorighet-sqlite-'));
    store = SqliteEventStore.open({ dataDir });
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('commits appends made in one tick in one transaction, each with its own outcome', async () => {
    await store.append('taken', [event('dup-id')], { expectedRevision: 'no-stream' });
    const before = store.stats();
    const outcomes = await Promise.allSettled([
      store.append('s-1', [event()], { expectedRevision: 'no-stream' }),
      store.append('taken', [event()], { expectedRevision: 'no-stream' }),
      store.append('s-2', [event(), event()], { expectedRevision: 'any' }),
      store.append('s-3', [event('dup-id')], { expectedRevision: 'any' }),
      store.append('s-4', [{ type: 'Bad', data: { n: 1n } }], { expectedRevision: 'any' }),
      store.append('s-1', [event()], { expectedRevision: 0n }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((outcomes[4] as PromiseRejectedResult).reason).toBeInstanceOf(TypeError);
    expect(store.stats().commits - before.commits).toBe(1);
    const positions = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [(o.value as AppendResult).position] : []));
    expect(positions).toEqual([2n, 4n, 5n]);
    expect((await collect(store.readAll())).map((e) => e.position)).toEqual([1n, 2n, 3n, 4n, 5n]);
  });

  it('refuses ids already in the log even at the current revision (ids are unique across the log)', async () => {
    const events = [event(), event()];
    await store.append('once', events, { expectedRevision: 'no-stream' });
    const wrong = await store.append('once', events, { expectedRevision: 1n }).catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(WrongExpectedVersionError);
    expect((wrong as WrongExpectedVersionError).actual).toBe(1n);
    await expect(store.append('elsewhere', [events[0]!], { expectedRevision: 'any' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.headPosition()).toBe(2n);
  });

  it('keeps every acknowledged event across close and reopen, and continues the positions', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(`p-${i % 4}`, [event()], { expectedRevision: 'any' })));
    await store.close();
    store = SqliteEventStore.open({ dataDir });
    const all = await collect(store.readAll());
    expect(all.map((e) => e.position)).toEqual(results.map((r) => r.position).sort((a, b) => Number(a - b)));
    const next = await store.append('p-0', [event()], { expectedRevision: 4n });
    expect(next).toEqual({ nextRevision: 5n, position: 21n });
  });

  it('commits the appends still queued when it closes', async () => {
    const pending = store.append('late', [event()], { expectedRevision: 'no-stream' });
    await store.close();
    await expect(pending).resolves.toEqual({ nextRevision: 0n, position: 1n });
    await expect(store.append('late', [event()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(EventStoreClosedError);
    store = SqliteEventStore.open({ dataDir });
    expect(await store.headPosition()).toBe(1n);
  });

  it('keeps the schema documented in the README, append-only', async () => {
    await store.append('audit', [{ type: 'Checked', data: { ok: true }, metadata: { actor: 'u-1' } }], { expectedRevision: 'any' });
    const db = new Database(join(dataDir, 'events.sqlite'));
    try {
      const row = db.prepare('SELECT position, stream, revision, type, data, metadata, recorded_at FROM events').get();
      expect(row).toMatchObject({ position: 1, stream: 'audit', revision: 0, type: 'Checked', data: '{"ok":true}', metadata: '{"actor":"u-1"}' });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(() => db.prepare("UPDATE events SET type = 'Forged'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('wakes a live subscription with commits made by another connection', async () => {
    const other = SqliteEventStore.open({ dataDir });
    try {
      const subscription = store.subscribeToAll();
      const received: RecordedEvent[] = [];
      const consuming = (async () => {
        for await (const recorded of subscription) {
          received.push(recorded);
          if (received.length === 3) break;
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 30));
      for (let i = 0; i < 3; i += 1) await other.append('elsewhere', [event()], { expectedRevision: 'any' });
      await consuming;
      expect(received.map((e) => e.position)).toEqual([1n, 2n, 3n]);
    } finally {
      await other.close();
    }
  });
});
