import { memberStream } from '@behorighet/domain';
import {
  appointAdministrator,
  bearer,
  inviteAndAccept,
  issueGrant,
  organizationWithMainResponsible,
  registerServices,
  setClock,
  shareAccess,
  startTestApp,
  streamEvents,
  TestApp,
} from '@behorighet/testing';

type Rights = { actions: string[]; grantable?: string[]; authorize?: boolean };
const READ: Rights = { actions: ['read'] };

/**
 * Seed 002 (sharing in the toolbox): privacy by design, shares with action and grantable rights, administrators
 * sharing a workspace with others but never themselves, the recorded switch, and revocation down the chain (R-SHR-1…5).
 */
describe('seed 002: sharing personal resources', () => {
  let t: TestApp;
  let org: string;
  let mr: string;
  const id: Record<string, string> = {};
  const as: Record<string, string> = {};

  const shareWorkspace = (sharer: string, owner: string, holder: string, rights: Rights = READ) =>
    shareAccess(t, as[sharer], org, id[owner], { resource: 'workspace', memberId: id[holder], ...rights });
  const tryShare = (sharer: string, owner: string, body: object) =>
    t.http.post(`/v1/organizations/${org}/members/${id[owner]}/shares`).set('authorization', as[sharer] ?? sharer).send(body);
  const trySwitch = (holder: string, owner: string, shareId: string) =>
    t.http.post(`/v1/organizations/${org}/members/${id[owner]}/shares/${shareId}/switch`).set('authorization', as[holder]).send({});
  const revoke = (by: string, owner: string, shareId: string) =>
    t.http.delete(`/v1/organizations/${org}/members/${id[owner]}/shares/${shareId}`).set('authorization', as[by]);
  const eventsOf = async (owner: string, type: string) => (await streamEvents(t, memberStream(id[owner]))).filter((e) => e.type === type).map((e) => e.data);

  beforeAll(async () => {
    t = await startTestApp();
    await setClock(t, '2030-05-06T08:00:00.000Z');
    const operator = await bearer(t, 'operator-1', { operator: true });
    await registerServices(t, operator, ['toolbox']);
    const created = await organizationWithMainResponsible(t, operator, { name: 'Sms-tjänst AB', orgNumber: '556703-7485' }, 'mr-sms');
    org = created.organizationId;
    mr = created.mainResponsible;
    await t.http.post(`/v1/organizations/${org}/subscriptions`).set('authorization', operator).send({ service: 'toolbox' }).expect(201);
    for (const subject of ['anna', 'olga', 'bo', 'cilla', 'dan', 'hugo', 'eva', 'filip', 'gun']) {
      id[subject] = await inviteAndAccept(t, mr, org, { subject });
      // A holder switches only while it may use the system itself (a valid grant).
      await issueGrant(t, mr, org, id[subject], { service: 'toolbox' });
      as[subject] = await bearer(t, subject);
    }
    await appointAdministrator(t, mr, org, { memberId: id.eva, level: 1 });
    await appointAdministrator(t, mr, org, { memberId: id.filip, level: 2 });
    await appointAdministrator(t, mr, org, { memberId: id.gun, level: 3 });
  });
  afterAll(() => t.close());

  it('R-SHR-1 by default nobody else — administrators and the main responsible included — can reach a member’s resources', async () => {
    expect(await eventsOf('anna', 'AccessShared')).toEqual([]);
    const someShare = '0190c4f0-0000-7000-8000-000000000000';
    expect((await trySwitch('bo', 'anna', someShare).expect(403)).body.code).toBe('NOT_AUTHORIZED');
    for (const sharer of ['bo', 'eva', mr]) {
      const res = await tryShare(sharer, 'anna', { resource: 'address-book', memberId: id.dan, ...READ }).expect(403);
      expect(res.body.code).toBe('NOT_AUTHORIZED');
    }
    expect((await tryShare('bo', 'anna', { resource: 'workspace', memberId: id.bo, ...READ }).expect(403)).body.code).toBe('SELF_GRANT_FORBIDDEN');
    expect(await streamEvents(t, memberStream(id.anna))).toEqual([expect.objectContaining({ type: 'GrantIssued' })]);
  });

  it('R-SHR-2 the owner shares with action, grantable and authorize rights; a holder passes on only what it may', async () => {
    const toBo = await shareWorkspace('anna', 'anna', 'bo', { actions: ['read', 'edit'], grantable: ['read'] });
    expect(await eventsOf('anna', 'AccessShared')).toEqual([
      expect.objectContaining({ shareId: toBo, holderMemberId: id.bo, actions: ['edit', 'read'], grantable: ['read'], authorize: false, via: 'owner' }),
    ]);

    const toCilla = await shareWorkspace('bo', 'anna', 'cilla', READ);
    expect((await eventsOf('anna', 'AccessShared')).at(-1)).toMatchObject({ shareId: toCilla, via: 'share', parentShareId: toBo, by: expect.objectContaining({ memberId: id.bo }) });

    const exceeding: [string, Rights][] = [
      ['edit it was not made able to pass on', { actions: ['edit'] }],
      ['grantable rights without authorize', { actions: ['read'], grantable: ['read'] }],
      ['authorize it does not hold', { actions: ['read'], authorize: true }],
    ];
    for (const [, rights] of exceeding) {
      const res = await tryShare('bo', 'anna', { resource: 'workspace', memberId: id.dan, ...rights }).expect(403);
      expect(res.body.code).toBe('SHARE_RIGHTS_EXCEEDED');
    }
    // Cilla holds read only, nothing to pass on.
    expect((await tryShare('cilla', 'anna', { resource: 'workspace', memberId: id.dan, ...READ }).expect(403)).body.code).toBe('SHARE_RIGHTS_EXCEEDED');
    expect(await eventsOf('anna', 'AccessShared')).toHaveLength(2);
  });

  it('R-SHR-2 refuses inconsistent rights (422 INVALID_SHARE_RIGHTS)', async () => {
    const inconsistent = { resource: 'address-book', memberId: id.dan, actions: ['read'], grantable: ['edit'] };
    expect((await tryShare('anna', 'anna', inconsistent).expect(422)).body.code).toBe('INVALID_SHARE_RIGHTS');
    expect((await tryShare('anna', 'anna', { resource: 'address-book', memberId: id.anna, ...READ }).expect(422)).body.code).toBe('INVALID_SHARE_RIGHTS');
  });

  it('R-SHR-3 L1 and L2 administrators share a member’s workspace with others, grantable rights included; L3 may not', async () => {
    const full = { actions: ['read', 'edit'], grantable: ['read', 'edit'], authorize: true };
    const byEva = await shareWorkspace('eva', 'anna', 'dan', full);
    const byFilip = await shareWorkspace('filip', 'anna', 'hugo', { actions: ['read'], grantable: ['read'] });
    const shared = await eventsOf('anna', 'AccessShared');
    expect(shared).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ shareId: byEva, holderMemberId: id.dan, via: 'administrator', authorize: true, grantable: ['edit', 'read'] }),
        expect.objectContaining({ shareId: byFilip, holderMemberId: id.hugo, via: 'administrator', grantable: ['read'] }),
      ]),
    );
    expect((await tryShare('gun', 'anna', { resource: 'workspace', memberId: id.dan, ...READ }).expect(403)).body.code).toBe('NOT_AUTHORIZED');
  });

  it('R-SHR-3 R-ADM-5 an administrator never shares a workspace with itself; a colleague may (two keys)', async () => {
    const res = await tryShare('eva', 'olga', { resource: 'workspace', memberId: id.eva, ...READ }).expect(403);
    expect(res.body.code).toBe('SELF_GRANT_FORBIDDEN');
    expect(await eventsOf('olga', 'AccessShared')).toEqual([]);
    const byColleague = await shareWorkspace('filip', 'olga', 'eva', READ);
    expect(await eventsOf('olga', 'AccessShared')).toEqual([expect.objectContaining({ shareId: byColleague, holderMemberId: id.eva })]);
    await revoke('filip', 'olga', byColleague).expect(200);
  });

  it('R-SHR-4 a holder of workspace access switches into the owner’s workspace, and the switch is recorded', async () => {
    const toBo = (await eventsOf('anna', 'AccessShared')).find((s) => s.holderMemberId === id.bo)!.shareId as string;
    const res = await trySwitch('bo', 'anna', toBo).expect(200);
    expect(res.body).toEqual({ position: expect.stringMatching(/^\d+$/) });
    expect(await eventsOf('anna', 'WorkspaceSwitched')).toEqual([
      expect.objectContaining({ memberId: id.anna, holderMemberId: id.bo, shareId: toBo, resource: 'workspace' }),
    ]);
  });

  it('R-SHR-4 an address book share opens no workspace to switch into', async () => {
    const bookShare = await shareAccess(t, as.olga, org, id.olga, { resource: 'address-book', memberId: id.cilla, actions: ['read', 'edit'] });
    expect((await trySwitch('cilla', 'olga', bookShare).expect(403)).body.code).toBe('NOT_AUTHORIZED');
    expect(await eventsOf('olga', 'WorkspaceSwitched')).toEqual([]);
  });

  it('R-SHR-5 revoking a share revokes the three-level chain passed on from it, and only that', async () => {
    const passOn = { actions: ['read'], grantable: ['read'], authorize: true };
    const level1 = await shareWorkspace('olga', 'olga', 'bo', passOn);
    const level2 = await shareWorkspace('bo', 'olga', 'cilla', passOn);
    const level3 = await shareWorkspace('cilla', 'olga', 'dan', READ);
    const unrelated = await shareWorkspace('olga', 'olga', 'hugo', READ);
    await trySwitch('dan', 'olga', level3).expect(200);

    expect((await revoke('dan', 'olga', level1).expect(403)).body.code).toBe('NOT_AUTHORIZED');
    await revoke('olga', 'olga', level1).expect(200);
    const revoked = await eventsOf('olga', 'ShareRevoked');
    expect(revoked).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ shareId: level1, cause: 'revoked' }),
        expect.objectContaining({ shareId: level2, cascadedFrom: level1 }),
        expect.objectContaining({ shareId: level3, cascadedFrom: level1 }),
      ]),
    );
    expect(revoked.map((r) => r.shareId)).not.toContain(unrelated);

    for (const [holder, share] of [['bo', level1], ['cilla', level2], ['dan', level3]]) {
      expect((await trySwitch(holder, 'olga', share).expect(403)).body.code).toBe('NOT_AUTHORIZED');
    }
    await trySwitch('hugo', 'olga', unrelated).expect(200);
    expect((await revoke('olga', 'olga', level2).expect(404)).body.code).toBe('SHARE_NOT_FOUND');
  });

  it('R-SHR-5 the sharer revokes what it passed on, with everything below it; the share it holds stays', async () => {
    const fromOlga = await shareWorkspace('olga', 'olga', 'cilla', { actions: ['read', 'edit'], grantable: ['read'], authorize: true });
    const fromCilla = await shareWorkspace('cilla', 'olga', 'dan', { actions: ['read'], grantable: ['read'] });
    const fromDan = await shareWorkspace('dan', 'olga', 'bo', READ);
    const before = (await eventsOf('olga', 'ShareRevoked')).length;

    await revoke('cilla', 'olga', fromCilla).expect(200);
    const revoked = (await eventsOf('olga', 'ShareRevoked')).slice(before).map((r) => r.shareId);
    expect(revoked.sort()).toEqual([fromCilla, fromDan].sort());
    await trySwitch('cilla', 'olga', fromOlga).expect(200);
    expect((await trySwitch('bo', 'olga', fromDan).expect(403)).body.code).toBe('NOT_AUTHORIZED');
  });
});
