import {
  appointAdministrator,
  bearer,
  expectStatus,
  inviteAndAccept,
  issueGrant,
  organizationWithMainResponsible,
  placeOrder,
  registerServices,
  startTestApp,
  type TestApp,
} from '@behorighet/testing';
import type { Response } from 'supertest';
import { percentile, runProbes, sampleEvery, type Probe, type ProbeResult } from './support/probes.js';

/** Probes per revocation; SECURITY_REVOCATION_PROBES raises them. */
const PROBES = Number(process.env.SECURITY_REVOCATION_PROBES ?? 1000);
const CONCURRENCY = 16;

/** The member X whose power is taken away, the main responsible who takes it, and what X could do before. */
interface Stage {
  org: string;
  mr: string;
  x: { id: string; bearer: string; attestantGrant: string; payrollGrant: string };
  y: string;
  /** Pending orders placed by another member: the first for the control, the second for the probes. */
  orders: [string, string];
}

describe('R-SEC-1 revocation takes effect immediately (ASVS 8.3.2)', () => {
  let t: TestApp;
  let operator: string;
  let tag = 0;
  const figures: string[] = [];
  const o = (s: Stage) => `/v1/organizations/${s.org}`;
  const result = (res: Response, succeeded = res.status < 300): ProbeResult => ({ succeeded, status: res.status, code: res.body?.code });

  beforeAll(async () => {
    t = await startTestApp();
    operator = await bearer(t, 'revocation-operator', { operator: true });
    await registerServices(t, operator, ['payroll', 'invoices', 'reports', 'archive', 'travel']);
  });
  afterAll(async () => {
    for (const line of figures) console.info(line);
    await t.close();
  });

  /** An organization where X is an L1 administrator holding payroll and the attestant role, beside Y and an orderer. */
  async function stage(): Promise<Stage> {
    const n = ++tag;
    const { organizationId: org, mainResponsible: mr } = await organizationWithMainResponsible(t, operator, { name: `Revocation ${n}`, orgNumber: '556016-0680' }, `rev${n}-mr`);
    for (const service of ['payroll', 'invoices', 'reports']) expectStatus(await t.http.post(`/v1/organizations/${org}/subscriptions`).set('authorization', operator).send({ service }), 201);
    const xId = await inviteAndAccept(t, mr, org, { subject: `rev${n}-x` });
    const y = await inviteAndAccept(t, mr, org, { subject: `rev${n}-y` });
    const orderer = await inviteAndAccept(t, mr, org, { subject: `rev${n}-orderer` });
    await appointAdministrator(t, mr, org, { memberId: xId, level: 1 });
    const payrollGrant = await issueGrant(t, mr, org, xId, { service: 'payroll' });
    const attestantGrant = await issueGrant(t, mr, org, xId, { role: 'attestant' });
    await issueGrant(t, mr, org, orderer, { role: 'orderer' });
    const ordererBearer = await bearer(t, `rev${n}-orderer`);
    const orders: [string, string] = [await placeOrder(t, ordererBearer, org, { service: 'archive' }), await placeOrder(t, ordererBearer, org, { service: 'travel' })];
    return { org, mr, y, orders, x: { id: xId, bearer: await bearer(t, `rev${n}-x`), attestantGrant, payrollGrant } };
  }

  const attest = (s: Stage, order: string): Probe => async () => result(await t.http.post(`${o(s)}/orders/${order}/attestation`).set('authorization', s.x.bearer).send({}));
  const grantToY = (s: Stage, service: string): Probe => async () => result(await t.http.post(`${o(s)}/members/${s.y}/grants`).set('authorization', s.x.bearer).send({ service }));
  const appointY = (s: Stage): Probe => async () => result(await t.http.post(`${o(s)}/administrators`).set('authorization', s.x.bearer).send({ memberId: s.y, level: 3 }));
  const grantToX = (s: Stage): Probe => async () => result(await t.http.post(`${o(s)}/members/${s.x.id}/grants`).set('authorization', s.mr).send({ service: 'reports' }));
  const login = (s: Stage): Probe => async () => result(await t.http.post(`${o(s)}/members/${s.x.id}/logins`).set('authorization', s.x.bearer).send({}));
  const accessCheck = (s: Stage, minPosition?: string): Probe => async () => {
    const query = { organizationId: s.org, memberId: s.x.id, service: 'payroll', ...(minPosition ? { minPosition } : {}) };
    const res = await t.http.get('/v1/access-check').query(query).set('authorization', s.mr);
    if (res.status !== 200) throw new Error(`access-check answered ${res.status}: ${res.text}`);
    return { succeeded: res.body.allowed === true, status: res.status };
  };

  /** The read models' lag (events behind the log head, the largest over all projections) from /health/ready. */
  const readModelLag = async (): Promise<number> => {
    const body = (await t.http.get('/health/ready')).body as { projections?: Record<string, { lag?: string }> };
    return Math.max(0, ...Object.values(body.projections ?? {}).map((p) => Number(p.lag ?? 0)));
  };

  interface Case {
    name: string;
    /** What X can do before; each must succeed once, proving the probes exercise the power. */
    control: (s: Stage) => Probe[];
    revoke: (s: Stage) => Promise<Response>;
    /** What needs the revoked power afterwards, and the codes its refusal may carry. */
    probes: (s: Stage, position: string) => Probe[];
    codes: string[];
    /** Whether X loses payroll, so that access-check must turn to "denied". */
    losesPayroll: boolean;
  }

  const cases: Case[] = [
    {
      name: 'R-GRT-1 a revoked grant (the attestant role, the payroll service)',
      control: (s) => [attest(s, s.orders[0]), accessCheck(s)],
      revoke: async (s) => {
        expectStatus(await t.http.delete(`${o(s)}/members/${s.x.id}/grants/${s.x.attestantGrant}`).set('authorization', s.mr).send({}), 200);
        return t.http.delete(`${o(s)}/members/${s.x.id}/grants/${s.x.payrollGrant}`).set('authorization', s.mr).send({});
      },
      probes: (s, position) => [attest(s, s.orders[1]), accessCheck(s, position)],
      codes: ['ROLE_REQUIRED'],
      losesPayroll: true,
    },
    {
      name: 'R-MEM-4 a deactivation',
      control: (s) => [grantToY(s, 'invoices'), attest(s, s.orders[0]), accessCheck(s), login(s)],
      revoke: (s) => t.http.post(`${o(s)}/members/${s.x.id}/deactivation`).set('authorization', s.mr).send({}),
      probes: (s, position) => [grantToY(s, 'payroll'), appointY(s), attest(s, s.orders[1]), grantToX(s), accessCheck(s, position), login(s)],
      codes: ['NOT_A_MEMBER', 'MEMBER_INACTIVE', 'NO_SYSTEM_ACCESS', 'LOGIN_DENIED'],
      losesPayroll: true,
    },
    {
      name: 'R-MEM-6 an employment end',
      control: (s) => [grantToY(s, 'invoices'), attest(s, s.orders[0]), accessCheck(s), login(s)],
      revoke: (s) => t.http.post(`${o(s)}/members/${s.x.id}/employment-end`).set('authorization', s.mr).send({}),
      probes: (s, position) => [grantToY(s, 'payroll'), appointY(s), attest(s, s.orders[1]), grantToX(s), accessCheck(s, position), login(s)],
      codes: ['NOT_A_MEMBER', 'MEMBER_INACTIVE', 'LOGIN_DENIED'],
      losesPayroll: true,
    },
    {
      name: 'R-ADM-1 an administrator dismissal',
      control: (s) => [grantToY(s, 'invoices')],
      revoke: (s) => t.http.delete(`${o(s)}/administrators/${s.x.id}`).set('authorization', s.mr).send({}),
      probes: (s) => [grantToY(s, 'payroll'), appointY(s)],
      codes: ['NOT_AUTHORIZED'],
      losesPayroll: false,
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))(`after %s is acknowledged, 0 of ${PROBES} following uses of the power succeed`, async (name, c) => {
    const s = await stage();
    for (const probe of c.control(s)) expect(await probe()).toMatchObject({ succeeded: true });

    const lag = sampleEvery(10, readModelLag);
    const revoked = await c.revoke(s);
    expect(revoked.status).toBeLessThan(300);
    const position: string = revoked.body.position;
    // Straight after the acknowledgement: the probes, and (apart from them) how long a query without ?minPosition= lags.
    const staleness = c.losesPayroll ? measureStaleAccessCheck(s) : Promise.resolve(undefined);
    const results = await runProbes(c.probes(s, position), PROBES, CONCURRENCY);
    const stale = await staleness;
    const lags = await lag.stop();

    const succeeded = results.filter((r) => r.succeeded);
    const codes = new Set(results.map((r) => r.code).filter((code) => code !== undefined));
    figures.push(
      `revocation — ${name}: ${succeeded.length} of ${results.length} later uses succeeded; refusal codes ${[...codes].join(', ')}; ` +
        `read-model lag while probing: p50 ${percentile(lags, 50)}, p99 ${percentile(lags, 99)}, max ${Math.max(...lags)} events (${lags.length} samples); ` +
        (stale ? `access-check without ?minPosition= answered "allowed" ${stale.answers} times after the acknowledgement (first "denied" after ${stale.ms} ms)` : 'X keeps payroll here'),
    );
    expect(succeeded).toEqual([]);
    expect([...codes].filter((code) => !c.codes.includes(code))).toEqual([]);
  }, 120_000);

  /** For the cases with a payroll probe: how long access-check without ?minPosition= keeps answering "allowed". */
  async function measureStaleAccessCheck(s: Stage): Promise<{ ms: number; answers: number } | undefined> {
    const started = Date.now();
    let answers = 0;
    for (;;) {
      const res = await t.http.get('/v1/access-check').query({ organizationId: s.org, memberId: s.x.id, service: 'payroll' }).set('authorization', s.mr);
      if (res.status !== 200) return undefined;
      if (res.body.allowed !== true) return { ms: Date.now() - started, answers };
      answers++;
      if (Date.now() - started > 10_000) return { ms: Date.now() - started, answers };
    }
  }
});
