import { effectiveAccess, organizationStream } from '@behorighet/domain';
import {
  appointAdministrator,
  appointMainResponsible,
  bearer,
  createUnit,
  inviteAndAccept,
  issueGrant,
  memberFromLog,
  organizationFromLog,
  organizationWithMainResponsible,
  setClock,
  startTestApp,
  streamEvents,
  TestApp,
} from '@behorighet/testing';

/**
 * Seed 001 (SPV, "Hantering av behörigheter"): the employer's behörig beställare (main responsible) may delegate
 * the handling inside the system, appoints administrators, and the employer has several employer codes,
 * active or closed, and a structure of units.
 */
/** An accepted employee: member id, e-ID subject and bearer token. */
interface Person {
  id: string;
  subject: string;
  token: string;
}

describe('seed 001 (SPV): behörig beställare, delegates, administrators, employer codes and units', () => {
  const T0 = '2026-03-01T08:00:00.000Z';
  let t: TestApp;
  let operator: string;
  let n = 0;

  /** An employer with its behörig beställare and `count` accepted employees (subjects `<prefix>-<i>`). */
  async function employer(count: number) {
    const prefix = `spv${++n}`;
    const org = await organizationWithMainResponsible(t, operator, { name: `Arbetsgivare ${n}`, orgNumber: '212000-0142' }, `${prefix}-mr`);
    const members: Person[] = [];
    for (let i = 0; i < count; i++) {
      const subject = `${prefix}-${i}`;
      members.push({ id: await inviteAndAccept(t, org.mainResponsible, org.organizationId, { subject }), subject, token: await bearer(t, subject) });
    }
    const path = (suffix: string) => `/v1/organizations/${org.organizationId}/${suffix}`;
    return { ...org, members, path };
  }

  beforeAll(async () => {
    t = await startTestApp();
    operator = await bearer(t, 'operator-1', { operator: true });
    await setClock(t, T0);
    await t.http.post('/v1/services').set('authorization', operator).send({ key: 'fakturaspec', name: 'Fakturaspecifikationer' }).expect(201);
  });
  afterAll(() => t.close());

  describe('delegates (R-ORG-5)', () => {
    it('R-ORG-5 the behörig beställare registers a delegate, who then acts with its powers: units, employer codes, administrators', async () => {
      const org = await employer(2);
      const [delegate, admin] = org.members as [Person, Person];
      const res = await t.http.post(org.path('delegates')).set('authorization', org.mainResponsible).send({ memberId: delegate.id }).expect(201);
      expect(res.body).toEqual({ position: expect.stringMatching(/^\d+$/) });
      const appointed = (await streamEvents(t, organizationStream(org.organizationId))).filter((e) => e.type === 'AdminAppointed').at(-1);
      expect(appointed?.data).toMatchObject({ memberId: delegate.id, role: 'delegate', by: expect.objectContaining({ memberId: org.mainResponsibleId }) });

      await createUnit(t, delegate.token, org.organizationId, { name: 'HR' });
      await t.http.post(org.path('employer-codes')).set('authorization', delegate.token).send({ code: 'AG-100' }).expect(201);
      await appointAdministrator(t, delegate.token, org.organizationId, { memberId: admin.id, level: 1 });
    });

    it('R-ORG-5 a delegate cannot appoint or remove delegates, nor register or remove main responsibles', async () => {
      const org = await employer(3);
      const [delegate, other, second] = org.members as [Person, Person, Person];
      await t.http.post(org.path('delegates')).set('authorization', org.mainResponsible).send({ memberId: delegate.id }).expect(201);
      await t.http.post(org.path('delegates')).set('authorization', org.mainResponsible).send({ memberId: second.id }).expect(201);
      const attempts = [
        ['appoint a delegate', t.http.post(org.path('delegates')).send({ memberId: other.id }), 403, 'MAIN_RESPONSIBLE_ONLY'],
        ['remove a delegate', t.http.delete(org.path(`delegates/${second.id}`)), 403, 'MAIN_RESPONSIBLE_ONLY'],
        ['register a main responsible', t.http.post(org.path('main-responsibles')).send({ subject: 'x', name: 'X', email: 'x@example.se' }), 403, 'OPERATOR_ONLY'],
        ['remove the main responsible', t.http.delete(org.path(`main-responsibles/${org.mainResponsibleId}`)), 403, 'OPERATOR_ONLY'],
      ] as const;
      for (const [what, request, status, code] of attempts) {
        const res = await request.set('authorization', delegate.token);
        expect([what, res.status, res.body.code]).toEqual([what, status, code]);
      }
    });

    it('R-ORG-5 R-ADM-5 nobody makes themselves delegate; a main responsible or a delegate cannot be made delegate again', async () => {
      const org = await employer(1);
      const self = await t.http.post(org.path('delegates')).set('authorization', org.mainResponsible).send({ memberId: org.mainResponsibleId });
      expect([self.status, self.body.code]).toEqual([403, 'SELF_GRANT_FORBIDDEN']);
      await t.http.post(org.path('delegates')).set('authorization', org.mainResponsible).send({ memberId: org.members[0]!.id }).expect(201);
      const twice = await t.http.post(org.path('delegates')).set('authorization', org.mainResponsible).send({ memberId: org.members[0]!.id });
      expect([twice.status, twice.body.code]).toEqual([409, 'ALREADY_EXISTS']);
      const secondMr = await appointMainResponsible(t, operator, org.organizationId, { subject: `${org.members[0]!.subject}-mr2` });
      const mr = await t.http.post(org.path('delegates')).set('authorization', org.mainResponsible).send({ memberId: secondMr });
      expect([mr.status, mr.body.code]).toEqual([409, 'ALREADY_EXISTS']);
    });

    it('R-ORG-5 R-TIME-3 only the behörig beställare extends a delegate; a delegate extends neither itself nor another delegate', async () => {
      const org = await employer(2);
      const [first, second] = org.members as [Person, Person];
      for (const d of [first, second]) await t.http.post(org.path('delegates')).set('authorization', org.mainResponsible).send({ memberId: d.id }).expect(201);
      const validUntil = '2028-06-30T22:00:00Z';
      const own = await t.http.post(org.path(`delegates/${first.id}/extension`)).set('authorization', first.token).send({ validUntil });
      expect([own.status, own.body.code]).toEqual([403, 'SELF_GRANT_FORBIDDEN']);
      const peer = await t.http.post(org.path(`delegates/${first.id}/extension`)).set('authorization', second.token).send({ validUntil });
      expect([peer.status, peer.body.code]).toEqual([403, 'MAIN_RESPONSIBLE_ONLY']);
      await t.http.post(org.path(`delegates/${first.id}/extension`)).set('authorization', org.mainResponsible).send({ validUntil }).expect(200);
      const extended = (await streamEvents(t, organizationStream(org.organizationId))).at(-1);
      expect(extended).toMatchObject({ type: 'AdminAppointmentExtended', data: { memberId: first.id, role: 'delegate', validUntil: '2028-06-30T22:00:00.000Z' } });
    });

    it('R-ORG-5 the behörig beställare removes a delegate, whose powers end at once', async () => {
      const org = await employer(2);
      const [delegate, target] = org.members as [Person, Person];
      await t.http.post(org.path('delegates')).set('authorization', org.mainResponsible).send({ memberId: delegate.id }).expect(201);
      await t.http.delete(org.path(`delegates/${delegate.id}`)).set('authorization', org.mainResponsible).send({ reason: 'Ny roll' }).expect(200);
      const dismissed = (await streamEvents(t, organizationStream(org.organizationId))).at(-1);
      expect(dismissed).toMatchObject({ type: 'AdminDismissed', data: { memberId: delegate.id, role: 'delegate', cause: 'dismissed', reason: 'Ny roll' } });
      const act = await t.http.post(org.path('administrators')).set('authorization', delegate.token).send({ memberId: target.id, level: 3 });
      expect([act.status, act.body.code]).toEqual([403, 'NOT_AUTHORIZED']);
      const again = await t.http.delete(org.path(`delegates/${delegate.id}`)).set('authorization', org.mainResponsible);
      expect([again.status, again.body.code]).toEqual([404, 'APPOINTMENT_NOT_FOUND']);
    });

    it('R-ORG-2 R-ORG-3 the employer replaces its behörig beställare: the operator registers an existing member (answering its member id), then removes the old one', async () => {
      const org = await employer(2);
      const [successor, user] = org.members as [Person, Person];
      await t.http.post(org.path('delegates')).set('authorization', org.mainResponsible).send({ memberId: successor.id }).expect(201);
      const res = await t.http.post(org.path('main-responsibles')).set('authorization', operator).send({ subject: successor.subject, name: 'Ny Beställare', email: 'ny@example.se' }).expect(201);
      expect(res.body.id).toBe(successor.id);
      const tail = (await streamEvents(t, organizationStream(org.organizationId))).slice(-2);
      expect(tail).toEqual([
        expect.objectContaining({ type: 'AdminDismissed', data: expect.objectContaining({ memberId: successor.id, role: 'delegate', cause: 'superseded' }) }),
        expect.objectContaining({ type: 'AdminAppointed', data: expect.objectContaining({ memberId: successor.id, role: 'main-responsible' }) }),
      ]);
      await t.http.delete(org.path(`main-responsibles/${org.mainResponsibleId}`)).set('authorization', operator).expect(200);
      await t.http.post(org.path('delegates')).set('authorization', successor.token).send({ memberId: user.id }).expect(201);
      const old = await t.http.post(org.path('units')).set('authorization', org.mainResponsible).send({ name: 'Gammal' });
      expect([old.status, old.body.code]).toEqual([403, 'NOT_AUTHORIZED']);
    });
  });

  describe('administrators (R-ADM-1)', () => {
    it('R-ADM-1 the behörig beställare and its delegate appoint and dismiss administrators at any level', async () => {
      const org = await employer(5);
      const [delegate, ...candidates] = org.members;
      await t.http.post(org.path('delegates')).set('authorization', org.mainResponsible).send({ memberId: delegate!.id }).expect(201);
      for (const [i, candidate] of candidates.entries()) {
        const appointer = i % 2 === 0 ? org.mainResponsible : delegate!.token;
        await appointAdministrator(t, appointer, org.organizationId, { memberId: candidate.id, level: (i + 1) as 1 | 2 | 3 | 4 });
      }
      const state = await organizationFromLog(t, org.organizationId);
      const levels = candidates.map((c) => state.appointments.find((a) => a.memberId === c.id && !a.ended)?.level);
      expect(levels).toEqual([1, 2, 3, 4]);
      for (const [i, candidate] of candidates.entries()) {
        const dismisser = i % 2 === 0 ? delegate!.token : org.mainResponsible;
        await t.http.delete(org.path(`administrators/${candidate.id}`)).set('authorization', dismisser).expect(200);
      }
      const after = await organizationFromLog(t, org.organizationId);
      expect(after.appointments.filter((a) => a.role === 'administrator').map((a) => a.ended?.cause)).toEqual(['dismissed', 'dismissed', 'dismissed', 'dismissed']);
    });

    it('R-ADM-1 a member without authority appoints no one (403 NOT_AUTHORIZED); a new level supersedes the old appointment', async () => {
      const org = await employer(2);
      const [user, admin] = org.members as [Person, Person];
      const res = await t.http.post(org.path('administrators')).set('authorization', user.token).send({ memberId: admin.id, level: 4 });
      expect([res.status, res.body.code]).toEqual([403, 'NOT_AUTHORIZED']);
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: admin.id, level: 4 });
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: admin.id, level: 2 });
      const tail = (await streamEvents(t, organizationStream(org.organizationId))).slice(-2);
      expect(tail.map((e) => [e.type, e.data.level, e.data.cause])).toEqual([['AdminDismissed', 4, 'superseded'], ['AdminAppointed', 2, undefined]]);
    });
  });

  describe('employer codes and units (R-ORG-6)', () => {
    it('R-ORG-6 employer codes are added once and closed once; unknown codes are refused', async () => {
      const org = await employer(0);
      await t.http.post(org.path('employer-codes')).set('authorization', org.mainResponsible).send({ code: 'AG-1' }).expect(201);
      const twice = await t.http.post(org.path('employer-codes')).set('authorization', org.mainResponsible).send({ code: 'AG-1' });
      expect([twice.status, twice.body.code]).toEqual([409, 'ALREADY_EXISTS']);
      await t.http.post(org.path('employer-codes/AG-1/closure')).set('authorization', org.mainResponsible).send({}).expect(200);
      const closedAgain = await t.http.post(org.path('employer-codes/AG-1/closure')).set('authorization', org.mainResponsible);
      expect([closedAgain.status, closedAgain.body.code]).toEqual([409, 'EMPLOYER_CODE_CLOSED']);
      const unknown = await t.http.post(org.path('employer-codes/AG-9/closure')).set('authorization', org.mainResponsible);
      expect([unknown.status, unknown.body.code]).toEqual([422, 'UNKNOWN_EMPLOYER_CODE']);
      expect((await organizationFromLog(t, org.organizationId)).employerCodes).toEqual({ 'AG-1': { code: 'AG-1', addedAt: T0, closedAt: T0 } });
    });

    it('R-ORG-6 a closed employer code stays grantable, for reading only (old invoices)', async () => {
      const org = await employer(1);
      const user = org.members[0]!;
      await t.http.post(org.path('subscriptions')).set('authorization', operator).send({ service: 'fakturaspec' }).expect(201);
      for (const code of ['AG-OLD', 'AG-NEW']) await t.http.post(org.path('employer-codes')).set('authorization', org.mainResponsible).send({ code }).expect(201);
      await t.http.post(org.path('employer-codes/AG-OLD/closure')).set('authorization', org.mainResponsible).expect(200);
      await issueGrant(t, org.mainResponsible, org.organizationId, user.id, { service: 'fakturaspec', employerCodes: ['AG-OLD', 'AG-NEW'] });
      const subject = { organization: await organizationFromLog(t, org.organizationId), member: await memberFromLog(t, user.id), memberId: user.id };
      const at = Date.parse(T0);
      expect(effectiveAccess(subject, { service: 'fakturaspec' }, 'AG-OLD', at)).toMatchObject({ allowed: true, readOnly: true, reasons: ['EMPLOYER_CODE_CLOSED_READ_ONLY'] });
      expect(effectiveAccess(subject, { service: 'fakturaspec' }, 'AG-NEW', at)).toMatchObject({ allowed: true, readOnly: false, reasons: [] });
    });

    it('R-ORG-6 units form a tree under known parents', async () => {
      const org = await employer(0);
      const ekonomi = await createUnit(t, org.mainResponsible, org.organizationId, { name: 'Ekonomi' });
      const lon = await createUnit(t, org.mainResponsible, org.organizationId, { name: 'Lön', parentId: ekonomi });
      const kontor = await createUnit(t, org.mainResponsible, org.organizationId, { name: 'Lönekontoret', parentId: lon });
      const units = (await organizationFromLog(t, org.organizationId)).units;
      expect(Object.values(units).map((u) => [u.unitId, u.name, u.parentId])).toEqual([
        [ekonomi, 'Ekonomi', undefined],
        [lon, 'Lön', ekonomi],
        [kontor, 'Lönekontoret', lon],
      ]);
      const orphan = await t.http.post(org.path('units')).set('authorization', org.mainResponsible).send({ name: 'X', parentId: '00000000-0000-4000-8000-000000000009' });
      expect([orphan.status, orphan.body.code]).toEqual([422, 'UNKNOWN_UNIT']);
    });

    it('R-ORG-6 R-ADM-3 an L1 scoped to a unit shapes only its subtree and no employer codes; L2 shapes nothing', async () => {
      const org = await employer(3);
      const ekonomi = await createUnit(t, org.mainResponsible, org.organizationId, { name: 'Ekonomi' });
      const hr = await createUnit(t, org.mainResponsible, org.organizationId, { name: 'HR' });
      const [scoped, whole, l2] = org.members as [Person, Person, Person];
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: scoped.id, level: 1, unitId: ekonomi });
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: whole.id, level: 1 });
      await appointAdministrator(t, org.mainResponsible, org.organizationId, { memberId: l2.id, level: 2 });

      await createUnit(t, scoped.token, org.organizationId, { name: 'Lön', parentId: ekonomi });
      const refusals = [
        ['unit under HR', scoped, 'units', { name: 'Rekrytering', parentId: hr }, 403, 'OUT_OF_SCOPE'],
        ['top-level unit', scoped, 'units', { name: 'Ny' }, 403, 'OUT_OF_SCOPE'],
        ['employer code', scoped, 'employer-codes', { code: 'AG-2' }, 403, 'OUT_OF_SCOPE'],
        ['unit by L2', l2, 'units', { name: 'Ny', parentId: ekonomi }, 403, 'ADMIN_LEVEL_TOO_LOW'],
        ['employer code by L2', l2, 'employer-codes', { code: 'AG-3' }, 403, 'ADMIN_LEVEL_TOO_LOW'],
      ] as const;
      for (const [what, caller, route, body, status, code] of refusals) {
        const res = await t.http.post(org.path(route)).set('authorization', caller.token).send(body);
        expect([what, res.status, res.body.code]).toEqual([what, status, code]);
      }
      await t.http.post(org.path('employer-codes')).set('authorization', whole.token).send({ code: 'AG-2' }).expect(201);
    });
  });
});
