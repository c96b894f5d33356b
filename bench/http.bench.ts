// Sections "durable commands over HTTP" and "access check over HTTP": the real API in a child process driven by
// autocannon from this one, each figure beside a baseline measured minutes apart at most, in the same run: the
// one-fsync-per-record loop on the same disk, and bare fastify routes on the same paths with the same settings.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { signDevToken } from '../libs/testing/src/tokens.js';
import { forkBench, nextMessage, stopChild } from './child.js';
import { fsyncLoop } from './fsync-loop.js';
import { load, type LoadFigures, type LoadSettings } from './load.js';
import type { Row } from './report.js';
import { BENCH_SECRET, type WorldPlan } from './world.js';

export interface HttpOptions extends LoadSettings {
  members: number;
  services: number;
  /** Write CPU profiles of the API process during each load (api-grants, api-access-check) into this directory. */
  profileDir?: string;
}

/** One GrantIssued event with its metadata as the store writes it is about this size (the fsync loop's record). */
const RECORD_BYTES = 520;

interface Ready {
  url: string;
  plan: WorldPlan;
  prepareSeconds: number;
  settleSeconds: number;
  startSeconds: number;
}

export async function httpBench(options: HttpOptions): Promise<{ rows: Row[]; raw: Record<string, unknown> }> {
  const say = (message: string) => console.error(`[bench:http] ${message}`);
  const baseline = forkBench('./servers/baseline.server.ts');
  const api = forkBench('./servers/api.server.ts', {
    env: { BENCH_API_ORGS: '1', BENCH_API_MEMBERS: String(options.members), BENCH_API_SERVICES: String(options.services) },
    nodeFlags: ['--expose-gc'],
  });
  /**
   * Runs a load and answers its figures with the CPU time the server process spent per 2xx answer: on a shared
   * machine the server gets whatever share of the cores is left, and CPU per request says what the work costs.
   */
  const withCpu = async (server: typeof api, run: () => Promise<LoadFigures>): Promise<LoadFigures & { serverCpuMicrosPerOk: number }> => {
    const cpu = async () => {
      server.send({ type: 'cpu' });
      const { usage } = await nextMessage<{ usage: NodeJS.CpuUsage }>(server, 'cpu');
      return usage.user + usage.system;
    };
    const before = await cpu();
    const figures = await run();
    const spent = (await cpu()) - before;
    return { ...figures, serverCpuMicrosPerOk: figures.ok > 0 ? spent / figures.ok : NaN };
  };
  /** Runs `phase` with the API's CPU profile taken meanwhile, when profiles were asked for. */
  const profiled = async <T>(name: string, phase: () => Promise<T>): Promise<T> => {
    if (!options.profileDir) return phase();
    api.send({ type: 'profile-start' });
    await nextMessage(api, 'profiling');
    const result = await phase();
    api.send({ type: 'profile-stop', path: join(options.profileDir, `api-${name}.cpuprofile`) });
    await nextMessage(api, 'profiled');
    return result;
  };
  try {
    const [{ url: baseUrl }, ready] = await Promise.all([nextMessage<{ url: string }>(baseline, 'ready'), nextMessage<Ready>(api, 'ready')]);
    const org = ready.plan.organizations[0]!;
    say(`API ready: ${org.members.length} members, ${ready.plan.services.length} services prepared in ${ready.prepareSeconds.toFixed(1)} s, settled in ${ready.settleSeconds.toFixed(1)} s`);
    const authorization = `Bearer ${await signDevToken(BENCH_SECRET, { sub: org.mainResponsible.subject }, { ttl: '2h' })}`;

    const fsyncDir = join('.tmp', `bench-fsync-${process.pid}`);
    mkdirSync(fsyncDir, { recursive: true });
    const fsyncPerSecond = fsyncLoop(fsyncDir, options.seconds, RECORD_BYTES);
    rmSync(fsyncDir, { recursive: true, force: true });
    say(`fsync loop: ${Math.round(fsyncPerSecond)} records/s`);

    // Member-major: every member gets its first service before anyone gets a second (no stream sees two at once).
    const members = org.members;
    const grant = (i: number) => ({
      path: `/v1/organizations/${org.organizationId}/members/${members[i % members.length]!.memberId}/grants`,
      body: JSON.stringify({ service: ready.plan.services[Math.floor(i / members.length) % ready.plan.services.length] }),
    });
    const echo = await withCpu(baseline, () => load(baseUrl, { method: 'POST', next: grant }, options));
    say(`echo route: ${Math.round(echo.okPerSecond)}/s`);
    const grants = await withCpu(api, () => profiled('grants', () => load(ready.url, { method: 'POST', next: grant, headers: { authorization } }, options)));
    say(`grant commands: ${Math.round(grants.okPerSecond)}/s, ${grants.non2xx} non-2xx`);

    // Every member now holds the first service: ask about it (allowed) for random members.
    const check = () => {
      const member = members[Math.floor(Math.random() * members.length)]!;
      return { path: `/v1/access-check?organizationId=${org.organizationId}&memberId=${member.memberId}&service=${ready.plan.services[0]}` };
    };
    baseline.send({ type: 'keys', keys: members.map((m) => `${m.memberId}:${ready.plan.services[0]}`) });
    await nextMessage(baseline, 'keys-loaded');
    const lookup = await withCpu(baseline, () => load(baseUrl, { method: 'GET', next: check }, options));
    say(`Map lookup route: ${Math.round(lookup.okPerSecond)}/s`);
    const access = await withCpu(api, () => profiled('access-check', () => load(ready.url, { method: 'GET', next: check, headers: { authorization } }, options)));
    say(`access check: ${Math.round(access.okPerSecond)}/s, ${access.non2xx} non-2xx`);

    api.send({ type: 'stats' });
    const { memory } = await nextMessage<{ memory: { rss: number; heapUsed: number } }>(api, 'stats');
    const raw = { fsyncLoopPerSecond: fsyncPerSecond, echo, grants, lookup, access, apiMemoryAfterLoad: memory, prepared: { members: members.length, services: ready.plan.services.length, prepareSeconds: ready.prepareSeconds, settleSeconds: ready.settleSeconds } };
    return { rows: rows(fsyncPerSecond, echo, grants, lookup, access), raw };
  } finally {
    await Promise.all([stopChild(api), stopChild(baseline)]);
  }
}

