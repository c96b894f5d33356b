import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../../libs/event-store/src/event-store.port.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite.event-store.js';
import { auditLog } from './log-audit.js';
import { startWriter } from './writer-process.js';

describe('SqliteEventStore shared by two processes', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'behorighet-two-processes-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('gives gap-free positions in commit order and a subscriber sees every event once', async () => {
    const store = SqliteEventStore.open({ dataDir, pollIntervalMs: 10 });
    const perProcess = 2_000;
    const subscription = store.subscribeToAll();
    const received: RecordedEvent[] = [];
    const consuming = (async () => {
      for await (const event of subscription) {
        received.push(event);
        if (received.length === 2 * perProcess) break;
      }
    })();

    // The parent writes, then the child starts; the parent writes again from the child's first
    // acknowledgement on, while the child goes on: the log must read p…c…p whatever the timing.
    const mine: string[] = [];
    const write = (from: number, to: number) =>
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = from; i < to; i += 1) {
          const id = randomUUID();
          const expectedRevision = i === 0 ? 'no-stream' : BigInt(i - 1);
          await store.append(`parent-${w}`, [{ id, type: 'FromParent', data: { i } }], { expectedRevision });
          mine.push(id);
          if (i % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        }
      });
    await Promise.all(write(0, 50));
    let childWriting: () => void = () => undefined;
    const childStarted = new Promise<void>((resolve) => (childWriting = resolve));
    const child = startWriter(dataDir, perProcess, 8, 'child', () => childWriting());
    await childStarted;
    const writers = write(50, perProcess / 8);
    await Promise.all(writers);
    const exit = await child.exited;
    expect({ code: exit.code, stderr: exit.stderr }).toEqual({ code: 0, stderr: '' });
    await consuming;
    await store.close();

    expect(received.map((e) => e.position)).toEqual(received.map((_, i) => BigInt(i + 1)));
    const childIds = child.acks.flatMap((ack) => ack.ids);
    expect(new Set(received.map((e) => e.id))).toEqual(new Set([...mine, ...childIds]));
    const streams = received.map((e) => (e.stream.startsWith('parent') ? 'p' : 'c')).join('');
    expect(streams).toMatch(/^p{400}c+[pc]*p/);
    await auditLog(dataDir, child.acks);
  }, 60_000);
});
