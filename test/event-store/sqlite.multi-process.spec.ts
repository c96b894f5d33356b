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

    let childWriting: () => void = () => undefined;
    const childStarted = new Promise<void>((resolve) => (childWriting = resolve));
    const child = startWriter(dataDir, perProcess, 8, 'child', () => childWriting());
    await childStarted;
    const mine: string[] = [];
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < perProcess / 8; i += 1) {
        const id = randomUUID();
        await store.append(`parent-${w}`, [{ id, type: 'FromParent', data: { i } }], { expectedRevision: i === 0 ? 'no-stream' : BigInt(i - 1) });
        mine.push(id);
        // Yield to I/O now and then so the child's commits interleave with ours.
        if (i % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    });
    await Promise.all(writers);
    const exit = await child.exited;
    expect({ code: exit.code, stderr: exit.stderr }).toEqual({ code: 0, stderr: '' });
    await consuming;
    await store.close();

    expect(received.map((e) => e.position)).toEqual(received.map((_, i) => BigInt(i + 1)));
    const childIds = child.acks.flatMap((ack) => ack.ids);
    expect(new Set(received.map((e) => e.id))).toEqual(new Set([...mine, ...childIds]));
    const streams = received.map((e) => (e.stream.startsWith('parent') ? 'p' : 'c')).join('');
    expect(streams).toMatch(/p+c+p+|c+p+c+/);
    await auditLog(dataDir, child.acks);
  }, 60_000);
});
