import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditLog } from './log-audit.js';
import { startWriter, type Ack } from './writer-process.js';

const EVENTS_PER_RUN = 10_000;
const WRITERS = 32;
const RUNS = 5;

describe('SqliteEventStore under SIGKILL', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'behorighet-crash-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged event when killed at random moments, ${RUNS} times over one file`, async () => {
    const acknowledged: Ack[] = [];
    let total = 0;
    for (let run = 1; run <= RUNS; run += 1) {
      // Kill after a random number of acknowledged events, plus a random sub-millisecond-to-ms delay.
      const killAfter = 200 + Math.floor(Math.random() * (EVENTS_PER_RUN - 1_000));
      const writer = startWriter(dataDir, EVENTS_PER_RUN, WRITERS, 'crash', (_, acked) => {
        if (acked >= killAfter && writer.child.exitCode === null && !writer.child.killed) {
          setTimeout(() => writer.child.kill('SIGKILL'), Math.random() * 3);
        }
      });
      const exit = await writer.exited;
      expect({ run, killAfter, signal: exit.signal, stderr: exit.stderr }).toEqual({ run, killAfter, signal: 'SIGKILL', stderr: '' });
      expect(writer.acks.length).toBeGreaterThan(0);

      acknowledged.push(...writer.acks);
      const all = await auditLog(dataDir, acknowledged);
      expect(all.length).toBeGreaterThanOrEqual(total + writer.acks.reduce((n, ack) => n + ack.ids.length, 0));
      total = all.length;
    }
  }, 60_000);
});
