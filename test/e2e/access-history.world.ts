/**
 * The world of the audit and export e2e specs, built over HTTP at moving test-clock instants: organization A
 * (units HR and Sales, an L3 administrator scoped to HR, Anna in HR, Bo in Sales) with grants issued,
 * extended and revoked, logins, Bo's employment end; organization B with its own member and grant.
 * Every command's log position is kept, so queries can read their writes (`minPosition`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Response } from 'supertest';
import { EVENT_STORE, type EventStore } from '@behorighet/event-store';
import { bearer, emailOf, expectStatus, setClock, type TestApp } from '@behorighet/testing';

export const T = {
  start: '2025-01-01T09:00:00.000Z',
  grants: '2025-02-01T09:00:00.000Z',
  changes: '2025-04-01T09:00:00.000Z',
  leaving: '2025-06-01T09:00:00.000Z',
  now: '2025-09-01T09:00:00.000Z',
};

export interface AccessWorld {
  operator: string;
  a: { id: string; mr: string; mrId: string; hr: string; lena: string; lenaId: string; annaId: string; boId: string };
  b: { id: string; mr: string; mrId: string; olleId: string };
  grants: { annaPayroll: string; annaInvoices: string; boPayroll: string; ollePayroll: string };
  /** The highest position any command answered. */
  position: string;
}

/** Sends commands, failing with the problem body unless they succeed, and keeps the highest position answered. */
class Commands {
  position = '0';

  constructor(private readonly t: TestApp) {}

  async send(method: 'post' | 'delete', path: string, token: string, body: object = {}): Promise<Response> {
    const res = await this.t.http[method](path).set('authorization', token).send(body);
    if (res.status !== 200 && res.status !== 201) expectStatus(res, 201);
    if (typeof res.body.position === 'string' && BigInt(res.body.position) > BigInt(this.position)) this.position = res.body.position;
    return res;
  }

  async organization(operator: string, name: string, orgNumber: string, mrSubject: string) {
    const id: string = (await this.send('post', '/v1/organizations', operator, { name, orgNumber })).body.id;
    for (const service of ['payroll', 'invoices']) await this.send('post', `/v1/organizations/${id}/subscriptions`, operator, { service });
    const body = { subject: mrSubject, name: `Main ${mrSubject}`, email: emailOf(mrSubject) };
    const mrId: string = (await this.send('post', `/v1/organizations/${id}/main-responsibles`, operator, body)).body.id;
    return { id, mr: await bearer(this.t, mrSubject), mrId };
  }

  async member(org: string, editor: string, subject: string, unitId?: string): Promise<string> {
    const body = { type: 'employee', name: `User ${subject}`, email: emailOf(subject), subject, ...(unitId ? { unitId } : {}) };
    const id: string = (await this.send('post', `/v1/organizations/${org}/members`, editor, body)).body.id;
    await this.send('post', `/v1/organizations/${org}/members/${id}/invitation/acceptance`, await bearer(this.t, subject));
    return id;
  }

  async grant(org: string, member: string, editor: string, body: object): Promise<string> {
    return (await this.send('post', `/v1/organizations/${org}/members/${member}/grants`, editor, body)).body.id;
  }
}

export async function buildAccessWorld(t: TestApp): Promise<AccessWorld> {
  const c = new Commands(t);
  await setClock(t, T.start);
  const operator = await bearer(t, 'operator-1', { operator: true });
  for (const key of ['payroll', 'invoices']) await c.send('post', '/v1/services', operator, { key, name: key });

  const orgA = await c.organization(operator, 'Acme AB', '556036-0793', 'mr-a');
  const hr: string = (await c.send('post', `/v1/organizations/${orgA.id}/units`, orgA.mr, { name: 'HR' })).body.id;
  const sales: string = (await c.send('post', `/v1/organizations/${orgA.id}/units`, orgA.mr, { name: 'Sales' })).body.id;
  const lenaId = await c.member(orgA.id, orgA.mr, 'lena', hr);
  await c.send('post', `/v1/organizations/${orgA.id}/administrators`, orgA.mr, { memberId: lenaId, level: 3, unitId: hr });
  const annaId = await c.member(orgA.id, orgA.mr, 'anna', hr);
  const boId = await c.member(orgA.id, orgA.mr, 'bo', sales);
  const orgB = await c.organization(operator, 'Other AB', '212000-0142', 'mr-b');
  const olleId = await c.member(orgB.id, orgB.mr, 'olle');

  await setClock(t, T.grants);
  const grants = {
    annaPayroll: await c.grant(orgA.id, annaId, orgA.mr, { service: 'payroll', validUntil: '2025-05-01T00:00:00.000Z' }),
    annaInvoices: await c.grant(orgA.id, annaId, orgA.mr, { service: 'invoices' }),
    boPayroll: await c.grant(orgA.id, boId, orgA.mr, { service: 'payroll' }),
    ollePayroll: await c.grant(orgB.id, olleId, orgB.mr, { service: 'payroll' }),
  };
  for (const [org, member, subject] of [[orgA.id, annaId, 'anna'], [orgA.id, boId, 'bo'], [orgB.id, olleId, 'olle']] as const) {
    await c.send('post', `/v1/organizations/${org}/members/${member}/logins`, await bearer(t, subject));
  }

  await setClock(t, T.changes);
  await c.send('post', `/v1/organizations/${orgA.id}/members/${annaId}/grants/${grants.annaPayroll}/extension`, orgA.mr, { validUntil: '2025-08-01T00:00:00.000Z' });
  await c.send('delete', `/v1/organizations/${orgA.id}/members/${annaId}/grants/${grants.annaInvoices}`, orgA.mr, { reason: 'moved to HR work' });

  await setClock(t, T.leaving);
  await c.send('post', `/v1/organizations/${orgA.id}/members/${boId}/employment-end`, orgA.mr, { reason: 'left the company' });
  await setClock(t, T.now);

  return {
    operator,
    a: { ...orgA, hr, lena: await bearer(t, 'lena'), lenaId, annaId, boId },
    b: { ...orgB, olleId },
    grants,
    position: c.position,
  };
}

/**
 * Runs the due jobs and waits until the log stops growing (the automatic endings of an employment end are
 * written by a process manager); answers the head, for `minPosition`.
 */
export async function settle(t: TestApp): Promise<string> {
  await t.http.post('/v1/test/jobs/run').set('authorization', await bearer(t, 'test-clock')).send({}).expect(200);
  const store = t.app.get<EventStore>(EVENT_STORE);
  let head = await store.headPosition();
  for (let tries = 0; tries < 50; tries += 1) {
    await sleep(200);
    const next = await store.headPosition();
    if (next === head) return String(head);
    head = next;
  }
  throw new Error(`the log kept growing for 10 s (at position ${head})`);
}
