import { organizationStream } from '@behorighet/domain';
import {
  appointAdministrator,
  bearer,
  createUnit,
  inviteAndAccept,
  organizationWithMainResponsible,
  setClock,
  startTestApp,
  streamEvents,
  TestApp,
} from '@behorighet/testing';

type Level = 1 | 2 | 3 | 4;

/**
 * Seed 002 (administrator levels): L1 hands out levels 1 and down, L2 levels 3 and down, L3 edits users but
 * appoints no one, L4 only views; an administrator acts on the whole account or a department and its
 * sub-departments; and nobody gives rights to themselves — two keys, like a bank box.
 */
describe('seed 002: administrator levels, scopes and the two-key rule', () => {
  const T0 = '2026-05-04T07:30:00.000Z';
  let t: TestApp;
  let operator: string;
  let organizationId: string;
  let mainResponsible: string;
  let mainResponsibleId: string;
  /** Units: sales ⊃ north; support (a separate branch). */
  const unit: Record<'sales' | 'north' | 'support', string> = { sales: '', north: '', support: '' };
  let n = 0;

  /** A new accepted member (in `unitId` when given): its id and token. */
  async function member(unitId?: string) {
    const subject = `s2-user-${++n}`;
    return { id: await inviteAndAccept(t, mainResponsible, organizationId, { subject, unitId }), token: await bearer(t, subject) };
  }

  /** A new member appointed administrator at `level` (scoped to `unitId`) by the main responsible. */
  async function admin(level: Level, unitId?: string) {
    const m = await member(unitId);
    await appointAdministrator(t, mainResponsible, organizationId, { memberId: m.id, level, unitId });
    return m;
  }

  const appoint = (token: string, body: { memberId: string; level: number; unitId?: string }) =>
    t.http.post(`/v1/organizations/${organizationId}/administrators`).set('authorization', token).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    operator = await bearer(t, 'operator-1', { operator: true });
    await setClock(t, T0);
    ({ organizationId, mainResponsible, mainResponsibleId } = await organizationWithMainResponsible(t, operator, { name: 'Verktygslådan AB', orgNumber: '556946-7466' }, 's2-mr'));
    unit.sales = await createUnit(t, mainResponsible, organizationId, { name: 'Sälj' });
    unit.north = await createUnit(t, mainResponsible, organizationId, { name: 'Sälj Norr', parentId: unit.sales });
    unit.support = await createUnit(t, mainResponsible, organizationId, { name: 'Support' });
  });
  afterAll(() => t.close());

  describe('levels (R-ADM-2)', () => {
    it.each([1, 2, 3, 4] as const)('R-ADM-2 an L1 appoints an administrator at level %i', async (level) => {
      const l1 = await admin(1);
      const target = await member();
      const res = await appoint(l1.token, { memberId: target.id, level });
      expect(res.status).toBe(201);
      const appointed = (await streamEvents(t, organizationStream(organizationId))).at(-1);
      expect(appointed).toMatchObject({ type: 'AdminAppointed', data: { memberId: target.id, role: 'administrator', level, by: expect.objectContaining({ memberId: l1.id }) } });
    });

    it.each([
      [3, 201, 'created'],
      [4, 201, 'created'],
      [1, 403, 'ADMIN_LEVEL_TOO_LOW'],
      [2, 403, 'ADMIN_LEVEL_TOO_LOW'],
    ] as const)('R-ADM-2 an L2 appointing level %i answers %i %s', async (level, status, code) => {
      const l2 = await admin(2);
      const res = await appoint(l2.token, { memberId: (await member()).id, level });
      expect([res.status, res.body.code ?? 'created']).toEqual([status, code]);
    });

    it.each([3, 4] as const)('R-ADM-2 an L%i appoints no one, not even level 4 (403 ADMIN_LEVEL_TOO_LOW)', async (own) => {
      const lower = await admin(own);
      const res = await appoint(lower.token, { memberId: (await member()).id, level: 4 });
      expect([res.status, res.body.code]).toEqual([403, 'ADMIN_LEVEL_TOO_LOW']);
    });

    it('R-ADM-2 an L2 dismisses and extends an L3 but not an L1 or another L2', async () => {
      const l2 = await admin(2);
      const [l3, l1, peer] = [await admin(3), await admin(1), await admin(2)];
      await t.http.post(`/v1/organizations/${organizationId}/administrators/${l3.id}/extension`).set('authorization', l2.token).send({ validUntil: '2028-01-01T00:00:00Z' }).expect(200);
      await t.http.delete(`/v1/organizations/${organizationId}/administrators/${l3.id}`).set('authorization', l2.token).expect(200);
      for (const higher of [l1, peer]) {
        const dismissal = await t.http.delete(`/v1/organizations/${organizationId}/administrators/${higher.id}`).set('authorization', l2.token);
        expect([dismissal.status, dismissal.body.code]).toEqual([403, 'ADMIN_LEVEL_TOO_LOW']);
        const extension = await t.http.post(`/v1/organizations/${organizationId}/administrators/${higher.id}/extension`).set('authorization', l2.token).send({ validUntil: '2028-01-01T00:00:00Z' });
        expect([extension.status, extension.body.code]).toEqual([403, 'ADMIN_LEVEL_TOO_LOW']);
      }
    });

    it('R-ADM-2 an administrator may step down from its own appointment', async () => {
      const l4 = await admin(4);
      await t.http.delete(`/v1/organizations/${organizationId}/administrators/${l4.id}`).set('authorization', l4.token).expect(200);
      const dismissed = (await streamEvents(t, organizationStream(organizationId))).at(-1);
      expect(dismissed).toMatchObject({ type: 'AdminDismissed', data: { memberId: l4.id, cause: 'dismissed' } });
    });
  });

  describe('scope (R-ADM-3)', () => {
    it('R-ADM-3 an L2 scoped to a department appoints inside its subtree only', async () => {
      const l2 = await admin(2, unit.sales);
      const inNorth = await member(unit.north);
      await appoint(l2.token, { memberId: inNorth.id, level: 3, unitId: unit.north }).expect(201);
      const refusals: Array<[string, string | undefined, string | undefined]> = [
        ['a member of another branch', unit.support, unit.support],
        ['a member without a unit', undefined, undefined],
        ['a member inside, with a scope outside', unit.north, unit.support],
        ['a member inside, over the whole organization', unit.north, undefined],
      ];
      for (const [what, memberUnit, scope] of refusals) {
        const target = await member(memberUnit);
        const res = await appoint(l2.token, { memberId: target.id, level: 4, ...(scope ? { unitId: scope } : {}) });
        expect([what, res.status, res.body.code]).toEqual([what, 403, 'OUT_OF_SCOPE']);
      }
    });

    it('R-ADM-3 the scope is recorded with the appointment; an unknown scope unit is refused (422 UNKNOWN_UNIT)', async () => {
      const target = await member(unit.north);
      await appoint(mainResponsible, { memberId: target.id, level: 3, unitId: unit.sales }).expect(201);
      const appointed = (await streamEvents(t, organizationStream(organizationId))).at(-1);
      expect(appointed?.data).toMatchObject({ memberId: target.id, level: 3, unitId: unit.sales });
      const unknown = await appoint(mainResponsible, { memberId: (await member()).id, level: 3, unitId: '00000000-0000-4000-8000-00000000000a' });
      expect([unknown.status, unknown.body.code]).toEqual([422, 'UNKNOWN_UNIT']);
    });

    it('R-ADM-3 a scoped L1 cannot dismiss an administrator outside its subtree', async () => {
      const scoped = await admin(1, unit.sales);
      const outside = await admin(3, unit.support);
      const res = await t.http.delete(`/v1/organizations/${organizationId}/administrators/${outside.id}`).set('authorization', scoped.token);
      expect([res.status, res.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    });
  });

  describe('two keys (R-ADM-5)', () => {
    it.each([1, 2] as const)('R-ADM-5 an L%i cannot appoint itself, at any level (403 SELF_GRANT_FORBIDDEN)', async (level) => {
      const self = await admin(level);
      const res = await appoint(self.token, { memberId: self.id, level: 4 });
      expect([res.status, res.body.code]).toEqual([403, 'SELF_GRANT_FORBIDDEN']);
    });

    it('R-ADM-5 the main responsible cannot make itself administrator or delegate', async () => {
      const asAdmin = await appoint(mainResponsible, { memberId: mainResponsibleId, level: 1 });
      expect([asAdmin.status, asAdmin.body.code]).toEqual([403, 'SELF_GRANT_FORBIDDEN']);
      const asDelegate = await t.http.post(`/v1/organizations/${organizationId}/delegates`).set('authorization', mainResponsible).send({ memberId: mainResponsibleId });
      expect([asDelegate.status, asDelegate.body.code]).toEqual([403, 'SELF_GRANT_FORBIDDEN']);
    });

    it('R-ADM-5 R-TIME-3 an administrator cannot extend its own appointment; a colleague can (the second key)', async () => {
      const [self, colleague] = [await admin(1), await admin(1)];
      const path = `/v1/organizations/${organizationId}/administrators/${self.id}/extension`;
      const own = await t.http.post(path).set('authorization', self.token).send({ validUntil: '2029-01-01T00:00:00Z' });
      expect([own.status, own.body.code]).toEqual([403, 'SELF_GRANT_FORBIDDEN']);
      await t.http.post(path).set('authorization', colleague.token).send({ validUntil: '2029-01-01T00:00:00Z' }).expect(200);
      const extended = (await streamEvents(t, organizationStream(organizationId))).at(-1);
      expect(extended).toMatchObject({ type: 'AdminAppointmentExtended', data: { memberId: self.id, validUntil: '2029-01-01T00:00:00.000Z', by: expect.objectContaining({ memberId: colleague.id }) } });
    });
  });
});
