// Sections "access check, in process" and "memory": the API's access read model (organization_states +
// member_states, projected by the app's own projections into the in-memory read store) built from a history the
// deciders produce (organizations × members × services, every member granted every service); its heap per live
// grant; the access check as the controller makes it (two read-model gets, then the domain's effectiveAccess);
// and node-casbin's RBAC with domains on the same data in the same run. Forked by bench/run.ts (--expose-gc).
import { newEnforcer, newModelFromString } from 'casbin';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@behorighet/event-store';
import { memberStateProjection, organizationStateProjection } from '@behorighet/read-models';
import { ReadStates } from '../apps/api/src/read-side/read-states.js';
import { accessCheck } from '../apps/api/src/read-side/views/access.view.js';
import { rebuildReadModels } from '../apps/api/src/replay/rebuild.js';
import type { AccessResult } from './access.rows.js';
import { foldWorld } from './access-world.js';
import { tell } from './child.js';
import { measureChecks } from './latency.js';
import { startProfile } from './profiler.js';
import { planWorld } from './world.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const spec = { organizations: env('BENCH_ORGS', 1000), membersPerOrganization: env('BENCH_MEMBERS_PER_ORG', 100), services: env('BENCH_SERVICES', 10), grants: true };
const CHECKS = env('BENCH_CHECKS', 500_000);
// casbin is far slower per check: its phases stop after this many seconds (the figures say how many checks ran).
const CASBIN_SECONDS = env('BENCH_CASBIN_SECONDS', 15);

// One policy per service (its role may use it); a grant is the member's link to that role within its organization
// (the domain). casbin evaluates the matcher against every policy, so policies per service (not per organization
// and service) is the shape that suits it best.
const CASBIN_MODEL = `
[request_definition]
r = sub, dom, obj, act
[policy_definition]
p = sub, dom, obj, act
[role_definition]
g = _, _, _
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = g(r.sub, p.sub, r.dom) && r.obj == p.obj && r.act == p.act
`;

/** Heap in use after full collections (the section runs with --expose-gc). */
function heapUsed(): number {
  if (!globalThis.gc) throw new Error('run with --expose-gc: heap figures without a collection first are noise');
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

const plan = planWorld(spec);
const now = new Date();
// The history goes to the embedded log, as in the app: the read model then holds strings parsed from the log, not
// ones shared with events still in memory (an in-memory log would halve the heap figure).
const dataDir = join('.tmp', `bench-access-${process.pid}`);
mkdirSync(dataDir, { recursive: true });
const log = SqliteEventStore.open({ dataDir });
let started = performance.now();
let pending: Promise<unknown>[] = [];
const { events } = await foldWorld(plan, now, async (stream, decided) => {
  pending.push(log.append(stream, decided, { expectedRevision: 'any' }));
  if (pending.length >= 1024) await Promise.all(pending.splice(0));
});
await Promise.all(pending);
pending = [];
const historySeconds = (performance.now() - started) / 1000;
const grants = plan.organizations.length * plan.spec.membersPerOrganization * plan.services.length;

const heapBefore = heapUsed();
started = performance.now();
const { readStore } = await rebuildReadModels({ events: log, projections: [organizationStateProjection, memberStateProjection] });
const projectSeconds = (performance.now() - started) / 1000;
const readModelBytes = heapUsed() - heapBefore;

// The same random (member, service) questions for every engine, one day after the grants were issued.
const at = new Date(now.getTime() + 86_400_000);
const people = plan.organizations.flatMap((org) => org.members.map((m) => ({ organizationId: org.organizationId, memberId: m.memberId })));
const questions = Array.from({ length: CHECKS }, () => ({
  ...people[Math.floor(Math.random() * people.length)]!,
  service: plan.services[Math.floor(Math.random() * plan.services.length)]!,
}));

const states = new ReadStates(readStore);
/** What GET /v1/access-check does after authorization: both states from the read model, then the evaluator. */
const viaReadModel = async (i: number) => {
  const q = questions[i]!;
  const [organization, member] = await Promise.all([states.organization(q.organizationId), states.member(q.memberId)]);
  return accessCheck(organization, member, q.memberId, q.service, undefined, at).allowed;
};
// With BENCH_PROFILE_DIR, this phase alone is CPU-profiled (access-in-process.cpuprofile).
const stopProfile = process.env.BENCH_PROFILE_DIR ? await startProfile() : undefined;
const readModel = await measureChecks(CHECKS, viaReadModel);
await stopProfile?.(join(process.env.BENCH_PROFILE_DIR ?? '', 'access-in-process.cpuprofile'));

// The evaluator alone, on states already in hand: what the read-model lookups add is the difference.
const inHand = await Promise.all(questions.map(async (q) => ({ organization: await states.organization(q.organizationId), member: await states.member(q.memberId) })));
const evaluator = await measureChecks(CHECKS, (i) => {
  const q = questions[i]!;
  return accessCheck(inHand[i]!.organization, inHand[i]!.member, q.memberId, q.service, undefined, at).allowed;
});
inHand.length = 0;

const heapBeforeCasbin = heapUsed();
started = performance.now();
const model = newModelFromString(CASBIN_MODEL);
model.addPolicies('p', 'p', plan.services.map((s) => [`role:${s}`, '*', s, 'use']));
model.addPolicies('g', 'g', plan.organizations.flatMap((org) => org.members.flatMap((m) => plan.services.map((s) => [m.memberId, `role:${s}`, org.organizationId]))));
const enforcer = await newEnforcer(model);
await enforcer.buildRoleLinks();
const casbinBuildSeconds = (performance.now() - started) / 1000;
const casbinBytes = heapUsed() - heapBeforeCasbin;
const askCasbin = (i: number) => {
  const q = questions[i]!;
  return enforcer.enforceSync(q.memberId, q.organizationId, q.service, 'use');
};
const casbin = await measureChecks(CHECKS, askCasbin, CASBIN_SECONDS);

// The engines must agree, or the comparison means nothing.
let disagreements = 0;
const compared = Math.min(casbin.checks, 2000);
for (let i = 0; i < compared; i += 1) if ((await viaReadModel(i)) !== askCasbin(i)) disagreements += 1;
await log.close();
rmSync(dataDir, { recursive: true, force: true });

const result: AccessResult = {
  spec,
  events,
  grants,
  historySeconds,
  projectSeconds,
  casbinBuildSeconds,
  heap: { readModelBytes, bytesPerLiveGrant: readModelBytes / grants, casbinBytes, casbinBytesPerGrant: casbinBytes / grants },
  readModel,
  evaluator,
  casbin,
  disagreements: { compared, differing: disagreements },
};
tell({ type: 'result', result });
