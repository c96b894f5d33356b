// `npm run bench [-- --quick] [--profile] [--only http,access,store,replay]`: every performance figure of the
// three paths users choose a backend by (changing permissions, checking access, reading history), each beside a
// baseline measured in the same run. Prints one markdown table; writes bench/results/latest.json.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { accessRows, type AccessResult } from './access.rows.js';
import { runSection } from './child.js';
import { selfTimeByArea, topSelfTime } from './cpu-profile.js';
import { httpBench } from './http.bench.js';
import { historySection, storeSection } from './history.bench.js';
import { machineInfo, markdownTable, score, writeJson, type Row } from './report.js';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, profile: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const quick = values.quick;
const only = values.only ? new Set(values.only.split(',')) : undefined;
const wanted = (section: string) => !only || only.has(section);
const root = fileURLToPath(new URL('../', import.meta.url));
const work = join(root, '.tmp', `bench-run-${process.pid}`);
// Raw profiles are megabytes: they stay in .tmp; their summaries go into the report.
const profileDir = values.profile ? join(root, '.tmp', 'bench-profiles') : undefined;
mkdirSync(work, { recursive: true });
if (profileDir) {
  // Profiles of an earlier run must not pass for this one's.
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
}

// --quick keeps every section but shrinks data and durations to about a minute in all.
const settings = quick
  ? { seconds: 3, members: 1000, services: 20, orgs: 20, checks: 50_000, casbinSeconds: 2, historyEvents: 20_000, storeRounds: 1, storeSeconds: 1 }
  : { seconds: 10, members: 2000, services: 30, orgs: 1000, checks: 500_000, casbinSeconds: 15, historyEvents: 1_000_000, storeRounds: 3, storeSeconds: 2 };

const say = (message: string) => console.error(`[bench] ${message}`);
const rows: Row[] = [];
const raw: Record<string, unknown> = {};
const started = new Date();
const loadAverages: Record<string, number[]> = {};
const machine = machineInfo();

async function section(name: string, work: () => Promise<{ rows: Row[]; raw: unknown }>): Promise<void> {
  if (!wanted(name)) return;
  say(`${name} …`);
  loadAverages[`${name} start`] = machineInfo().loadAverage;
  const began = performance.now();
  try {
    const result = await work();
    rows.push(...result.rows);
    raw[name] = result.raw;
    say(`${name} done in ${((performance.now() - began) / 1000).toFixed(0)} s`);
  } catch (error) {
    // One broken section must not cost the figures of the others: it shows as a failed row, with its error.
    const message = error instanceof Error ? error.message : String(error);
    say(`${name} FAILED: ${error instanceof Error ? error.stack : message}`);
    rows.push({ section: name, figure: 'section failed', value: null, unit: '', note: message });
    raw[name] = { error: message };
  }
}

try {
  await section('store', () => storeSection({ rounds: settings.storeRounds, seconds: settings.storeSeconds, resultsPath: join(work, 'store.json') }));
  await section('http', () => httpBench({ connections: 64, seconds: settings.seconds, members: settings.members, services: settings.services, profileDir }));
  await section('access', async () => {
    const result = await runSection<AccessResult>('./access.bench.ts', {
      nodeFlags: ['--expose-gc', '--max-old-space-size=8192'],
      env: { ...(profileDir ? { BENCH_PROFILE_DIR: profileDir } : {}), BENCH_ORGS: String(settings.orgs), BENCH_MEMBERS_PER_ORG: '100', BENCH_SERVICES: '10', BENCH_CHECKS: String(settings.checks), BENCH_CASBIN_SECONDS: String(settings.casbinSeconds) },
    });
    return { rows: accessRows(result), raw: result };
  });
  await section('replay', () => historySection({ events: settings.historyEvents, work }));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const scored = rows.map(score);
const table = markdownTable(scored);
const profiles = profileDir
  ? ['api-grants', 'api-access-check', 'access-in-process']
      .map((name) => ({ name, path: join(profileDir, `${name}.cpuprofile`) }))
      .filter(({ path }) => existsSync(path))
      .map(({ name, path }) => ({ name, path, byArea: selfTimeByArea(path), top: topSelfTime(path, 15) }))
  : undefined;
const output = { mode: quick ? 'quick' : 'full', startedAt: started.toISOString(), finishedAt: new Date().toISOString(), machine, loadAverages, settings, rows: scored, profiles, raw };
writeJson(join(root, 'bench', 'results', 'latest.json'), output);
console.log(`\n## npm run bench${quick ? ' -- --quick' : ''} (${started.toISOString()})\n`);
console.log(`node ${machine.node}, ${machine.nproc} cores (${machine.cpuModel}), load average at start ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}\n`);
console.log(table);
for (const p of profiles ?? []) {
  console.log(`\nCPU profile: ${p.name} — self time by area: ${p.byArea.map((a) => `${a.area} ${a.selfPercent}%`).join(', ')}`);
  for (const f of p.top.slice(0, 8)) console.log(`  ${String(f.selfPercent).padStart(5)}%  ${f.name}  ${f.where}`);
}
console.log('\nwritten to bench/results/latest.json');
