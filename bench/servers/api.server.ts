// Child process: the real API (createApp) on the embedded store, listening on 127.0.0.1. Either prepares a world
// through its own command bus (BENCH_API_ORGS organizations with a main responsible and BENCH_API_MEMBERS members
// each, BENCH_API_SERVICES services subscribed, no grants) in a fresh data directory, or opens BENCH_API_DATA_DIR as
// it is (a history made elsewhere). Tells the parent `ready` with its URL and the plan; answers `stats`, `cpu`
// (its CPU time so far), and `profile-start` / `profile-stop` (a CPU profile of the phase in between); `stop` ends it.
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Actor } from '@behorighet/domain';
import { createApp } from '../../apps/api/src/app.factory.js';
import type { Caller } from '../../apps/api/src/auth/caller.js';
import { ChangeCatalog } from '../../apps/api/src/catalog/catalog-command.handler.js';
import { loadAppConfig } from '../../apps/api/src/config/app-config.js';
import { ChangeMember } from '../../apps/api/src/members/member-command.handler.js';
import { OUTBOX, type Outbox } from '../../apps/api/src/notifications/outbox.port.js';
import { ChangeOrganization } from '../../apps/api/src/organizations/organization-command.handler.js';
import type { RequestContext } from '../../apps/api/src/write-model/request-context.js';
import { tell } from '../child.js';
import { startProfile } from '../profiler.js';
import { BENCH_SECRET, planWorld, worldSteps, type WorldPlan } from '../world.js';

const given = process.env.BENCH_API_DATA_DIR;
const dataDir = given ?? join('.tmp', `bench-api-${process.pid}`);
mkdirSync(dataDir, { recursive: true });
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  AUTH_DEV_SECRET: BENCH_SECRET,
  // The default budget (6,000 requests a minute per subject) would measure the limiter, not the service.
  RATE_LIMIT_ENABLED: '0',
  JOBS_ENABLED: '0',
};

function contextOf(actor: Actor): RequestContext {
  if (!('subject' in actor)) throw new Error('the bench world has no system actors');
  const caller: Caller = { subject: actor.subject, roles: actor.operator ? ['platform-operator'] : [], operator: actor.operator };
  return { caller, correlationId: randomUUID(), causationId: 'bench:prepare' };
}

/** Every step of the plan through the command bus, as HTTP would send it; one at a time (they share streams). */
async function prepare(app: NestFastifyApplication, plan: WorldPlan): Promise<void> {
  const bus = app.get(CommandBus);
  for (const step of worldSteps(plan)) {
    const ctx = contextOf(step.actor);
    if (step.kind === 'catalog') await bus.execute(new ChangeCatalog(step.command, ctx));
    else if (step.kind === 'organization') await bus.execute(new ChangeOrganization(step.organizationId, step.command, ctx));
    else await bus.execute(new ChangeMember(step.organizationId, step.command, ctx));
  }
}

const started = performance.now();
const app = await createApp(loadAppConfig(env), { env, logger: false });
const startSeconds = (performance.now() - started) / 1000;
let plan: WorldPlan | undefined;
let prepareSeconds = 0;
if (!given) {
  plan = planWorld({
    organizations: Number(process.env.BENCH_API_ORGS ?? 1),
    membersPerOrganization: Number(process.env.BENCH_API_MEMBERS ?? 1000),
    services: Number(process.env.BENCH_API_SERVICES ?? 10),
    grants: false,
  });
  const began = performance.now();
  await prepare(app, plan);
  prepareSeconds = (performance.now() - began) / 1000;
}
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.getHttpServer().address();
if (!address || typeof address === 'string') throw new Error('the API did not listen on a TCP port');
const url = `http://127.0.0.1:${address.port}`;

/**
 * Waits until the read models have caught up with the log (GET /health/ready answers 200) and the outbox has
 * sent the invitations the preparation caused, so neither runs in the background of a measurement.
 */
async function settle(limitMs = 600_000): Promise<number> {
  const began = performance.now();
  const outbox = app.get<symbol, Outbox>(OUTBOX, { strict: false });
  // A loaded history would have the outbox derive its notices for ever; there only the read models count.
  const waitForOutbox = process.env.BENCH_API_SETTLE_OUTBOX !== '0';
  for (;;) {
    const ready = (await fetch(`${url}/health/ready`)).status === 200;
    if (ready && (!waitForOutbox || outbox.counts().pending === 0)) return (performance.now() - began) / 1000;
    if (performance.now() - began > limitMs) throw new Error(`the API did not settle within ${limitMs} ms (ready: ${ready}, outbox: ${JSON.stringify(outbox.counts())})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
const settleSeconds = await settle();

const memory = () => {
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
};

let stopProfile: ((path: string) => Promise<void>) | undefined;
process.on('message', async (message: { type?: string; path?: string }) => {
  if (message?.type === 'stats') tell({ type: 'stats', memory: memory() });
  if (message?.type === 'cpu') tell({ type: 'cpu', usage: process.cpuUsage() });
  if (message?.type === 'profile-start') {
    stopProfile = await startProfile();
    tell({ type: 'profiling' });
  }
  if (message?.type === 'profile-stop' && stopProfile && message.path) {
    await stopProfile(message.path);
    stopProfile = undefined;
    tell({ type: 'profiled', path: message.path });
  }
  if (message?.type === 'stop') {
    await app.close();
    if (!given) rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
});
tell({ type: 'ready', url, plan, startSeconds, prepareSeconds, settleSeconds, memory: memory() });
