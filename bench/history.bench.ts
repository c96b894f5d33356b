// Sections "event store" and "reading history": the store and replay benchmarks run as they are (npm run
// bench:store, npm run bench:replay, as child processes; their own files hold their measuring code), read back from
// their JSON; then the RSS of the API process started on the replay bench's history, beside the same API on an
// almost empty log.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkBench, nextMessage, stopChild } from './child.js';
import type { Row } from './report.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const MB = 2 ** 20;

function npmRun(script: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', script, ...(args.length ? ['--', ...args] : [])], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run ${script} exited with ${code}`))));
  });
}

export async function storeSection(options: { rounds: number; seconds: number; resultsPath: string }) {
  await npmRun('bench:store', [], { BENCH_ROUNDS: String(options.rounds), BENCH_SECONDS: String(options.seconds), BENCH_STORE_RESULTS: options.resultsPath });
  const result = JSON.parse(readFileSync(options.resultsPath, 'utf8'));
  const { fsyncLoopPerSecond: fsync, oneWriter, sixtyFourWriters } = result.medians;
  const section = 'event store (bench:store)';
  const loop = { name: 'write+fdatasync loop', value: fsync, unit: 'records/s' };
  const rows: Row[] = [
    { section, figure: 'durable appends/s, 64 writers (median)', value: sixtyFourWriters.eventsPerSecond, unit: 'events/s', baseline: loop, goal: { minRatio: 3 } },
    { section, figure: 'durable appends/s, 64 writers (median)', value: sixtyFourWriters.eventsPerSecond, unit: 'events/s', goal: { min: 33_000 } },
    { section, figure: 'durable appends/s, 1 writer (median)', value: oneWriter.eventsPerSecond, unit: 'events/s', baseline: loop, goal: { minRatio: 0.8 } },
  ];
  return { rows, raw: result };
}

/** The API process's memory once started on `dataDir` and settled (read models caught up). */
async function apiMemory(env: Record<string, string>): Promise<{ rss: number; heapUsed: number; startSeconds: number; settleSeconds: number }> {
  const api = forkBench('./servers/api.server.ts', { env: { BENCH_API_SETTLE_OUTBOX: '0', ...env }, nodeFlags: ['--expose-gc', '--max-old-space-size=8192', '--max-semi-space-size=64'] });
  try {
    const ready = await nextMessage<{ startSeconds: number; settleSeconds: number }>(api, 'ready');
    api.send({ type: 'stats' });
    const { memory } = await nextMessage<{ memory: { rss: number; heapUsed: number } }>(api, 'stats');
    return { ...memory, startSeconds: ready.startSeconds, settleSeconds: ready.settleSeconds };
  } finally {
    await stopChild(api);
  }
}

/**
 * bench:replay caches its log per size and seed and starts it anew when the cache has no `complete` marker. If
 * another run is generating that log right now, starting ours would delete theirs under it: wait for it first.
 */
async function untilNoOtherGeneration(dataDir: string, limitMs = 30 * 60_000): Promise<void> {
  const began = Date.now();
  // A log nobody wrote to for two minutes was left by a run that died: bench:replay may start it anew.
  const beingWritten = () => {
    const wal = statSync(join(dataDir, 'events.sqlite-wal'), { throwIfNoEntry: false });
    return wal !== undefined && Date.now() - wal.mtimeMs < 120_000;
  };
  while (existsSync(dataDir) && !existsSync(join(dataDir, 'complete')) && beingWritten()) {
    if (Date.now() - began > limitMs) throw new Error(`${dataDir} stayed incomplete for ${limitMs / 60_000} min (another bench:replay generating it?)`);
    console.error(`[bench] waiting for another bench:replay to finish generating ${dataDir} …`);
    await new Promise((resolve) => setTimeout(resolve, 15_000));
  }
}

export async function historySection(options: { events: number; work: string }) {
  if (!existsSync(join(root, 'bench', 'replay.bench.ts'))) {
    const note = 'bench/replay.bench.ts is not in this tree';
    return { rows: [{ section: 'reading history (bench:replay)', figure: 'replay, export, who had access at T', value: null, unit: '', note }], raw: { note } };
  }
  await untilNoOtherGeneration(join(root, '.tmp', `bench-replay-${options.events}-1`));
  await npmRun('bench:replay', ['--events', String(options.events)]);
  const replay = JSON.parse(readFileSync(join(root, 'bench', 'results', 'replay.json'), 'utf8'));
  const section = 'reading history (bench:replay)';
  const parse = { name: 'read + JSON.parse of the log (the faster of 2 runs)', value: replay.parsePass.eventsPerSecond, unit: 'events/s' };
  const rows: Row[] = [
    { section, figure: `replay into every read model (${replay.log.events.toLocaleString('en-US')} events; the faster of 2 runs, as the parse pass)`, value: replay.replay.eventsPerSecond, unit: 'events/s', baseline: parse, goal: { minRatio: 0.5 } },
    {
      section,
      figure: `CSV export of the whole history (${replay.export.rows.toLocaleString('en-US')} rows), wall time`,
      value: replay.export.wallSeconds,
      unit: 's',
      baseline: { name: 'parse pass', value: replay.parsePass.wallSeconds, unit: 's' },
      goal: { maxRatio: 2 },
    },
    { section, figure: 'CSV export, RSS added', value: replay.export.addedRssMb, unit: 'MB', goal: { max: 200 } },
    { section, figure: 'who had access at T, median', value: replay.whoHadAccessAtT.medianMs, unit: 'ms', goal: { max: 5 } },
    { section, figure: 'who had access at T, p99', value: replay.whoHadAccessAtT.p99Ms, unit: 'ms' },
    { section, figure: 'heap per live grant, access-history read model', value: replay.heapPerLiveGrant.bytesPerLiveGrant, unit: 'B', goal: { max: 150 }, note: replay.heapPerLiveGrant.note },
  ];

  // The API on a copy of that history (its own outbox and checkpoints stay out of the replay bench's cache).
  const source = join(root, '.tmp', `bench-replay-${options.events}-1`, 'events.sqlite');
  if (!existsSync(source)) throw new Error(`bench:replay left no log at ${source}`);
  const dataDir = join(options.work, 'history-api');
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(source, join(dataDir, 'events.sqlite'));
  const empty = await apiMemory({ BENCH_API_ORGS: '0' });
  const loaded = await apiMemory({ BENCH_API_DATA_DIR: dataDir });
  rows.push({
    section: 'memory',
    figure: `RSS of the API process, ${replay.log.events.toLocaleString('en-US')}-event history loaded (read models caught up)`,
    value: loaded.rss / MB,
    unit: 'MB',
    baseline: { name: 'the API on an empty log', value: empty.rss / MB, unit: 'MB' },
  });
  return { rows, raw: { replay, apiOnHistory: loaded, apiOnEmptyLog: empty } };
}
