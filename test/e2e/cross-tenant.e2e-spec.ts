import { memberStream, orderStream, organizationStream } from '@behorighet/domain';
import { EVENT_STORE, type EventStore } from '@behorighet/event-store';
import {
  appointAdministrator,
  appointMainResponsible,
  bearer,
  expectStatus,
  inviteAndAccept,
  issueGrant,
  placeOrder,
  registerOrganization,
  registerServices,
  setClock,
  shareAccess,
  startTestApp,
  TestApp,
} from '@behorighet/testing';
import { COMMAND_BODIES, type BodyIds } from './cross-tenant.bodies.js';

const T0 = '2030-09-01T08:00:00.000Z';
/** Every B member's name carries it; it must never appear in an answer to A's people. */
const CANARY = 'Kanariefagel';

interface Route {
  method: 'post' | 'put' | 'patch' | 'delete';
  path: string;
  key: string;
}

/** The command routes of the app's own OpenAPI document: every path × method that is not a GET. */
async function commandRoutes(t: TestApp): Promise<Route[]> {
  const doc = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => ({ method: method as Route['method'], path, key: `${method.toUpperCase()} ${path}` })),
  );
}

const paramsOf = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);


/**
 * R-SEC-2 across every command route: people of organization A, with all the power they hold there, call each
 * command on organization B (and on A with B's ids). Every answer is 403 or 404, never B's data, and B's log is untouched.
 */
