// `npm run bench:store`: durable appends/s of the SQLite event store with 1 and with 64
// concurrent writers, against a raw write + fdatasync loop on the same disk. Results are
// printed and written to bench/results/store.json. BENCH_ROUNDS (3) rounds of the three
// phases, BENCH_SECONDS (2) each; the medians count.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { SqliteEventStore, type SqliteEventStoreOptions } from '../libs/event-store/src/sqlite.event-store.js';
import { fsyncLoop } from './fsync-loop.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const root = fileURLToPath(new URL('../', import.meta.url));
const baseDir = join(process.env.DATA_DIR ?? join(root, '.tmp'), `bench-store-${process.pid}`);

const payload = (writer: number, seq: number) => ({
  grantId: randomUUID(),
  subject: `user-${writer}`,
  seq,
  note: 'n'.repeat(360),
});
const metadata = { actor: 'bench', correlationId: randomUUID() };
const eventBytes = JSON.stringify(payload(0, 0)).length + JSON.stringify(metadata).length;

/** Bytes this process has caused to be written to storage so far (Linux), to explain the figures. */
function bytesWritten(): number | undefined {
  if (!existsSync('/proc/self/io')) return undefined;
  const match = /write_bytes: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'));
  return match ? Number(match[1]) : undefined;
}

/** Each writer appends one event at a time to its own stream, with the exact expected revision. */
async function appendRate(dir: string, writers: number, options: Partial<SqliteEventStoreOptions> = {}) {
  const store = SqliteEventStore.open({ dataDir: dir, ...options });
  let count = 0;
  const ioBefore = bytesWritten();
  const cpuBefore = process.cpuUsage();
  const deadline = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let seq = 0; performance.now() < deadline; seq += 1) {
        const expectedRevision = seq === 0 ? 'no-stream' : BigInt(seq - 1);
        await store.append(`bench-${writer}`, [{ type: 'BenchEvent', data: payload(writer, seq), metadata }], { expectedRevision });
        count += 1;
      }
    }),
  );
  const perSecond = count / ((performance.now() - start) / 1000);
  const cpu = process.cpuUsage(cpuBefore);
  const ioAfter = bytesWritten();
  const { commits, appends } = store.stats();
  await store.close();
  return {
    perSecond,
    events: count,
    appendsPerCommit: appends / commits,
    cpuMicrosPerEvent: { user: cpu.user / count, system: cpu.system / count },
    kibWrittenPerEvent: ioBefore === undefined || ioAfter === undefined ? undefined : (ioAfter - ioBefore) / 1024 / count,
  };
}

const round = (n: number) => Math.round(n);
const ratio = (n: number) => Math.round(n * 100) / 100;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
type Rate = Awaited<ReturnType<typeof appendRate>>;
const explain = (r: Rate) =>
  `${ratio(r.appendsPerCommit)} appends/commit, CPU ${ratio(r.cpuMicrosPerEvent.user)} µs user + ${ratio(r.cpuMicrosPerEvent.system)} µs system per event` +
  (r.kibWrittenPerEvent === undefined ? '' : `, ${ratio(r.kibWrittenPerEvent)} KiB written per event`);

mkdirSync(baseDir, { recursive: true });
try {
  let dirs = 0;
  const fresh = () => {
    dirs += 1;
    const dir = join(baseDir, String(dirs));
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  console.log(
    `store bench: ${ROUNDS} rounds of (fsync loop, 1 writer, 64 writers), ${SECONDS} s each, ~${eventBytes} B per event (data + metadata JSON), in ${baseDir}`,
  );
  // Interleaved rounds, medians: the disk and the CPUs may be shared, so phases measured minutes apart would not compare.
  const fsyncs: number[] = [];
  const ones: Rate[] = [];
  const manys: Rate[] = [];
  for (let r = 1; r <= ROUNDS; r += 1) {
    fsyncs.push(fsyncLoop(fresh(), SECONDS, eventBytes));
    ones.push(await appendRate(fresh(), 1));
    manys.push(await appendRate(fresh(), 64));
    const [fsync, one, many] = [fsyncs.at(-1), ones.at(-1), manys.at(-1)] as [number, Rate, Rate];
    console.log(`round ${r}: fsync loop ${round(fsync)}/s, 1 writer ${round(one.perSecond)}/s, 64 writers ${round(many.perSecond)}/s`);
  }
  const fsync = median(fsyncs);
  const one = ones.find((r) => r.perSecond === median(ones.map((o) => o.perSecond))) as Rate;
  const many = manys.find((r) => r.perSecond === median(manys.map((m) => m.perSecond))) as Rate;
  console.log(`medians:`);
  console.log(`raw write + fdatasync loop:   ${round(fsync)} records/s`);
  console.log(`SQLite store, 1 writer:       ${round(one.perSecond)} durable events/s  (${ratio(one.perSecond / fsync)}x the fsync loop, goal >= 0.8x)`);
  console.log(`                              ${explain(one)}`);
  console.log(
    `SQLite store, 64 writers:     ${round(many.perSecond)} durable events/s  (${ratio(many.perSecond / fsync)}x the fsync loop, goal >= 3x and >= 33000/s)`,
  );
  console.log(`                              ${explain(many)}`);
  const goals = {
    oneWriterAtLeast08xFsync: one.perSecond >= 0.8 * fsync,
    sixtyFourWritersAtLeast3xFsync: many.perSecond >= 3 * fsync,
    sixtyFourWritersAtLeast33000: many.perSecond >= 33_000,
  };
  console.log(`goals: ${JSON.stringify(goals)}`);
  const results = {
    measuredAt: new Date().toISOString(),
    rounds: ROUNDS,
    secondsPerPhase: SECONDS,
    eventBytes,
    workload: 'one event per append; each writer appends to its own stream with the exact expected revision',
    dataDir: baseDir,
    machine: { node: process.version, cpus: cpus().length, loadAverage: loadavg(), sqlite: new Database(':memory:').prepare('select sqlite_version()').pluck().get() },
    medians: {
      fsyncLoopPerSecond: round(fsync),
      oneWriter: { eventsPerSecond: round(one.perSecond), ratioToFsyncLoop: ratio(one.perSecond / fsync) },
      sixtyFourWriters: { eventsPerSecond: round(many.perSecond), ratioToFsyncLoop: ratio(many.perSecond / fsync) },
    },
    goals,
    samples: { fsyncLoopPerSecond: fsyncs.map(round), oneWriter: ones, sixtyFourWriters: manys },
  };
  // BENCH_STORE_RESULTS lets `npm run bench` keep its short runs out of the committed store.json.
  const out = process.env.BENCH_STORE_RESULTS ?? join(root, 'bench/results/store.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written to ${out}`);
} finally {
  rmSync(baseDir, { recursive: true, force: true });
}