type Measured = LoadFigures & { serverCpuMicrosPerOk: number };

function rows(fsync: number, echo: Measured, grants: Measured, lookup: Measured, access: Measured): Row[] {
  const section = 'commands over HTTP';
  const failed = (f: LoadFigures) => (f.non2xx + f.errors + f.timeouts > 0 ? `${f.non2xx} non-2xx, ${f.errors} errors, ${f.timeouts} timeouts` : undefined);
  const cmd = { figure: 'POST …/grants, 201 answers/s (GrantIssued, durable)', value: grants.okPerSecond, unit: 'cmd/s', note: failed(grants) };
  return [
    { section, ...cmd, goal: { min: 5000 } },
    { section, ...cmd, baseline: { name: 'write+fdatasync loop', value: fsync, unit: 'records/s' }, goal: { minRatio: 1 } },
    { section, ...cmd, baseline: { name: 'bare fastify echo', value: echo.okPerSecond, unit: 'req/s' }, goal: { minRatio: 0.25 } },
    { section, figure: 'POST …/grants p99 latency', value: grants.latencyMs.p99, unit: 'ms', baseline: { name: 'echo p99', value: echo.latencyMs.p99, unit: 'ms' } },
    { section, figure: 'server CPU per 201 answer (user + system)', value: grants.serverCpuMicrosPerOk, unit: 'µs', baseline: { name: 'echo', value: echo.serverCpuMicrosPerOk, unit: 'µs' } },
    {
      section: 'access check over HTTP',
      figure: 'GET /v1/access-check, 200 answers/s',
      value: access.okPerSecond,
      unit: 'req/s',
      baseline: { name: 'bare fastify Map lookup', value: lookup.okPerSecond, unit: 'req/s' },
      goal: { minRatio: 0.8 },
      note: failed(access),
    },
    { section: 'access check over HTTP', figure: 'GET /v1/access-check p99 latency', value: access.latencyMs.p99, unit: 'ms', baseline: { name: 'Map lookup p99', value: lookup.latencyMs.p99, unit: 'ms' } },
    {
      section: 'access check over HTTP',
      figure: 'server CPU per 200 answer (user + system)',
      value: access.serverCpuMicrosPerOk,
      unit: 'µs',
      baseline: { name: 'Map lookup', value: lookup.serverCpuMicrosPerOk, unit: 'µs' },
    },
  ];
}
