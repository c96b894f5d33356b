import { bearer, setClock, startTestApp, type TestApp } from '@behorighet/testing';
import { buildReadWorld, Commands, inDays, T0, type ReadWorld } from './read-side.fixture.js';

describe('GET /v1/organizations/:org/overview', () => {
  let t: TestApp;
  let w: ReadWorld;
  beforeAll(async () => {
    // The clock moves in these tests; scheduled jobs stay off so that only the commands below write.
    t = await startTestApp({ JOBS_ENABLED: '0' });
    w = await buildReadWorld(t);
  });
  afterAll(() => t.close());

  const overview = (org: string, token: string, query: Record<string, string | number> = {}) =>
    t.http.get(`/v1/organizations/${org}/overview`).query({ minPosition: w.position, ...query }).set('authorization', token);
  const byId = (items: any[]): Record<string, any> => Object.fromEntries(items.map((m) => [m.memberId, m]));

  it('R-READ-1 shows every member with type, status, roles, admin level and scope, grants with days left and flags', async () => {
    const res = await overview(w.a.id, w.a.mr).expect(200);
    expect(res.body).toMatchObject({ organizationId: w.a.id, name: 'Acme AB', at: T0, warnings: [], nextCursor: null });
    const members = byId(res.body.items);
    expect(Object.keys(members).sort()).toEqual([w.a.mrId, w.a.lenaId, w.a.annaId, w.a.boId, w.a.carlId, w.a.evaId].sort());
    expect(members[w.a.annaId]).toMatchObject({
      name: 'User anna',
      type: 'employee',
      status: 'active',
      unitId: w.a.hr,
      roles: ['attestant'],
      flags: ['expiring-soon'],
      grants: [
        { grantId: w.grants.annaPayroll, service: 'payroll', validUntil: inDays(20), daysLeft: 20 },
        { grantId: w.grants.annaAttestant, role: 'attestant', validUntil: inDays(200), daysLeft: 200 },
      ],
    });
    expect(members[w.a.lenaId]).toMatchObject({ roles: ['administrator-L3'], admin: { role: 'administrator', level: 3, scopeUnitId: w.a.hr } });
    expect(members[w.a.mrId]).toMatchObject({ roles: ['main-responsible'], admin: { role: 'main-responsible' } });
    expect(members[w.a.mrId].admin.scopeUnitId).toBeUndefined();
    expect(members[w.a.boId]).toMatchObject({ roles: [], flags: [] });
    expect(members[w.a.carlId]).toMatchObject({ type: 'external', endsAt: inDays(20), flags: ['external-ending'] });
    expect(members[w.a.evaId]).toMatchObject({ status: 'invited', grants: [] });
  });

  it('R-READ-1 shows last login, and flags members without a login for 18 months as inactive', async () => {
    const c = new Commands(t);
    await c.send('post', `/v1/organizations/${w.a.id}/members/${w.a.boId}/logins`, await bearer(t, 'bo'), {});
    let members = byId((await overview(w.a.id, w.a.mr, { minPosition: c.position }).expect(200)).body.items);
    expect(members[w.a.boId].lastLoginAt).toBe(T0);
    expect(members[w.a.annaId].lastLoginAt).toBeUndefined();

    await setClock(t, inDays(30 * 19));
    try {
      members = byId((await overview(w.a.id, w.a.mr).expect(200)).body.items);
      // anna's payroll grant has ended; both bo (last login T0) and anna (never, bound at T0) count as inactive.
      expect(members[w.a.annaId].flags).toContain('inactive');
      expect(members[w.a.boId].flags).toContain('inactive');
      expect(members[w.a.annaId].grants).toEqual([]);
    } finally {
      await setClock(t, T0);
    }
  });

  it('R-ADM-3 an administrator scoped to a unit sees only the members of its subtree', async () => {
    const res = await overview(w.a.id, w.a.lena).expect(200);
    expect(res.body.items.map((m: { memberId: string }) => m.memberId).sort()).toEqual([w.a.lenaId, w.a.annaId, w.a.evaId].sort());
  });

  it('R-SEC-2 answers 404 to members without authority, to other tenants, and never shows their data', async () => {
    for (const token of [await bearer(t, 'anna'), w.b.mr, await bearer(t, 'stranger')]) {
      const res = await overview(w.a.id, token).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body)).not.toContain(w.a.annaId);
    }
    const own = await overview(w.b.id, w.b.mr).expect(200);
    expect(own.body.items.map((m: { memberId: string }) => m.memberId).sort()).toEqual([w.b.mrId, w.b.olleId].sort());
  });

  it('pages with limit and cursor without repeating or skipping a member', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await overview(w.a.id, w.a.mr, { limit: 2, ...(cursor ? { cursor } : {}) }).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((m: { memberId: string }) => m.memberId));
      cursor = res.body.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(6);
  });

  it('R-SEC-3 validates the query string: 400 naming the field', async () => {
    for (const [query, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 1001 }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ minPosition: '-1' }, 'minPosition'],
      [{ unknown: 'x' }, 'unknown'],
    ] as const) {
      const res = await overview(w.a.id, w.a.mr, query).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    await t.http.get('/v1/organizations/not-a-uuid/overview').set('authorization', w.a.mr).expect(400);
  });

  it('R-ORG-3 warns at more than two main responsibles, and at zero (seen by the operator, as nobody else can)', async () => {
    const c = new Commands(t);
    const extra: string[] = [];
    for (const subject of ['mr-a2', 'mr-a3']) {
      extra.push((await c.send('post', `/v1/organizations/${w.a.id}/main-responsibles`, w.operator, { subject, name: subject, email: `${subject}@example.se` })).body.id);
    }
    let res = await overview(w.a.id, w.a.mr, { minPosition: c.position }).expect(200);
    expect(res.body.warnings).toEqual([{ code: 'TOO_MANY_MAIN_RESPONSIBLES', count: 3 }]);

    for (const member of [...extra, w.a.mrId]) await c.send('delete', `/v1/organizations/${w.a.id}/main-responsibles/${member}`, w.operator);
    res = await overview(w.a.id, w.operator, { minPosition: c.position }).expect(200);
    expect(res.body.warnings).toEqual([{ code: 'NO_MAIN_RESPONSIBLE', count: 0 }]);
    expect(res.body.items.every((m: { flags: string[] }) => m.flags.includes('headless-organization'))).toBe(true);
    // Headless: nobody's authority counts (R-ORG-4), so even the scoped administrator sees nothing.
    await overview(w.a.id, w.a.lena, { minPosition: c.position }).expect(404);
  });
});
