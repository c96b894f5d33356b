import { EVENT_STORE, type EventStore } from '@behorighet/event-store';
import { addMonths, iso, loginEligibility, organizationStream, warnings } from '@behorighet/domain';
import {
  appointMainResponsible,
  attemptLogin,
  bearer,
  inviteAndAccept,
  issueGrant,
  memberFromLog,
  organizationFromLog,
  organizationWithMainResponsible,
  registerOrganization,
  setClock,
  startTestApp,
  streamEvents,
  TestApp,
} from '@behorighet/testing';

/**
 * Seed 000 (Alecta, "Om behörigheter"): the company names a main responsible employed by it or its group;
 * every authority lasts at most 36 months; the main responsible extends them; without a valid main
 * responsible (or agreement) nobody logs in.
 */
describe('seed 000 (Alecta): organizations and their main responsible', () => {
  const T0 = '2026-01-05T09:00:00.000Z';
  const later = (months: number) => iso(addMonths(Date.parse(T0), months));
  let t: TestApp;
  let operator: string;
  let n = 0;
  const acme = () => ({ name: `Acme ${++n} AB`, orgNumber: '556016-0680' });

  /** An organization with a main responsible, a subscription and an employee who holds a grant and can log in. */
  async function workingOrganization(mrValidUntil?: string) {
    const organizationId = await registerOrganization(t, operator, acme());
    const mrSubject = `mr-${n}`;
    const mainResponsibleId = await appointMainResponsible(t, operator, organizationId, { subject: mrSubject, validUntil: mrValidUntil });
    const mainResponsible = await bearer(t, mrSubject);
    await t.http.post(`/v1/organizations/${organizationId}/subscriptions`).set('authorization', operator).send({ service: 'pension' }).expect(201);
    const userSubject = `user-${n}`;
    const userId = await inviteAndAccept(t, mainResponsible, organizationId, { subject: userSubject });
    await issueGrant(t, mainResponsible, organizationId, userId, { service: 'pension' });
    return { organizationId, mainResponsibleId, mainResponsible, mrSubject, userId, userSubject };
  }

  /** R-LOG-1: an allowed login is recorded and answers 2xx with the position written (the members area picks the status). */
  async function expectLoginAllowed(organizationId: string, memberId: string, subject: string) {
    const res = await attemptLogin(t, organizationId, memberId, subject);
    expect({ ok: res.status < 300, body: res.body }).toEqual({ ok: true, body: { position: expect.stringMatching(/^\d+$/) } });
  }

  /** R-ORG-3 as the overview shows it to the operator, once its read model has reached `position`. */
  async function overviewWarnings(organizationId: string, position: string) {
    const res = await t.http.get(`/v1/organizations/${organizationId}/overview?minPosition=${position}`).set('authorization', operator).expect(200);
    return res.body.warnings;
  }

  beforeAll(async () => {
    t = await startTestApp();
    operator = await bearer(t, 'operator-1', { operator: true });
    await setClock(t, T0);
    await t.http.post('/v1/services').set('authorization', operator).send({ key: 'pension', name: 'Pensionsrapporter' }).expect(201);
  });
  beforeEach(() => setClock(t, T0));
  afterAll(() => t.close());

  describe('registration (R-ORG-1)', () => {
    it('R-ORG-1 the operator registers an organization: 201 with its id; the log keeps the canonical org number and group', async () => {
      const res = await t.http.post('/v1/organizations').set('authorization', operator).send({ name: 'Alecta Kund AB', orgNumber: '5566778899', groupId: 'kund-koncern' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), position: expect.stringMatching(/^\d+$/) });
      const [registered] = await streamEvents(t, organizationStream(res.body.id));
      expect(registered).toMatchObject({ type: 'OrganizationRegistered', data: { organizationId: res.body.id, name: 'Alecta Kund AB', orgNumber: '556677-8899', groupId: 'kund-koncern' } });
      const state = await organizationFromLog(t, res.body.id);
      expect(state.agreement).toEqual([{ from: T0 }]);
    });

    it('R-ORG-1 only the platform operator registers organizations (403 OPERATOR_ONLY, nothing written)', async () => {
      const store = t.app.get<EventStore>(EVENT_STORE);
      const before = await store.headPosition();
      const res = await t.http.post('/v1/organizations').set('authorization', await bearer(t, 'someone')).send(acme());
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('OPERATOR_ONLY');
      expect(await store.headPosition()).toBe(before);
    });

    it.each(['556016-0681', '5560160689', '212000-0143'])('R-ORG-1 refuses the org number %s with a wrong Luhn digit (400 naming orgNumber)', async (orgNumber) => {
      const res = await t.http.post('/v1/organizations').set('authorization', operator).send({ name: 'Fel AB', orgNumber });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'orgNumber', reason: expect.stringContaining('Luhn') })]);
    });

    it('answers a retried registration with the same Idempotency-Key with the same organization id', async () => {
      const send = () => t.http.post('/v1/organizations').set('authorization', operator).set('idempotency-key', 'org-retry-1').send({ name: 'Retry AB', orgNumber: '556703-7485' });
      const first = await send().expect(201);
      const again = await send().expect(201);
      expect(again.body).toEqual(first.body);
    });
  });

  describe('the main responsible (R-ORG-2)', () => {
    it('R-ORG-2 the operator registers a main responsible employed by the organization: member and 36-month appointment, who may log in', async () => {
      const organizationId = await registerOrganization(t, operator, acme());
      const res = await t.http
        .post(`/v1/organizations/${organizationId}/main-responsibles`)
        .set('authorization', operator)
        .send({ subject: 'se-eid:196501011234', name: 'Maria Lind', email: 'Maria.Lind@Example.se' })
        .expect(201);
      const events = await streamEvents(t, organizationStream(organizationId));
      expect(events.slice(1).map((e) => e.type)).toEqual(['MemberRegistered', 'AdminAppointed']);
      expect(events[1]!.data).toMatchObject({ memberId: res.body.id, subject: 'se-eid:196501011234', email: 'maria.lind@example.se', type: 'employee' });
      expect(events[2]!.data).toMatchObject({ memberId: res.body.id, role: 'main-responsible', validFrom: T0, validUntil: later(36) });
      await expectLoginAllowed(organizationId, res.body.id, 'se-eid:196501011234');
    });

    it('R-ORG-2 accepts a main responsible employed by another organization of the same group', async () => {
      const parent = await registerOrganization(t, operator, { name: 'Moder AB', orgNumber: '556946-7466', groupId: 'koncern-1' });
      const daughter = await registerOrganization(t, operator, { name: 'Dotter AB', orgNumber: '212000-0142', groupId: 'koncern-1' });
      const memberId = await appointMainResponsible(t, operator, daughter, { subject: 'group-mr', employedBy: parent });
      const events = await streamEvents(t, organizationStream(daughter));
      expect(events.find((e) => e.type === 'AdminAppointed')?.data).toMatchObject({ memberId, role: 'main-responsible', employedBy: parent });
    });

    it.each([
      ['in another group', 'koncern-2'],
      ['in no group', undefined],
    ])('R-ORG-2 refuses a main responsible employed by an organization %s (409 NOT_IN_GROUP)', async (_case, groupId) => {
      const employer = await registerOrganization(t, operator, { name: 'Annan AB', orgNumber: '556016-0680', groupId: 'koncern-1' });
      const organizationId = await registerOrganization(t, operator, { ...acme(), ...(groupId ? { groupId } : {}) });
      const res = await t.http.post(`/v1/organizations/${organizationId}/main-responsibles`).set('authorization', operator).send({ subject: 'outsider', name: 'Out Sider', email: 'out@example.se', employedBy: employer });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('NOT_IN_GROUP');
    });

    it('R-ORG-2 refuses an employer that is no registered organization (409 NOT_IN_GROUP, not a server error)', async () => {
      const organizationId = await registerOrganization(t, operator, { ...acme(), groupId: 'koncern-1' });
      const res = await t.http
        .post(`/v1/organizations/${organizationId}/main-responsibles`)
        .set('authorization', operator)
        .send({ subject: 'ghost', name: 'Gh Ost', email: 'ghost@example.se', employedBy: '00000000-0000-4000-8000-000000000000' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('NOT_IN_GROUP');
    });

    it('R-ORG-2 only the operator registers and removes main responsibles, not the main responsible itself (403 OPERATOR_ONLY)', async () => {
      const org = await organizationWithMainResponsible(t, operator, acme(), `self-mr-${n}`);
      const add = await t.http.post(`/v1/organizations/${org.organizationId}/main-responsibles`).set('authorization', org.mainResponsible).send({ subject: 'friend', name: 'Fr Iend', email: 'friend@example.se' });
      expect([add.status, add.body.code]).toEqual([403, 'OPERATOR_ONLY']);
      const remove = await t.http.delete(`/v1/organizations/${org.organizationId}/main-responsibles/${org.mainResponsibleId}`).set('authorization', org.mainResponsible);
      expect([remove.status, remove.body.code]).toEqual([403, 'OPERATOR_ONLY']);
    });

    it('answers 404 ORGANIZATION_NOT_FOUND for a main responsible of an unknown organization', async () => {
      const res = await t.http.post('/v1/organizations/00000000-0000-4000-8000-000000000001/main-responsibles').set('authorization', operator).send({ subject: 'x', name: 'X', email: 'x@example.se' });
      expect([res.status, res.body.code]).toEqual([404, 'ORGANIZATION_NOT_FOUND']);
    });
  });

  describe('36 months at most (R-TIME-1, R-TIME-3)', () => {
    it('R-TIME-1 refuses a main responsible appointed for more than 36 months (422 VALIDITY_TOO_LONG) and accepts exactly 36', async () => {
      const organizationId = await registerOrganization(t, operator, acme());
      const tooLong = await t.http
        .post(`/v1/organizations/${organizationId}/main-responsibles`)
        .set('authorization', operator)
        .send({ subject: 'long', name: 'Lo Ng', email: 'long@example.se', validUntil: iso(Date.parse(later(36)) + 1000) });
      expect([tooLong.status, tooLong.body.code]).toEqual([422, 'VALIDITY_TOO_LONG']);
      await appointMainResponsible(t, operator, organizationId, { subject: 'long', validUntil: later(36) });
    });

    it('R-TIME-1 refuses a delegate or administrator appointed for more than 36 months (422 VALIDITY_TOO_LONG)', async () => {
      const org = await workingOrganization();
      for (const path of ['delegates', 'administrators']) {
        const body = { memberId: org.userId, validUntil: later(37), ...(path === 'administrators' ? { level: 1 } : {}) };
        const res = await t.http.post(`/v1/organizations/${org.organizationId}/${path}`).set('authorization', org.mainResponsible).send(body);
        expect([path, res.status, res.body.code]).toEqual([path, 422, 'VALIDITY_TOO_LONG']);
      }
    });

    it('R-TIME-3 the main responsible extends its own authority, at most 36 months from the extension', async () => {
      const org = await workingOrganization();
      await setClock(t, later(30));
      const path = `/v1/organizations/${org.organizationId}/main-responsibles/${org.mainResponsibleId}/extension`;
      const beyond = await t.http.post(path).set('authorization', org.mainResponsible).send({ validUntil: iso(Date.parse(later(66)) + 1000) });
      expect([beyond.status, beyond.body.code]).toEqual([422, 'VALIDITY_TOO_LONG']);
      await t.http.post(path).set('authorization', org.mainResponsible).send({ validUntil: later(66) }).expect(200);
      const extended = (await streamEvents(t, organizationStream(org.organizationId))).filter((e) => e.type === 'AdminAppointmentExtended');
      expect(extended.map((e) => e.data)).toEqual([expect.objectContaining({ memberId: org.mainResponsibleId, previousValidUntil: later(36), validUntil: later(66) })]);
      // Past the original end the organization is not headless: the user's own grant ran out, the extended authority did not.
      await setClock(t, later(40));
      const user = await attemptLogin(t, org.organizationId, org.userId, org.userSubject);
      expect([user.status, user.body.reasons]).toEqual([403, ['NO_VALID_GRANT']]);
      await expectLoginAllowed(org.organizationId, org.mainResponsibleId, org.mrSubject);
    });

    it('R-TIME-3 the operator extends a main responsible; a delegate may not (403 MAIN_RESPONSIBLE_ONLY)', async () => {
      const org = await workingOrganization();
      const path = `/v1/organizations/${org.organizationId}/main-responsibles/${org.mainResponsibleId}/extension`;
      await t.http.post(`/v1/organizations/${org.organizationId}/delegates`).set('authorization', org.mainResponsible).send({ memberId: org.userId }).expect(201);
      const byDelegate = await t.http.post(path).set('authorization', await bearer(t, org.userSubject)).send({ validUntil: later(30) });
      expect([byDelegate.status, byDelegate.body.code]).toEqual([403, 'MAIN_RESPONSIBLE_ONLY']);
      await t.http.post(path).set('authorization', operator).send({ validUntil: later(30) }).expect(200);
    });

    it('R-TIME-1 R-ORG-4 when the main responsible\'s authority runs out nobody logs in, until the operator registers one again', async () => {
      const org = await workingOrganization(later(2));
      await expectLoginAllowed(org.organizationId, org.userId, org.userSubject);
      await setClock(t, later(3));
      for (const [memberId, subject] of [[org.userId, org.userSubject], [org.mainResponsibleId, org.mrSubject]] as const) {
        const denied = await attemptLogin(t, org.organizationId, memberId, subject);
        expect([denied.status, denied.body.code]).toEqual([403, 'LOGIN_DENIED']);
        expect(denied.body.reasons).toContain('ORGANIZATION_HEADLESS');
      }
      const extend = await t.http.post(`/v1/organizations/${org.organizationId}/main-responsibles/${org.mainResponsibleId}/extension`).set('authorization', org.mainResponsible).send({ validUntil: later(12) });
      expect([extend.status, extend.body.code]).toEqual([409, 'ORGANIZATION_HEADLESS']);
      const again = await appointMainResponsible(t, operator, org.organizationId, { subject: org.mrSubject });
      expect(again).toBe(org.mainResponsibleId);
      await expectLoginAllowed(org.organizationId, org.userId, org.userSubject);
    });
  });

  describe('one or two main responsibles (R-ORG-3, R-ORG-4)', () => {
    it('R-ORG-3 removing the last main responsible is allowed and leaves the organization headless: no member logs in (R-ORG-4)', async () => {
      const org = await workingOrganization();
      expect(warnings(await organizationFromLog(t, org.organizationId), Date.parse(T0))).toEqual([]);
      const removed = await t.http.delete(`/v1/organizations/${org.organizationId}/main-responsibles/${org.mainResponsibleId}`).set('authorization', operator).send({ reason: 'Slutat' }).expect(200);
      const state = await organizationFromLog(t, org.organizationId);
      expect(warnings(state, Date.parse(T0))).toEqual([{ code: 'NO_MAIN_RESPONSIBLE', count: 0 }]);
      expect(await overviewWarnings(org.organizationId, removed.body.position)).toEqual([{ code: 'NO_MAIN_RESPONSIBLE', count: 0 }]);
      const fromLog = loginEligibility({ organization: state, memberId: org.userId, member: await memberFromLog(t, org.userId) }, Date.parse(T0));
      expect(fromLog).toMatchObject({ allowed: false, reasons: ['ORGANIZATION_HEADLESS'] });
      const denied = await attemptLogin(t, org.organizationId, org.userId, org.userSubject);
      expect([denied.status, denied.body.code, denied.body.reasons]).toEqual([403, 'LOGIN_DENIED', ['ORGANIZATION_HEADLESS']]);
      // A new main responsible ends it.
      await appointMainResponsible(t, operator, org.organizationId, { subject: 'new-mr' });
      await expectLoginAllowed(org.organizationId, org.userId, org.userSubject);
    });

    it('R-ORG-3 warns at more than two main responsibles, yet accepts them; removing one who holds none answers 404', async () => {
      const org = await workingOrganization();
      await appointMainResponsible(t, operator, org.organizationId, { subject: 'second-mr' });
      expect(warnings(await organizationFromLog(t, org.organizationId), Date.parse(T0))).toEqual([]);
      await appointMainResponsible(t, operator, org.organizationId, { subject: 'third-mr' });
      expect(warnings(await organizationFromLog(t, org.organizationId), Date.parse(T0))).toEqual([{ code: 'TOO_MANY_MAIN_RESPONSIBLES', count: 3 }]);
      const head = (await t.app.get<EventStore>(EVENT_STORE).headPosition()).toString();
      expect(await overviewWarnings(org.organizationId, head)).toEqual([{ code: 'TOO_MANY_MAIN_RESPONSIBLES', count: 3 }]);
      const notOne = await t.http.delete(`/v1/organizations/${org.organizationId}/main-responsibles/${org.userId}`).set('authorization', operator);
      expect([notOne.status, notOne.body.code]).toEqual([404, 'APPOINTMENT_NOT_FOUND']);
    });
  });

  describe('the agreement (R-ORG-1, R-ORG-4)', () => {
    it('R-ORG-4 a terminated agreement stops every login and every act; renewal restores them', async () => {
      const org = await workingOrganization();
      const agreement = `/v1/organizations/${org.organizationId}/agreement`;
      await t.http.post(`${agreement}/termination`).set('authorization', operator).send({ reason: 'Uppsagt' }).expect(200);
      const denied = await attemptLogin(t, org.organizationId, org.userId, org.userSubject);
      expect([denied.status, denied.body.reasons]).toEqual([403, ['AGREEMENT_TERMINATED']]);
      const act = await t.http.post(`/v1/organizations/${org.organizationId}/units`).set('authorization', org.mainResponsible).send({ name: 'Ekonomi' });
      expect([act.status, act.body.code]).toEqual([409, 'AGREEMENT_TERMINATED']);
      const twice = await t.http.post(`${agreement}/termination`).set('authorization', operator).send({});
      expect([twice.status, twice.body.code]).toEqual([409, 'AGREEMENT_TERMINATED']);

      await setClock(t, later(1));
      await t.http.post(`${agreement}/renewal`).set('authorization', operator).send({}).expect(200);
      await expectLoginAllowed(org.organizationId, org.userId, org.userSubject);
      const again = await t.http.post(`${agreement}/renewal`).set('authorization', operator);
      expect([again.status, again.body.code]).toEqual([409, 'AGREEMENT_ACTIVE']);
      expect((await organizationFromLog(t, org.organizationId)).agreement).toEqual([
        expect.objectContaining({ from: T0, until: T0, reason: 'Uppsagt' }),
        { from: later(1) },
      ]);
    });

    it('R-ORG-1 only the operator terminates or renews the agreement (403 OPERATOR_ONLY)', async () => {
      const org = await workingOrganization();
      for (const action of ['termination', 'renewal']) {
        const res = await t.http.post(`/v1/organizations/${org.organizationId}/agreement/${action}`).set('authorization', org.mainResponsible).send({});
        expect([action, res.status, res.body.code]).toEqual([action, 403, 'OPERATOR_ONLY']);
      }
    });
  });

  describe('subscriptions', () => {
    it('R-ORG-1 the operator subscribes an organization to a catalog service, once; unknown services and other callers are refused', async () => {
      const org = await organizationWithMainResponsible(t, operator, acme(), `sub-mr-${n}`);
      const path = `/v1/organizations/${org.organizationId}/subscriptions`;
      await t.http.post(path).set('authorization', operator).send({ service: 'pension' }).expect(201);
      expect((await organizationFromLog(t, org.organizationId)).subscriptions).toEqual({ pension: { service: 'pension', subscribedAt: T0 } });
      const twice = await t.http.post(path).set('authorization', operator).send({ service: 'pension' });
      expect([twice.status, twice.body.code]).toEqual([409, 'ALREADY_SUBSCRIBED']);
      const unknown = await t.http.post(path).set('authorization', operator).send({ service: 'bowling' });
      expect([unknown.status, unknown.body.code]).toEqual([422, 'UNKNOWN_SERVICE']);
      const byMr = await t.http.post(path).set('authorization', org.mainResponsible).send({ service: 'pension' });
      expect([byMr.status, byMr.body.code]).toEqual([403, 'OPERATOR_ONLY']);
    });
  });
});
