import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@behorighet/event-store';
import { addDays, iso, memberStream, organizationStream } from '@behorighet/domain';
import {
  appointAdministrator,
  askLoginEligibility,
  attemptLogin,
  bearer,
  createUnit,
  emailOf,
  inviteAndAccept,
  invitationTokenOf,
  inviteMember,
  issueGrant,
  organizationFromLog,
  organizationWithMainResponsible,
  setClock,
  startTestApp,
  streamEvents,
  subscribeServices,
  TestApp,
} from '@behorighet/testing';

/**
 * Seed 004 (24SevenOffice, "Lägg till eller ta bort en användare"): five user types, invitations with a
 * personal message that can be resent, and the three ways out — remove access, deactivate, delete —
 * each checked through a login attempt and the login-eligibility question.
 */
describe('seed 004 (24SevenOffice): users and their lifecycle', () => {
  const T0 = '2026-02-02T08:00:00.000Z';
  const inDays = (days: number) => iso(addDays(Date.parse(T0), days));
  let t: TestApp;
  let operator: string;
  let n = 0;

  /** A client organization (klient) with a main responsible, subscribed to the catalog's services. */
  async function client() {
    const mrSubject = `kund-mr-${++n}`;
    const org = await organizationWithMainResponsible(t, operator, { name: `Kund ${n} AB`, orgNumber: '556016-0680' }, mrSubject);
    await subscribeServices(t, operator, org.organizationId, ['ledger', 'payroll', 'bank']);
    const members = `/v1/organizations/${org.organizationId}/members`;
    return { ...org, mrSubject, members };
  }

  /** A member of the client who accepted and holds a service grant. */
  async function grantedUser(org: Awaited<ReturnType<typeof client>>, type = 'employee') {
    const subject = `user-${++n}`;
    const memberId = await inviteAndAccept(t, org.mainResponsible, org.organizationId, { subject, type });
    await issueGrant(t, org.mainResponsible, org.organizationId, memberId, { service: 'ledger' });
    return { memberId, subject };
  }

  async function expectLoginAllowed(organizationId: string, memberId: string, subject: string, profileOnly = false) {
    const res = await attemptLogin(t, organizationId, memberId, subject);
    expect([res.status, res.body]).toEqual([201, { position: expect.stringMatching(/^\d+$/) }]);
    const eligibility = await askLoginEligibility(t, await bearer(t, subject), organizationId, memberId);
    expect([eligibility.status, eligibility.body]).toEqual([200, { allowed: true, reasons: [], profileOnly }]);
  }

  /** A denied login answers 403 LOGIN_DENIED with the reasons, and the eligibility question (asked by `asker`) agrees. */
  async function expectLoginDenied(organizationId: string, memberId: string, subject: string, asker: string, reasons: string[]) {
    const res = await attemptLogin(t, organizationId, memberId, subject);
    expect([res.status, res.body.code]).toEqual([403, 'LOGIN_DENIED']);
    expect(res.body.reasons).toEqual(expect.arrayContaining(reasons));
    const eligibility = await askLoginEligibility(t, asker, organizationId, memberId);
    expect([eligibility.status, eligibility.body.allowed, eligibility.body.reasons]).toEqual([200, false, res.body.reasons]);
  }

  const lastEvent = async (stream: string) => (await streamEvents(t, stream)).at(-1);

  beforeAll(async () => {
    t = await startTestApp();
    operator = await bearer(t, 'operator-1', { operator: true });
    await setClock(t, T0);
    for (const key of ['ledger', 'payroll', 'bank']) {
      await t.http.post('/v1/services').set('authorization', operator).send({ key, name: `Modul ${key}` }).expect(201);
    }
    await t.http.post('/v1/packages').set('authorization', operator).send({ key: 'base', name: 'Baspaket', services: ['ledger', 'payroll'] }).expect(201);
  });
  beforeEach(() => setClock(t, T0));
  afterAll(() => t.close());

  describe('the five user types (R-MEM-1)', () => {
    it.each(['employee', 'consultant'])('R-MEM-1 a user with system access (%s) is invited, accepts, gets a base package and logs in', async (type) => {
      const org = await client();
      const subject = `sys-${type}-${n}`;
      const memberId = await inviteMember(t, org.mainResponsible, org.organizationId, { type, name: 'Sara Ek', email: emailOf(subject) });
      expect(await lastEvent(organizationStream(org.organizationId))).toMatchObject({ type: 'UserInvited', data: { memberId, type, email: emailOf(subject) } });
      await t.http.post(`${org.members}/${memberId}/invitation/acceptance`).set('authorization', await bearer(t, subject)).send({ token: await invitationTokenOf(t, org.organizationId, memberId) }).expect(200);
      await expectLoginDenied(org.organizationId, memberId, subject, org.mainResponsible, ['NO_VALID_GRANT']);
      await t.http.post(`${org.members}/${memberId}/grants`).set('authorization', org.mainResponsible).send({ package: 'base' }).expect(201);
      await expectLoginAllowed(org.organizationId, memberId, subject);
    });

    it('R-MEM-1 a reseller user must be an active member of the reseller organization (409 RESELLER_MEMBERSHIP_REQUIRED otherwise)', async () => {
      const org = await client();
      const byra = await organizationWithMainResponsible(t, operator, { name: 'Byrå AB', orgNumber: '556677-8899' }, `byra-mr-${n}`);
      const accountant = `revisor-${n}`;
      await inviteAndAccept(t, byra.mainResponsible, byra.organizationId, { subject: accountant });
      const reseller = { type: 'reseller', name: 'Rita Revisor', resellerOrgId: byra.organizationId };

      const store = t.app.get<EventStore>(EVENT_STORE);
      const before = await store.headPosition();
      const outsider = await t.http.post(org.members).set('authorization', org.mainResponsible).send({ ...reseller, email: emailOf('not-at-byra') });
      expect([outsider.status, outsider.body.code]).toEqual([409, 'RESELLER_MEMBERSHIP_REQUIRED']);
      const noReseller = await t.http.post(org.members).set('authorization', org.mainResponsible).send({ type: 'reseller', name: 'Rita', email: emailOf(accountant) });
      expect([noReseller.status, noReseller.body.code]).toEqual([422, 'INVALID_INPUT']);
      // An id that names no organization (found by the API's fuzzer: it was a 500).
      const nowhere = await t.http.post(org.members).set('authorization', org.mainResponsible).send({ ...reseller, resellerOrgId: randomUUID(), email: emailOf(accountant) });
      expect([nowhere.status, nowhere.body.code]).toEqual([409, 'RESELLER_MEMBERSHIP_REQUIRED']);
      expect(await store.headPosition()).toBe(before);

      const memberId = await inviteMember(t, org.mainResponsible, org.organizationId, { ...reseller, email: emailOf(accountant) });
      await t.http.post(`${org.members}/${memberId}/invitation/acceptance`).set('authorization', await bearer(t, accountant)).send({ token: await invitationTokenOf(t, org.organizationId, memberId) }).expect(200);
      await issueGrant(t, org.mainResponsible, org.organizationId, memberId, { service: 'bank' });
      await expectLoginAllowed(org.organizationId, memberId, accountant);
    });

    it('R-MEM-1 R-MEM-8 an external user must have a future end date and is blocked from it', async () => {
      const org = await client();
      const subject = `sommarvikarie-${n}`;
      const external = { type: 'external', name: 'Sommar Vikarie', email: emailOf(subject) };
      for (const [endsAt, code] of [[undefined, 'EXTERNAL_END_DATE_REQUIRED'], [inDays(-1), 'EXTERNAL_END_DATE_REQUIRED']] as const) {
        const res = await t.http.post(org.members).set('authorization', org.mainResponsible).send({ ...external, ...(endsAt ? { endsAt } : {}) });
        expect([res.status, res.body.code]).toEqual([422, code]);
      }
      const notExternal = await t.http.post(org.members).set('authorization', org.mainResponsible).send({ ...external, type: 'employee', endsAt: inDays(60) });
      expect([notExternal.status, notExternal.body.code]).toEqual([422, 'INVALID_INPUT']);

      const memberId = await inviteMember(t, org.mainResponsible, org.organizationId, { ...external, endsAt: inDays(60) });
      await t.http.post(`${org.members}/${memberId}/invitation/acceptance`).set('authorization', await bearer(t, subject)).send({ token: await invitationTokenOf(t, org.organizationId, memberId) }).expect(200);
      await issueGrant(t, org.mainResponsible, org.organizationId, memberId, { service: 'ledger' });
      await setClock(t, inDays(59));
      await expectLoginAllowed(org.organizationId, memberId, subject);
      await setClock(t, inDays(60));
      await expectLoginDenied(org.organizationId, memberId, subject, org.mainResponsible, ['EXTERNAL_END_PASSED']);
    });

    it('R-MEM-1 a user without system access logs in to its profile only and can hold no grant (409 NO_SYSTEM_ACCESS)', async () => {
      const org = await client();
      const subject = `utlagg-${n}`;
      const memberId = await inviteAndAccept(t, org.mainResponsible, org.organizationId, { subject, type: 'no-system-access' });
      await expectLoginAllowed(org.organizationId, memberId, subject, true);
      expect(await lastEvent(memberStream(memberId))).toMatchObject({ type: 'UserLoggedIn', data: { memberId, profileOnly: true } });
      const grant = await t.http.post(`${org.members}/${memberId}/grants`).set('authorization', org.mainResponsible).send({ service: 'payroll' });
      expect([grant.status, grant.body.code]).toEqual([409, 'NO_SYSTEM_ACCESS']);
    });

    it('R-MEM-1 a person without user (person-only) is registered without invitation or e-mail and never logs in', async () => {
      const org = await client();
      const memberId = await inviteMember(t, org.mainResponsible, org.organizationId, { type: 'person-only', name: 'Pia Projektledare' });
      const registered = await lastEvent(organizationStream(org.organizationId));
      expect(registered).toMatchObject({ type: 'MemberRegistered', data: { memberId, type: 'person-only', name: 'Pia Projektledare' } });
      expect(registered!.data).not.toHaveProperty('email');

      // No login at all: nobody can even be recognised as Pia, so an attempt writes nothing (R-SEC-2).
      const attempt = await attemptLogin(t, org.organizationId, memberId, 'pia');
      expect([attempt.status, attempt.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
      const eligibility = await askLoginEligibility(t, org.mainResponsible, org.organizationId, memberId);
      expect([eligibility.status, eligibility.body.allowed, eligibility.body.reasons]).toEqual([200, false, expect.arrayContaining(['PERSON_ONLY'])]);
      const resend = await t.http.post(`${org.members}/${memberId}/invitation/resend`).set('authorization', org.mainResponsible).send({});
      expect([resend.status, resend.body.code]).toEqual([409, 'INVITATION_NOT_PENDING']);
      const grant = await t.http.post(`${org.members}/${memberId}/grants`).set('authorization', org.mainResponsible).send({ role: 'contact-person' });
      expect([grant.status, grant.body.code]).toEqual([409, 'NO_SYSTEM_ACCESS']);
    });
  });

  describe('invitations (R-MEM-2)', () => {
    it('R-MEM-2 an invitation carries a personal message, and a resend carries a new one; until accepted nobody logs in as the member', async () => {
      const org = await client();
      const memberId = await inviteMember(t, org.mainResponsible, org.organizationId, { type: 'employee', name: 'Nils Ny', email: 'Nils.Ny@Example.se', subject: 'nils', message: 'Välkommen till lönemodulen!' });
      expect(await lastEvent(organizationStream(org.organizationId))).toMatchObject({
        type: 'UserInvited',
        data: { memberId, email: 'nils.ny@example.se', message: 'Välkommen till lönemodulen!' },
      });
      const resent = await t.http.post(`${org.members}/${memberId}/invitation/resend`).set('authorization', org.mainResponsible).send({ message: 'Påminnelse: acceptera före fredag.' });
      expect([resent.status, resent.body]).toEqual([200, { position: expect.stringMatching(/^\d+$/) }]);
      expect(await lastEvent(organizationStream(org.organizationId))).toMatchObject({ type: 'InvitationResent', data: { memberId, email: 'nils.ny@example.se', message: 'Påminnelse: acceptera före fredag.' } });
      await expectLoginDenied(org.organizationId, memberId, 'nils', org.mainResponsible, ['INVITATION_NOT_ACCEPTED']);
      const store = t.app.get<EventStore>(EVENT_STORE);
      const before = await store.headPosition();
      const stranger = await attemptLogin(t, org.organizationId, memberId, 'someone-else');
      expect([stranger.status, stranger.body.code, stranger.body.reasons]).toEqual([404, 'MEMBER_NOT_FOUND', undefined]);
      expect(await store.headPosition()).toBe(before);
    });

    it('R-MEM-2 accepting binds the invitee: only that person logs in as the member, and the invitation is spent', async () => {
      const org = await client();
      const memberId = await inviteMember(t, org.mainResponsible, org.organizationId, { type: 'employee', name: 'Anna', email: emailOf(`anna-${n}`) });
      const stranger = await t.http.post(`${org.members}/${memberId}/invitation/acceptance`).set('authorization', await bearer(t, 'bertil')).send({});
      expect([stranger.status, stranger.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
      const token = await invitationTokenOf(t, org.organizationId, memberId);
      const accepted = await t.http.post(`${org.members}/${memberId}/invitation/acceptance`).set('authorization', await bearer(t, `anna-${n}`)).send({ token });
      expect([accepted.status, accepted.body]).toEqual([200, { position: expect.stringMatching(/^\d+$/) }]);
      expect(await lastEvent(organizationStream(org.organizationId))).toMatchObject({ type: 'InvitationAccepted', data: { memberId, subject: `anna-${n}` } });
      expect((await organizationFromLog(t, org.organizationId)).members[memberId]).toMatchObject({ subject: `anna-${n}` });

      const again = await t.http.post(`${org.members}/${memberId}/invitation/acceptance`).set('authorization', await bearer(t, 'bertil')).send({ token });
      expect([again.status, again.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
      const twice = await t.http.post(`${org.members}/${memberId}/invitation/acceptance`).set('authorization', await bearer(t, `anna-${n}`)).send({});
      expect([twice.status, twice.body.code]).toEqual([409, 'INVITATION_NOT_PENDING']);
      const resend = await t.http.post(`${org.members}/${memberId}/invitation/resend`).set('authorization', org.mainResponsible).send({ message: 'Igen' });
      expect([resend.status, resend.body.code]).toEqual([409, 'INVITATION_NOT_PENDING']);
      await issueGrant(t, org.mainResponsible, org.organizationId, memberId, { service: 'ledger' });

      const store = t.app.get<EventStore>(EVENT_STORE);
      const before = await store.headPosition();
      const impostor = await attemptLogin(t, org.organizationId, memberId, 'bertil');
      expect([impostor.status, impostor.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
      expect(await store.headPosition()).toBe(before);
      await expectLoginAllowed(org.organizationId, memberId, `anna-${n}`);
    });

    it('R-MEM-2 an invitation naming a person is accepted by that person only (others: 404, they learn nothing)', async () => {
      const org = await client();
      const memberId = await inviteMember(t, org.mainResponsible, org.organizationId, { type: 'employee', name: 'Olle', email: emailOf('olle'), subject: 'se-eid:olle' });
      const other = await t.http.post(`${org.members}/${memberId}/invitation/acceptance`).set('authorization', await bearer(t, 'se-eid:kalle')).send({});
      expect([other.status, other.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
      await t.http.post(`${org.members}/${memberId}/invitation/acceptance`).set('authorization', await bearer(t, 'se-eid:olle')).send({}).expect(200);
    });

    it('R-ADM-2 R-ADM-3 an L3 administrator invites within its unit; L4 may not (403 ADMIN_LEVEL_TOO_LOW), nor an ordinary member (403 NOT_AUTHORIZED)', async () => {
      const org = await client();
      const unitId = await createUnit(t, org.mainResponsible, org.organizationId, { name: 'Lön' });
      const [l3Subject, l4Subject] = [`l3-${n}`, `l4-${n}`];
      const l3 = await inviteAndAccept(t, org.mainResponsible, org.organizationId, { subject: l3Subject, unitId });
      const l4 = await inviteAndAccept(t, org.mainResponsible, org.organizationId, { subject: l4Subject });
      const plain = await grantedUser(org);
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: l3, level: 3, unitId });
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: l4, level: 4 });
      const body = { type: 'employee', name: 'Ny Person', email: emailOf(`ny-${n}`), unitId };
      await t.http.post(org.members).set('authorization', await bearer(t, l3Subject)).send(body).expect(201);
      const outside = await t.http.post(org.members).set('authorization', await bearer(t, l3Subject)).send({ ...body, email: emailOf(`ny2-${n}`), unitId: undefined });
      expect([outside.status, outside.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
      const byL4 = await t.http.post(org.members).set('authorization', await bearer(t, l4Subject)).send({ ...body, email: emailOf(`ny3-${n}`) });
      expect([byL4.status, byL4.body.code]).toEqual([403, 'ADMIN_LEVEL_TOO_LOW']);
      const byMember = await t.http.post(org.members).set('authorization', await bearer(t, plain.subject)).send({ ...body, email: emailOf(`ny4-${n}`) });
      expect([byMember.status, byMember.body.code]).toEqual([403, 'NOT_AUTHORIZED']);
      const stranger = await t.http.post(org.members).set('authorization', await bearer(t, 'stranger')).send(body);
      expect([stranger.status, stranger.body.code]).toEqual([404, 'NOT_A_MEMBER']);
    });
  });

  describe('remove access, deactivate, delete (R-MEM-3, R-MEM-4, R-MEM-5)', () => {
    it('R-MEM-3 removing access leaves a login to the profile only: type no-system-access, no grant usable, none issuable', async () => {
      const org = await client();
      const user = await grantedUser(org);
      await expectLoginAllowed(org.organizationId, user.memberId, user.subject);
      await t.http.post(`${org.members}/${user.memberId}/access-removal`).set('authorization', org.mainResponsible).send({ reason: 'Byter roll' }).expect(200);
      expect(await lastEvent(organizationStream(org.organizationId))).toMatchObject({
        type: 'AccessRemoved',
        data: { memberId: user.memberId, previousType: 'employee', type: 'no-system-access', reason: 'Byter roll' },
      });
      await expectLoginAllowed(org.organizationId, user.memberId, user.subject, true);
      const grant = await t.http.post(`${org.members}/${user.memberId}/grants`).set('authorization', org.mainResponsible).send({ service: 'payroll' });
      expect([grant.status, grant.body.code]).toEqual([409, 'NO_SYSTEM_ACCESS']);
      const twice = await t.http.post(`${org.members}/${user.memberId}/access-removal`).set('authorization', org.mainResponsible).send({});
      expect([twice.status, twice.body.code]).toEqual([409, 'NO_SYSTEM_ACCESS']);
    });

    it('R-MEM-4 deactivating ends every login; the member stays on the list as person-only (referable)', async () => {
      const org = await client();
      const user = await grantedUser(org);
      await t.http.post(`${org.members}/${user.memberId}/deactivation`).set('authorization', org.mainResponsible).send({}).expect(200);
      expect(await lastEvent(organizationStream(org.organizationId))).toMatchObject({ type: 'UserDeactivated', data: { memberId: user.memberId, previousType: 'employee', type: 'person-only' } });
      await expectLoginDenied(org.organizationId, user.memberId, user.subject, org.mainResponsible, ['MEMBER_DEACTIVATED']);
      const record = (await organizationFromLog(t, org.organizationId)).members[user.memberId];
      expect(record).toMatchObject({ type: 'person-only', name: `User ${user.subject}` });
      expect(record?.deleted).toBeUndefined();
      const twice = await t.http.post(`${org.members}/${user.memberId}/deactivation`).set('authorization', org.mainResponsible).send({});
      expect([twice.status, twice.body.code]).toEqual([409, 'MEMBER_INACTIVE']);
    });

    it('R-MEM-5 deleting takes the member off the list; its login is denied and its history stays in the log', async () => {
      const org = await client();
      const user = await grantedUser(org);
      await expectLoginAllowed(org.organizationId, user.memberId, user.subject);
      await t.http.delete(`${org.members}/${user.memberId}`).set('authorization', org.mainResponsible).expect(200);
      expect(await lastEvent(organizationStream(org.organizationId))).toMatchObject({ type: 'MemberDeleted', data: { memberId: user.memberId } });
      await expectLoginDenied(org.organizationId, user.memberId, user.subject, org.mainResponsible, ['MEMBER_DELETED']);
      for (const [method, path] of [['post', `${org.members}/${user.memberId}/grants`], ['delete', `${org.members}/${user.memberId}`]] as const) {
        const res = await t.http[method](path).set('authorization', org.mainResponsible).send(method === 'post' ? { service: 'bank' } : {});
        expect([path, res.status, res.body.code]).toEqual([path, 404, 'MEMBER_NOT_FOUND']);
      }
      // The grant's automatic ending (GrantRevoked, a process manager's) may land in between; nothing is erased.
      const history = (await streamEvents(t, memberStream(user.memberId))).map((e) => e.type).filter((type) => type !== 'GrantRevoked');
      expect(history).toEqual(['GrantIssued', 'UserLoggedIn', 'LoginDenied']);
    });

    it('R-ADM-3 lifecycle commands reach only members in the caller\'s scope, and an administrator never outranks a main responsible', async () => {
      const org = await client();
      const unitId = await createUnit(t, org.mainResponsible, org.organizationId, { name: 'Ekonomi' });
      const adminSubject = `adm-${n}`;
      const admin = await inviteAndAccept(t, org.mainResponsible, org.organizationId, { subject: adminSubject, unitId });
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: admin, level: 1, unitId });
      const outside = await grantedUser(org);
      const asAdmin = await bearer(t, adminSubject);
      for (const action of ['access-removal', 'deactivation', 'employment-end']) {
        const res = await t.http.post(`${org.members}/${outside.memberId}/${action}`).set('authorization', asAdmin).send({});
        expect([action, res.status, res.body.code]).toEqual([action, 403, 'OUT_OF_SCOPE']);
      }
      const l2 = await inviteAndAccept(t, org.mainResponsible, org.organizationId, { subject: `l2-${n}` });
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: l2, level: 2 });
      const mr = await t.http.delete(`${org.members}/${org.mainResponsibleId}`).set('authorization', await bearer(t, `l2-${n}`));
      expect([mr.status, mr.body.code]).toEqual([403, 'ADMIN_LEVEL_TOO_LOW']);
    });
  });

  describe('who may ask about a login (R-LOG-1, R-SEC-2)', () => {
    it('R-SEC-2 login eligibility is answered to the member, its organization\'s authorities and the operator; to anyone else 404', async () => {
      const org = await client();
      const user = await grantedUser(org);
      const colleague = await grantedUser(org);
      const unitId = await createUnit(t, org.mainResponsible, org.organizationId, { name: 'Filial' });
      const admin = await inviteAndAccept(t, org.mainResponsible, org.organizationId, { subject: `filial-adm-${n}`, unitId });
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: admin, level: 4, unitId });
      const wholeOrgAdmin = await inviteAndAccept(t, org.mainResponsible, org.organizationId, { subject: `l4-all-${n}` });
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: wholeOrgAdmin, level: 4 });

      for (const asker of [await bearer(t, user.subject), org.mainResponsible, operator, await bearer(t, `l4-all-${n}`)]) {
        const res = await askLoginEligibility(t, asker, org.organizationId, user.memberId);
        expect([res.status, res.body]).toEqual([200, { allowed: true, reasons: [], profileOnly: false }]);
      }
      for (const [who, asker, code] of [
        ['a colleague', await bearer(t, colleague.subject), 'NOT_A_MEMBER'],
        ['an administrator of another unit', await bearer(t, `filial-adm-${n}`), 'NOT_A_MEMBER'],
        ['a stranger', await bearer(t, 'stranger'), 'NOT_A_MEMBER'],
      ] as const) {
        const res = await askLoginEligibility(t, asker, org.organizationId, user.memberId);
        expect([who, res.status, res.body.code]).toEqual([who, 404, code]);
      }
      const unknown = await askLoginEligibility(t, operator, org.organizationId, '00000000-0000-4000-8000-000000000009');
      expect([unknown.status, unknown.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
    });
  });

  it('answers a retried package grant after a restart as it answered the first time, with the id of every grant', async () => {
    const org = await client();
    const memberId = await inviteAndAccept(t, org.mainResponsible, org.organizationId, { subject: `retry-${n}` });
    const grant = () => t.http.post(`${org.members}/${memberId}/grants`).set('authorization', org.mainResponsible).set('idempotency-key', `package-${n}`).send({ package: 'base' });
    const first = await grant().expect(201);
    expect(first.body.ids).toHaveLength(2);
    t = await t.restart();
    const again = await grant().expect(201);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.body).toEqual(first.body);
  });
});
