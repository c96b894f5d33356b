import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreCorruptedError } from '../../libs/event-store/src/event-store.errors.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite.event-store.js';

const PAGE = 4096;

async function damage(path: string, fromFraction: number, pages: number): Promise<void> {
  const { size } = await stat(path);
  const first = Math.floor((size / PAGE) * fromFraction);
  const file = await open(path, 'r+');
  try {
    await file.write(randomBytes(pages * PAGE), 0, pages * PAGE, first * PAGE);
  } finally {
    await file.close();
  }
}

describe('SqliteEventStore opening a damaged file', () => {
  let dataDir: string;
  let path: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'behorighet-corrupt-'));
    path = join(dataDir, 'events.sqlite');
    const store = SqliteEventStore.open({ dataDir });
    for (let i = 0; i < 20; i += 1) {
      const events = Array.from({ length: 100 }, (_, n) => ({ type: 'Filler', data: { n, text: 'å'.repeat(300) } }));
      await store.append(`stream-${i % 7}`, events, { expectedRevision: 'any' });
    }
    await store.close(); // checkpoints the WAL into the database file
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const openError = (): unknown => {
    try {
      SqliteEventStore.open({ dataDir }).close();
      return undefined;
    } catch (error) {
      return error;
    }
  };

  it('stops with EventStoreCorruptedError naming the file and what to do when pages are damaged', async () => {
    await damage(path, 0.4, 3);
    const error = openError();
    expect(error).toBeInstanceOf(EventStoreCorruptedError);
    const corrupted = error as EventStoreCorruptedError;
    expect(corrupted.path).toBe(path);
    expect(corrupted.problems.length).toBeGreaterThan(0);
    expect(corrupted.message).toContain(path);
    expect(corrupted.message).toMatch(/damaged.*restore the latest backup/s);
  });

  it('stops with EventStoreCorruptedError when the file is not a database at all', async () => {
    await damage(path, 0, 1);
    const error = openError();
    expect(error).toBeInstanceOf(EventStoreCorruptedError);
    expect((error as EventStoreCorruptedError).problems.join()).toMatch(/SQLITE_NOTADB|SQLITE_CORRUPT/);
  });

  it('opens an undamaged file', async () => {
    expect(openError()).toBeUndefined();
  });
});