describe('cross-tenant isolation of every command route', () => {
  let t: TestApp;
  let routes: Route[];
  const a = { organizationId: '', l1: '', mainResponsible: '' };
  const b = { organizationId: '', members: [] as string[], invited: '', grantId: '', orderId: '', shareId: '', employerCode: 'B-100' };

  beforeAll(async () => {
    t = await startTestApp();
    await setClock(t, T0);
    const operator = await bearer(t, 'operator-1', { operator: true });
    await registerServices(t, operator, ['payroll', 'journal']);

    a.organizationId = await registerOrganization(t, operator, { name: 'Angripare AB', orgNumber: '556016-0680' });
    await appointMainResponsible(t, operator, a.organizationId, { subject: 'a-mr', name: 'Anders Angripare' });
    a.mainResponsible = await bearer(t, 'a-mr');
    const l1 = await inviteAndAccept(t, a.mainResponsible, a.organizationId, { subject: 'a-l1', name: 'Alva Angripare' });
    await appointAdministrator(t, a.mainResponsible, a.organizationId, { memberId: l1, level: 1 });
    a.l1 = await bearer(t, 'a-l1');

    b.organizationId = await registerOrganization(t, operator, { name: `${CANARY} Vård AB`, orgNumber: '556946-7466' });
    await t.http.post(`/v1/organizations/${b.organizationId}/subscriptions`).set('authorization', operator).send({ service: 'payroll' }).expect(201);
    const bMr = await appointMainResponsible(t, operator, b.organizationId, { subject: 'b-mr', name: `Beata ${CANARY}` });
    const mr = await bearer(t, 'b-mr');
    const bengt = await inviteAndAccept(t, mr, b.organizationId, { subject: 'b-bengt', name: `Bengt ${CANARY}` });
    const berit = await inviteAndAccept(t, mr, b.organizationId, { subject: 'b-berit', name: `Berit ${CANARY}` });
    // An invitation nobody has accepted yet: bound to no person.
    const pending = await t.http.post(`/v1/organizations/${b.organizationId}/members`).set('authorization', mr).send({ email: 'birger@example.se', name: `Birger ${CANARY}`, type: 'employee' });
    b.invited = expectStatus(pending, 201).body.id;
    b.members = [bMr, bengt, berit, b.invited];

    await appointAdministrator(t, mr, b.organizationId, { memberId: berit, level: 2 });
    b.grantId = await issueGrant(t, mr, b.organizationId, bengt, { service: 'payroll' });
    await issueGrant(t, mr, b.organizationId, bengt, { role: 'orderer' });
    b.orderId = await placeOrder(t, await bearer(t, 'b-bengt'), b.organizationId, { service: 'journal' });
    b.shareId = await shareAccess(t, await bearer(t, 'b-bengt'), b.organizationId, bengt, { resource: 'workspace', memberId: berit, actions: ['read'] });
    await t.http.post(`/v1/organizations/${b.organizationId}/employer-codes`).set('authorization', mr).send({ code: b.employerCode }).expect(201);

    routes = await commandRoutes(t);
  });
  afterAll(() => t.close());

  /** Revision and count of every B stream; equal before and after means nothing was written there. */
  async function bStreams(): Promise<Record<string, string>> {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const streams = [organizationStream(b.organizationId), orderStream(b.orderId), ...b.members.map(memberStream)];
    const snapshot: Record<string, string> = {};
    for (const stream of streams) {
      let count = 0;
      let last = -1n;
      let lastType = 'none';
      try {
        for await (const event of store.readStream(stream)) {
          count++;
          last = event.revision;
          lastType = event.type;
        }
      } catch (error) {
        if ((error as { code?: string }).code !== 'STREAM_NOT_FOUND') throw error;
      }
      snapshot[stream] = `${count} events, the last ${lastType} at revision ${last}`;
    }
    return snapshot;
  }

  /** The calls of one route: each B member in the member slot, with B's other ids; `organizationId` in the org slot. */
  function callsOf(route: Route, organizationId: string): Array<{ path: string; body: object | undefined; member: 'bound' | 'invited' }> {
    const template = COMMAND_BODIES[route.key];
    // A route without a template fails the spec that checks the table; the sweep goes on with the others.
    if (!template) return [];
    return b.members.map((memberId, i) => {
      const values: Record<string, string> = {
        org: organizationId,
        member: memberId,
        owner: memberId,
        grant: b.grantId,
        order: b.orderId,
        share: b.shareId,
        code: b.employerCode,
      };
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (!(name in values)) throw new Error(`${route.key}: no id of organization B for the path parameter {${name}}`);
        return values[name];
      });
      const ids: BodyIds = { intruderOrganizationId: a.organizationId, otherMemberId: b.members[(i + 1) % b.members.length], later: '2031-03-01T00:00:00.000Z' };
      return { path, body: template(ids), member: memberId === b.invited ? ('invited' as const) : ('bound' as const) };
    });
  }

  /**
   * Whether a call names something of B's besides its organization: a member, grant, order or share (employer
   * codes are names inside one organization, not ids, so B's code in A is just an unknown code of A).
   */
  const namesBThing = (route: Route, body: object | undefined) =>
    paramsOf(route.path).some((p) => p !== 'org' && p !== 'code') || b.members.some((m) => JSON.stringify(body ?? {}).includes(m));

  it('R-SEC-2 finds the command routes in the OpenAPI document, and has a body template for each', () => {
    expect(routes.length).toBeGreaterThanOrEqual(30);
    expect(routes.filter((r) => !(r.key in COMMAND_BODIES)).map((r) => r.key)).toEqual([]);
  });

  it.each([
    ['an L1 administrator of A', () => a.l1],
    ['the main responsible of A', () => a.mainResponsible],
  ])('R-SEC-2 %s gets 403 or 404 from every command route on B, never B’s data, and B’s log is untouched', async (_who, token) => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const before = await bStreams();
    const head = await store.headPosition();
    const findings: string[] = [];
    let calls = 0;
    for (const route of routes) {
      const onB = callsOf(route, b.organizationId);
      const onAWithBIds = callsOf(route, a.organizationId).filter((call) => namesBThing(route, call.body));
      for (const { path, body } of [...onB, ...onAWithBIds]) {
        const request = t.http[route.method](path).set('authorization', token());
        const res = await (body === undefined ? request : request.send(body));
        calls++;
        if (res.status !== 403 && res.status !== 404) findings.push(`${route.method.toUpperCase()} ${path} → ${res.status} ${res.body?.code ?? ''}`);
        if (res.text.includes(CANARY)) findings.push(`${route.method.toUpperCase()} ${path} → answer shows B's data`);
      }
    }
    expect(findings).toEqual([]);
    expect(calls).toBeGreaterThan(routes.length);
    expect(await bStreams()).toEqual(before);
    expect(await store.headPosition()).toBe(head);
  });

  describe('invitations and logins of B’s members (once open gaps, now closed)', () => {
    const accept = (memberId: string, token: string) =>
      t.http.post(`/v1/organizations/${b.organizationId}/members/${memberId}/invitation/acceptance`).set('authorization', token).send({});

    it('R-SEC-2 an outsider learns nothing about a B member from its invitation (404, not 409 INVITATION_NOT_PENDING)', async () => {
      const res = await accept(b.members[1], a.l1);
      expect([403, 404]).toContain(res.status);
    });

    it('R-SEC-2 an outsider’s login attempt as B’s invited member writes nothing to B’s log and reveals no reasons', async () => {
      const before = await bStreams();
      const res = await t.http.post(`/v1/organizations/${b.organizationId}/members/${b.invited}/logins`).set('authorization', a.mainResponsible).send({});
      expect([403, 404]).toContain(res.status);
      expect(res.body.reasons).toBeUndefined();
      expect(await bStreams()).toEqual(before);
    });

    it('R-SEC-2 R-MEM-2 an outsider cannot take an invitation meant for someone else (without the e-mail’s token)', async () => {
      const before = await bStreams();
      const res = await accept(b.invited, a.l1);
      expect([403, 404]).toContain(res.status);
      expect(await bStreams()).toEqual(before);
    });
  });
});
