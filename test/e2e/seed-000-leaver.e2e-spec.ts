import { EVENT_STORE, type EventStore } from '@behorighet/event-store';
import { addDays, addMonths, iso, memberStream, organizationStream } from '@behorighet/domain';
import {
  appointAdministrator,
  appointMainResponsible,
  askLoginEligibility,
  attemptLogin,
  bearer,
  inviteAndAccept,
  issueGrant,
  organizationWithMainResponsible,
  setClock,
  startTestApp,
  streamEvents,
  subscribeServices,
  TestApp,
} from '@behorighet/testing';

/**
 * Seed 000 (Alecta), "När någon slutar sin anställning": a leaver who is not removed keeps logging in, and a
 * main responsible who leaves without a successor locks everybody out. Here the employment end closes the
 * leaver's login itself (R-MEM-6), and the headless lock-out follows from the rules (R-MEM-7, R-ORG-4).
 * Also the grants a main responsible hands out: at most 36 months, extended by the main responsible (R-TIME-1/3).
 */
describe('seed 000 (Alecta): leavers, headless organizations and grants', () => {
  const T0 = '2026-03-02T07:30:00.000Z';
  const inDays = (days: number) => iso(addDays(Date.parse(T0), days));
  const inMonths = (months: number) => iso(addMonths(Date.parse(T0), months));
  let t: TestApp;
  let operator: string;
  let n = 0;

  /** An organization with a main responsible, subscribed to the catalog, and one employee holding a grant. */
  async function organization() {
    const mrSubject = `alecta-mr-${++n}`;
    const org = await organizationWithMainResponsible(t, operator, { name: `Arbetsgivare ${n} AB`, orgNumber: '556703-7485' }, mrSubject);
    await subscribeServices(t, operator, org.organizationId, ['pension', 'salary', 'insurance']);
    const user = await employee(org.organizationId, org.mainResponsible);
    return { ...org, mrSubject, user, members: `/v1/organizations/${org.organizationId}/members` };
  }

  async function employee(organizationId: string, editor: string, service = 'pension') {
    const subject = `anstalld-${++n}`;
    const memberId = await inviteAndAccept(t, editor, organizationId, { subject });
    const grantId = await issueGrant(t, editor, organizationId, memberId, { service });
    return { memberId, subject, bearer: await bearer(t, subject), grantId };
  }

  const login = (organizationId: string, member: { memberId: string; subject: string }) => attemptLogin(t, organizationId, member.memberId, member.subject);

  async function expectAllowed(organizationId: string, member: { memberId: string; subject: string }) {
    const res = await login(organizationId, member);
    expect([res.status, res.body]).toEqual([201, { position: expect.stringMatching(/^\d+$/) }]);
  }

  /** Denied with exactly `reasons`, recorded as LoginDenied, and the eligibility question (asked by the operator) agrees. */
  async function expectDenied(organizationId: string, member: { memberId: string; subject: string }, reasons: string[]) {
    const res = await login(organizationId, member);
    expect([res.status, res.body.code, [...res.body.reasons].sort()]).toEqual([403, 'LOGIN_DENIED', [...reasons].sort()]);
    // The last attempt recorded (automatic endings of the leaver's grants may be appended around it).
    const recorded = (await streamEvents(t, memberStream(member.memberId))).filter((e) => e.type === 'LoginDenied' || e.type === 'UserLoggedIn').at(-1);
    expect(recorded).toMatchObject({ type: 'LoginDenied', data: { memberId: member.memberId, reasons: res.body.reasons } });
    expect(BigInt(res.body.position)).toBeLessThanOrEqual(await t.app.get<EventStore>(EVENT_STORE).headPosition());
    const eligibility = await askLoginEligibility(t, operator, organizationId, member.memberId);
    expect(eligibility.body).toEqual({ allowed: false, reasons: res.body.reasons, profileOnly: false });
  }

  const grantEvents = async (memberId: string, type: string) => (await streamEvents(t, memberStream(memberId))).filter((e) => e.type === type).map((e) => e.data);

  beforeAll(async () => {
    t = await startTestApp();
    operator = await bearer(t, 'operator-1', { operator: true });
    await setClock(t, T0);
    for (const key of ['pension', 'salary', 'insurance', 'travel']) {
      await t.http.post('/v1/services').set('authorization', operator).send({ key, name: `Tjänst ${key}` }).expect(201);
    }
    await t.http.post('/v1/packages').set('authorization', operator).send({ key: 'hr', name: 'HR-paket', services: ['pension', 'salary', 'insurance'] }).expect(201);
    await t.http.post('/v1/packages').set('authorization', operator).send({ key: 'resa', name: 'Resepaket', services: ['pension', 'travel'] }).expect(201);
  });
  beforeEach(() => setClock(t, T0));
  afterAll(() => t.close());

  describe('leavers (R-MEM-6)', () => {
    it('R-MEM-6 an employment ended now stops the leaver\'s login at once', async () => {
      const org = await organization();
      await expectAllowed(org.organizationId, org.user);
      const ended = await t.http.post(`${org.members}/${org.user.memberId}/employment-end`).set('authorization', org.mainResponsible).send({ reason: 'Slutat' });
      expect([ended.status, ended.body]).toEqual([200, { position: expect.stringMatching(/^\d+$/) }]);
      const event = (await streamEvents(t, organizationStream(org.organizationId))).find((e) => e.type === 'EmploymentEnded');
      expect(event?.data).toMatchObject({ memberId: org.user.memberId, effectiveAt: T0, reason: 'Slutat' });
      await expectDenied(org.organizationId, org.user, ['EMPLOYMENT_ENDED']);
      const twice = await t.http.post(`${org.members}/${org.user.memberId}/employment-end`).set('authorization', org.mainResponsible).send({});
      expect([twice.status, twice.body.code]).toEqual([409, 'EMPLOYMENT_ALREADY_ENDED']);
    });

    it('R-MEM-6 an employment end at a future date lets the leaver log in until that date, and not from it', async () => {
      const org = await organization();
      await t.http.post(`${org.members}/${org.user.memberId}/employment-end`).set('authorization', org.mainResponsible).send({ effectiveAt: inDays(14) }).expect(200);
      await expectAllowed(org.organizationId, org.user);
      await setClock(t, inDays(13));
      await expectAllowed(org.organizationId, org.user);
      await setClock(t, inDays(14));
      await expectDenied(org.organizationId, org.user, ['EMPLOYMENT_ENDED']);
    });

    it('R-MEM-6 refuses an employment end in the past (422 INSTANT_IN_PAST) and writes nothing; an ordinary member may not record one (403)', async () => {
      const org = await organization();
      const store = t.app.get<EventStore>(EVENT_STORE);
      const before = await store.headPosition();
      const past = await t.http.post(`${org.members}/${org.user.memberId}/employment-end`).set('authorization', org.mainResponsible).send({ effectiveAt: inDays(-1) });
      expect([past.status, past.body.code]).toEqual([422, 'INSTANT_IN_PAST']);
      const colleague = await employee(org.organizationId, org.mainResponsible);
      const before2 = await store.headPosition();
      const byColleague = await t.http.post(`${org.members}/${org.user.memberId}/employment-end`).set('authorization', colleague.bearer).send({});
      expect([byColleague.status, byColleague.body.code]).toEqual([403, 'NOT_AUTHORIZED']);
      expect(await store.headPosition()).toBe(before2);
      expect(before2).toBeGreaterThan(before);
      await expectAllowed(org.organizationId, org.user);
    });
  });

  describe('the main responsible leaves (R-MEM-7, R-ORG-4)', () => {
    it('R-MEM-7 R-ORG-4 R-LOG-1 the only main responsible leaving makes the organization headless: every login is denied, with every reason', async () => {
      const org = await organization();
      const second = await employee(org.organizationId, org.mainResponsible, 'salary');
      // HR reports it through the operator (API.md: employment end may come from the operator).
      await t.http.post(`${org.members}/${org.mainResponsibleId}/employment-end`).set('authorization', operator).send({ reason: 'Pension' }).expect(200);
      const types = (await streamEvents(t, organizationStream(org.organizationId))).slice(-2);
      expect(types).toEqual([
        expect.objectContaining({ type: 'EmploymentEnded', data: expect.objectContaining({ memberId: org.mainResponsibleId }) }),
        expect.objectContaining({ type: 'AdminDismissed', data: expect.objectContaining({ memberId: org.mainResponsibleId, role: 'main-responsible' }) }),
      ]);
      await expectDenied(org.organizationId, org.user, ['ORGANIZATION_HEADLESS']);
      await expectDenied(org.organizationId, second, ['ORGANIZATION_HEADLESS']);
      await expectDenied(org.organizationId, { memberId: org.mainResponsibleId, subject: org.mrSubject }, ['ORGANIZATION_HEADLESS', 'EMPLOYMENT_ENDED']);
      // Nobody can act either, until the operator registers a new main responsible.
      const act = await t.http.post(`${org.members}/${org.user.memberId}/grants`).set('authorization', org.mainResponsible).send({ service: 'salary' });
      expect([act.status, act.body.code]).toEqual([404, 'NOT_A_MEMBER']);
      const successor = `efterträdare-${n}`;
      await appointMainResponsible(t, operator, org.organizationId, { subject: successor });
      await expectAllowed(org.organizationId, org.user);
      await expectAllowed(org.organizationId, second);
    });

    it('R-MEM-7 a main responsible leaving at a future date makes the organization headless from that date', async () => {
      const org = await organization();
      await t.http.post(`${org.members}/${org.mainResponsibleId}/employment-end`).set('authorization', org.mainResponsible).send({ effectiveAt: inDays(30) }).expect(200);
      await setClock(t, inDays(29));
      await expectAllowed(org.organizationId, org.user);
      await setClock(t, inDays(30));
      await expectDenied(org.organizationId, org.user, ['ORGANIZATION_HEADLESS']);
    });

    it('R-MEM-7 when another main responsible remains, the organization keeps working', async () => {
      const org = await organization();
      await appointMainResponsible(t, operator, org.organizationId, { subject: `andra-mr-${n}` });
      await t.http.post(`${org.members}/${org.mainResponsibleId}/employment-end`).set('authorization', operator).send({}).expect(200);
      await expectAllowed(org.organizationId, org.user);
      await expectDenied(org.organizationId, { memberId: org.mainResponsibleId, subject: org.mrSubject }, ['EMPLOYMENT_ENDED']);
    });
  });

  describe('grants (R-GRT-1, R-GRT-2, R-ADM-5, R-TIME-1, R-TIME-3)', () => {
    it('R-TIME-1 a grant lasts 36 months by default, the maximum; longer is refused (422 VALIDITY_TOO_LONG)', async () => {
      const org = await organization();
      const [issued] = await grantEvents(org.user.memberId, 'GrantIssued');
      expect(issued).toMatchObject({ grantId: org.user.grantId, service: 'pension', validFrom: T0, validUntil: inMonths(36) });
      const grants = `${org.members}/${org.user.memberId}/grants`;
      const tooLong = await t.http.post(grants).set('authorization', org.mainResponsible).send({ service: 'salary', validUntil: iso(Date.parse(inMonths(36)) + 1000) });
      expect([tooLong.status, tooLong.body.code]).toEqual([422, 'VALIDITY_TOO_LONG']);
      const later = await t.http.post(grants).set('authorization', org.mainResponsible).send({ service: 'salary', validFrom: inMonths(2), validUntil: inMonths(38) });
      expect(later.status).toBe(201);
      for (const [body, code] of [
        [{ service: 'insurance', validFrom: inDays(-1) }, 'INSTANT_IN_PAST'],
        [{ service: 'insurance', validFrom: inDays(5), validUntil: inDays(5) }, 'INVALID_VALIDITY'],
      ] as const) {
        const res = await t.http.post(grants).set('authorization', org.mainResponsible).send(body);
        expect([res.status, res.body.code]).toEqual([422, code]);
      }
    });

    it('R-TIME-3 the main responsible extends any grant, its own included, at most 36 months from the extension', async () => {
      const org = await organization();
      const otherMr = `andra-mr-${n}`;
      await appointMainResponsible(t, operator, org.organizationId, { subject: otherMr });
      const ownGrant = await issueGrant(t, await bearer(t, otherMr), org.organizationId, org.mainResponsibleId, { role: 'attestant' });
      await setClock(t, inMonths(30));
      const own = `${org.members}/${org.mainResponsibleId}/grants/${ownGrant}/extension`;
      const beyond = await t.http.post(own).set('authorization', org.mainResponsible).send({ validUntil: iso(Date.parse(inMonths(66)) + 1000) });
      expect([beyond.status, beyond.body.code]).toEqual([422, 'VALIDITY_TOO_LONG']);
      const extended = await t.http.post(own).set('authorization', org.mainResponsible).send({ validUntil: inMonths(66) });
      expect([extended.status, extended.body]).toEqual([200, { position: expect.stringMatching(/^\d+$/) }]);
      expect(await grantEvents(org.mainResponsibleId, 'GrantExtended')).toEqual([
        expect.objectContaining({ grantId: ownGrant, role: 'attestant', previousValidUntil: inMonths(36), validUntil: inMonths(66) }),
      ]);
      await t.http.post(`${org.members}/${org.user.memberId}/grants/${org.user.grantId}/extension`).set('authorization', org.mainResponsible).send({ validUntil: inMonths(60) }).expect(200);
    });

    it('R-TIME-3 R-ADM-5 a delegate or administrator never extends its own grant (403 SELF_GRANT_FORBIDDEN), but extends others\'', async () => {
      const org = await organization();
      const delegate = await employee(org.organizationId, org.mainResponsible);
      const admin = await employee(org.organizationId, org.mainResponsible);
      await t.http.post(`/v1/organizations/${org.organizationId}/delegates`).set('authorization', org.mainResponsible).send({ memberId: delegate.memberId }).expect(201);
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: admin.memberId, level: 1 });
      for (const self of [delegate, admin]) {
        const res = await t.http.post(`${org.members}/${self.memberId}/grants/${self.grantId}/extension`).set('authorization', self.bearer).send({ validUntil: inMonths(12) });
        expect([res.status, res.body.code]).toEqual([403, 'SELF_GRANT_FORBIDDEN']);
      }
      await t.http.post(`${org.members}/${org.user.memberId}/grants/${org.user.grantId}/extension`).set('authorization', delegate.bearer).send({ validUntil: inMonths(12) }).expect(200);
      const unknown = await t.http.post(`${org.members}/${org.user.memberId}/grants/00000000-0000-4000-8000-0000000000aa/extension`).set('authorization', admin.bearer).send({ validUntil: inMonths(12) });
      expect([unknown.status, unknown.body.code]).toEqual([404, 'GRANT_NOT_FOUND']);
    });

    it('R-ADM-5 nobody grants anything to themselves (403 SELF_GRANT_FORBIDDEN), nothing written', async () => {
      const org = await organization();
      const admin = await employee(org.organizationId, org.mainResponsible);
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: admin.memberId, level: 1 });
      const store = t.app.get<EventStore>(EVENT_STORE);
      const before = await store.headPosition();
      for (const [self, memberId] of [[org.mainResponsible, org.mainResponsibleId], [admin.bearer, admin.memberId]] as const) {
        for (const body of [{ service: 'salary' }, { role: 'attestant' }, { package: 'hr' }]) {
          const res = await t.http.post(`${org.members}/${memberId}/grants`).set('authorization', self).send(body);
          expect([res.status, res.body.code]).toEqual([403, 'SELF_GRANT_FORBIDDEN']);
        }
      }
      expect(await store.headPosition()).toBe(before);
    });

    it('R-GRT-2 an L4 administrator can neither grant nor revoke (403 ADMIN_LEVEL_TOO_LOW); L3 can both', async () => {
      const org = await organization();
      const l4 = await employee(org.organizationId, org.mainResponsible);
      const l3 = await employee(org.organizationId, org.mainResponsible);
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: l4.memberId, level: 4 });
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: l3.memberId, level: 3 });
      const grants = `${org.members}/${org.user.memberId}/grants`;
      const grant = await t.http.post(grants).set('authorization', l4.bearer).send({ service: 'salary' });
      expect([grant.status, grant.body.code]).toEqual([403, 'ADMIN_LEVEL_TOO_LOW']);
      const revoke = await t.http.delete(`${grants}/${org.user.grantId}`).set('authorization', l4.bearer).send({ reason: 'Nej' });
      expect([revoke.status, revoke.body.code]).toEqual([403, 'ADMIN_LEVEL_TOO_LOW']);

      await t.http.post(grants).set('authorization', l3.bearer).send({ service: 'salary' }).expect(201);
      await t.http.delete(`${grants}/${org.user.grantId}`).set('authorization', l3.bearer).send({ reason: 'Behövs inte' }).expect(200);
      expect(await grantEvents(org.user.memberId, 'GrantRevoked')).toEqual([expect.objectContaining({ grantId: org.user.grantId, cause: 'revoked', reason: 'Behövs inte' })]);
      const again = await t.http.delete(`${grants}/${org.user.grantId}`).set('authorization', l3.bearer);
      expect([again.status, again.body.code]).toEqual([409, 'GRANT_ENDED']);
    });

    it('R-GRT-1 a package issues one grant per service, with one id each; a role one grant', async () => {
      const org = await organization();
      const grants = `${org.members}/${org.user.memberId}/grants`;
      const res = await t.http.post(grants).set('authorization', org.mainResponsible).send({ package: 'hr', validUntil: inMonths(12) });
      // The package includes `pension`, which the member already holds: refused whole, nothing issued.
      expect([res.status, res.body.code]).toEqual([409, 'ALREADY_EXISTS']);

      const fresh = await employee(org.organizationId, org.mainResponsible, 'insurance');
      const freshGrants = `${org.members}/${fresh.memberId}/grants`;
      await t.http.delete(`${freshGrants}/${fresh.grantId}`).set('authorization', org.mainResponsible).expect(200);
      const pkg = await t.http.post(freshGrants).set('authorization', org.mainResponsible).send({ package: 'hr', validUntil: inMonths(12) });
      expect(pkg.status).toBe(201);
      expect(pkg.body).toEqual({ id: pkg.body.ids[0], ids: [expect.any(String), expect.any(String), expect.any(String)], position: expect.stringMatching(/^\d+$/) });
      const issued = (await grantEvents(fresh.memberId, 'GrantIssued')).slice(1);
      expect(issued).toEqual(
        ['pension', 'salary', 'insurance'].map((service, i) => expect.objectContaining({ grantId: pkg.body.ids[i], service, package: 'hr', validUntil: inMonths(12) })),
      );

      const role = await t.http.post(freshGrants).set('authorization', org.mainResponsible).send({ role: 'orderer' });
      expect([role.status, role.body.ids]).toEqual([201, [role.body.id]]);
      for (const [body, status, code] of [
        [{ package: 'resa' }, 409, 'SERVICE_NOT_SUBSCRIBED'],
        [{ package: 'okand' }, 422, 'UNKNOWN_PACKAGE'],
        [{ service: 'bowling' }, 422, 'UNKNOWN_SERVICE'],
      ] as const) {
        const refused = await t.http.post(freshGrants).set('authorization', org.mainResponsible).send(body);
        expect([JSON.stringify(body), refused.status, refused.body.code]).toEqual([JSON.stringify(body), status, code]);
      }
    });

    it('R-GRT-1 a service grant may be limited to employer codes of the organization', async () => {
      const org = await organization();
      await t.http.post(`/v1/organizations/${org.organizationId}/employer-codes`).set('authorization', org.mainResponsible).send({ code: 'AG-100' }).expect(201);
      const grants = `${org.members}/${org.user.memberId}/grants`;
      const unknown = await t.http.post(grants).set('authorization', org.mainResponsible).send({ service: 'salary', employerCodes: ['AG-999'] });
      expect([unknown.status, unknown.body.code]).toEqual([422, 'UNKNOWN_EMPLOYER_CODE']);
      const res = await t.http.post(grants).set('authorization', org.mainResponsible).send({ service: 'salary', employerCodes: ['AG-100'] }).expect(201);
      expect((await grantEvents(org.user.memberId, 'GrantIssued')).at(-1)).toMatchObject({ grantId: res.body.id, service: 'salary', employerCodes: ['AG-100'] });
    });
  });

  describe('logins (R-LOG-1)', () => {
    it('R-LOG-1 every attempt is recorded: allowed as UserLoggedIn, denied as LoginDenied with its reasons', async () => {
      const org = await organization();
      const noGrant = { subject: `utan-${n}`, memberId: await inviteAndAccept(t, org.mainResponsible, org.organizationId, { subject: `utan-${n}` }) };
      await expectDenied(org.organizationId, noGrant, ['NO_VALID_GRANT']);
      await expectAllowed(org.organizationId, org.user);
      expect((await streamEvents(t, memberStream(org.user.memberId))).at(-1)).toMatchObject({ type: 'UserLoggedIn', data: { memberId: org.user.memberId, profileOnly: false, occurredAt: T0 } });
      await t.http.post(`${org.members}/${org.user.memberId}/deactivation`).set('authorization', org.mainResponsible).send({}).expect(200);
      await t.http.post(`/v1/organizations/${org.organizationId}/agreement/termination`).set('authorization', operator).send({}).expect(200);
      await expectDenied(org.organizationId, org.user, ['AGREEMENT_TERMINATED', 'MEMBER_DEACTIVATED', 'PERSON_ONLY']);
    });

    it('R-LOG-1 a retried denied login with the same Idempotency-Key is denied again, also after a restart (never replayed as allowed)', async () => {
      const org = await organization();
      await t.http.post(`${org.members}/${org.user.memberId}/employment-end`).set('authorization', org.mainResponsible).send({}).expect(200);
      const attempt = async () =>
        t.http.post(`${org.members}/${org.user.memberId}/logins`).set('authorization', org.user.bearer).set('idempotency-key', `login-${n}`).send({});
      expect([(await attempt()).status, (await attempt()).status]).toEqual([403, 403]);
      t = await t.restart();
      await setClock(t, T0);
      const again = await attempt();
      expect([again.status, again.body.code, again.body.reasons]).toEqual([403, 'LOGIN_DENIED', ['EMPLOYMENT_ENDED']]);
    });
  });
});
