import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { EVENT_STORE, type EventStore } from '@behorighet/event-store';
import { startTestApp, type TestApp } from '@behorighet/testing';
import { answerDefects } from './support/answer-checks.js';
import { exemplarBody } from './support/exemplar.js';
import { documentedOperations, isCommand, urlOf, type Operation } from './support/openapi.js';
import { poisonedJson } from './support/poisoned-json.js';
import { pollutionSince, snapshotPrototypes } from './support/prototype-snapshot.js';
import { buildSecurityWorld, type SecurityWorld } from './support/world.js';

/** Fields an attacker adds hoping the server binds them: authority, tenant, identity, the domain command's own fields. */
const EXTRA_FIELDS: Record<string, unknown> = {
  role: 'main-responsible',
  level: 1,
  organizationId: randomUUID(),
  operator: true,
  roles: ['platform-operator'],
  subject: 'attacker',
  memberId: randomUUID(),
  grantIds: [randomUUID()],
  by: { subject: 'attacker' },
  actor: { operator: true },
  status: 'attested',
};

const prototypesAtStart = snapshotPrototypes();
const t: TestApp = await startTestApp();
const commands = (await documentedOperations(t)).filter(isCommand);
const withBody = commands.filter((op) => op.body);
const withoutBody = commands.filter((op) => !op.body);
const name = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;

describe('R-SEC-3 mass assignment and prototype pollution on every command route', () => {
  let world: SecurityWorld;
  const head = () => t.app.get<EventStore>(EVENT_STORE).headPosition();
  const paramsOf = (op: Operation) => Object.fromEntries(op.pathParams.map((p) => [p, world.pathValues[p]?.[0] ?? randomUUID()]));
  const send = (op: Operation, token: string, body: string | object, params = paramsOf(op)) =>
    t.http[op.method](urlOf(op, params)).set('authorization', token).set('content-type', 'application/json').send(body);

  beforeAll(async () => {
    world = await buildSecurityWorld(t, 'mass');
  });
  afterAll(async () => {
    await t.close();
    expect(pollutionSince(prototypesAtStart)).toEqual({});
  });

  it('covers the command routes the API documents', () => {
    expect(withBody.length).toBeGreaterThanOrEqual(20);
  });

  it.each(withBody.map((op) => [name(op), op] as const))('%s refuses extra authority, tenant and identity fields with 400 naming them, writing nothing', async (_n, op) => {
    const extras = Object.keys(EXTRA_FIELDS).filter((field) => !(field in (op.body!.properties ?? {})));
    const body = { ...exemplarBody(op.body, { uuid: world.memberIds.bob }), ...Object.fromEntries(extras.map((f) => [f, EXTRA_FIELDS[f]])) };
    const before = await head();
    const res = await send(op, world.bearers.mr, body);
    expect(answerDefects(res)).toEqual([]);
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const named = new Set((res.body.errors as Array<{ field: string }>).map((e) => e.field));
    expect(extras.filter((f) => !named.has(f))).toEqual([]);
    expect(await head()).toBe(before);
  });

  it.each(withBody.map((op) => [name(op), op] as const))('%s refuses __proto__ and constructor.prototype keys with 400, writing and polluting nothing', async (_n, op) => {
    const valid = JSON.stringify(exemplarBody(op.body, { uuid: world.memberIds.bob })).slice(1, -1);
    const join = (extra: string) => `{${valid}${valid ? ',' : ''}${extra}}`;
    const before = await head();
    for (const raw of [join('"__proto__":{"operator":true,"level":1}'), join('"constructor":{"prototype":{"operator":true}}')]) {
      const res = await send(op, world.bearers.mr, raw);
      expect(answerDefects(res)).toEqual([]);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(await head()).toBe(before);
    expect(pollutionSince(prototypesAtStart)).toEqual({});
  });

  it.each(withoutBody.map((op) => [name(op), op] as const))('%s takes no body: extra fields are not bound (same answer as without them) and nothing is written', async (_n, op) => {
    // An unknown id in the last path parameter keeps the command from succeeding either way.
    const params = { ...paramsOf(op), [op.pathParams.at(-1)!]: randomUUID() };
    const before = await head();
    const plain = await send(op, world.bearers.mr, {}, params);
    const stuffed = await send(op, world.bearers.mr, EXTRA_FIELDS, params);
    expect(answerDefects(stuffed)).toEqual([]);
    expect([stuffed.status, stuffed.body.code]).toEqual([plain.status, plain.body.code]);
    expect(await head()).toBe(before);
  });

  it('a random JSON body with poison keys anywhere never pollutes a prototype, never fails the server, and is refused whenever it is poisoned', async () => {
    let poisoned = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...commands), fc.constantFrom('mr', 'l4', 'bob'), poisonedJson(), async (op, person, json) => {
        runs++;
        const res = await send(op, world.bearers[person as 'mr'], json.text);
        expect(answerDefects(res)).toEqual([]);
        if (json.poisoned) {
          poisoned++;
          expect(res.status).toBe(400);
        }
        expect(pollutionSince(prototypesAtStart)).toEqual({});
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: Number(process.env.SECURITY_POISON_RUNS ?? 300) },
    );
    console.info(`poison property: ${runs} requests, ${poisoned} carried __proto__ or constructor.prototype; prototypes unchanged`);
  });
});
