/**
 * A small world for the read-side e2e specs, built over HTTP: two organizations, units, an L3 administrator
 * scoped to a unit, members with grants that end soon or later, an external member ending soon and a pending
 * invitation. Every command's position is kept so the queries can read their writes (`minPosition`).
 */
import type { Response } from 'supertest';
import { bearer, emailOf, expectStatus, setClock, type TestApp } from '@behorighet/testing';

export const T0 = '2026-01-01T00:00:00.000Z';
export const DAY = 86_400_000;
export const inDays = (days: number, from = T0) => new Date(Date.parse(from) + days * DAY).toISOString();

export interface ReadWorld {
  operator: string;
  a: { id: string; mr: string; mrId: string; hr: string; sales: string; lena: string; lenaId: string; annaId: string; boId: string; carlId: string; evaId: string };
  b: { id: string; mr: string; mrId: string; olleId: string };
  grants: { annaPayroll: string; annaAttestant: string; boPayroll: string; boInvoices: string; ollePayroll: string };
  /** The position of the last command: a query given it as `minPosition` sees the whole world. */
  position: string;
}

/** Runs commands and remembers the highest log position they answered. */
export class Commands {
  position = '0';

  constructor(private readonly t: TestApp) {}

  /** Sends a command and fails with the problem body unless it answers 2xx. */
  async send(method: 'post' | 'delete', path: string, token: string, body: object = {}): Promise<Response> {
    const res = await this.t.http[method](path).set('authorization', token).send(body);
    if (res.status < 200 || res.status > 299) expectStatus(res, 200);
    if (typeof res.body.position === 'string' && BigInt(res.body.position) > BigInt(this.position)) this.position = res.body.position;
    return res;
  }

  async organization(operator: string, name: string, orgNumber: string, mrSubject: string): Promise<{ id: string; mr: string; mrId: string }> {
    const id = (await this.send('post', '/v1/organizations', operator, { name, orgNumber })).body.id;
    for (const service of ['payroll', 'invoices']) await this.send('post', `/v1/organizations/${id}/subscriptions`, operator, { service });
    const mrId = (await this.send('post', `/v1/organizations/${id}/main-responsibles`, operator, { subject: mrSubject, name: `Main ${mrSubject}`, email: emailOf(mrSubject) })).body.id;
    return { id, mr: await bearer(this.t, mrSubject), mrId };
  }

  async member(org: string, editor: string, subject: string, extra: { unitId?: string; type?: string; endsAt?: string; accept?: boolean } = {}): Promise<string> {
    const { accept = true, type = 'employee', ...rest } = extra;
    const body = { type, name: `User ${subject}`, email: emailOf(subject), subject, ...rest };
    const id = (await this.send('post', `/v1/organizations/${org}/members`, editor, body)).body.id;
    if (accept) await this.send('post', `/v1/organizations/${org}/members/${id}/invitation/acceptance`, await bearer(this.t, subject), {});
    return id;
  }

  async grant(org: string, member: string, editor: string, body: object): Promise<string> {
    return (await this.send('post', `/v1/organizations/${org}/members/${member}/grants`, editor, body)).body.ids[0];
  }
}

export async function buildReadWorld(t: TestApp): Promise<ReadWorld> {
  await setClock(t, T0);
  const operator = await bearer(t, 'operator-1', { operator: true });
  const c = new Commands(t);
  for (const key of ['payroll', 'invoices']) await c.send('post', '/v1/services', operator, { key, name: key });

  const orgA = await c.organization(operator, 'Acme AB', '556036-0793', 'mr-a');
  const hr = (await c.send('post', `/v1/organizations/${orgA.id}/units`, orgA.mr, { name: 'HR' })).body.id;
  const sales = (await c.send('post', `/v1/organizations/${orgA.id}/units`, orgA.mr, { name: 'Sales' })).body.id;
  if (typeof hr !== 'string' || typeof sales !== 'string') throw new Error('creating the units answered no ids');
  const lenaId = await c.member(orgA.id, orgA.mr, 'lena', { unitId: hr });
  await c.send('post', `/v1/organizations/${orgA.id}/administrators`, orgA.mr, { memberId: lenaId, level: 3, unitId: hr });
  const annaId = await c.member(orgA.id, orgA.mr, 'anna', { unitId: hr });
  const boId = await c.member(orgA.id, orgA.mr, 'bo', { unitId: sales });
  const carlId = await c.member(orgA.id, orgA.mr, 'carl', { unitId: sales, type: 'external', endsAt: inDays(20) });
  const evaId = await c.member(orgA.id, orgA.mr, 'eva', { unitId: hr, accept: false });
  const grants = {
    annaPayroll: await c.grant(orgA.id, annaId, orgA.mr, { service: 'payroll', validUntil: inDays(20) }),
    annaAttestant: await c.grant(orgA.id, annaId, orgA.mr, { role: 'attestant', validUntil: inDays(200) }),
    boPayroll: await c.grant(orgA.id, boId, orgA.mr, { service: 'payroll', validUntil: inDays(300) }),
    boInvoices: await c.grant(orgA.id, boId, orgA.mr, { service: 'invoices', validUntil: inDays(300) }),
    ollePayroll: '',
  };

  const orgB = await c.organization(operator, 'Other AB', '212000-0142', 'mr-b');
  const olleId = await c.member(orgB.id, orgB.mr, 'olle');
  grants.ollePayroll = await c.grant(orgB.id, olleId, orgB.mr, { service: 'payroll', validUntil: inDays(300) });

  return {
    operator,
    a: { ...orgA, hr, sales, lena: await bearer(t, 'lena'), lenaId, annaId, boId, carlId, evaId },
    b: { ...orgB, olleId },
    grants,
    position: c.position,
  };
}
