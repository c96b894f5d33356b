import { bearer, setClock, startTestApp, type TestApp } from '@behorighet/testing';
import { buildReadWorld, Commands, inDays, T0, type ReadWorld } from './read-side.fixture.js';

describe('GET /v1/organizations/:org/reports/inactivity and /expiring', () => {
  let t: TestApp;
  let w: ReadWorld;
  beforeAll(async () => {
    // The clock moves in these tests; scheduled jobs stay off so that only the commands below write.
    t = await startTestApp({ JOBS_ENABLED: '0' });
    w = await buildReadWorld(t);
  });
  afterAll(() => t.close());

  const report = (name: string, token: string, query: Record<string, string | number> = {}) =>
    t.http.get(`/v1/organizations/${w.a.id}/reports/${name}`).query({ minPosition: w.position, ...query }).set('authorization', token);
  const summary = (items: Array<{ memberId: string; kind: string }>) => items.map((i) => `${i.memberId}:${i.kind}`).sort();

  it('R-TIME-5 lists invitations never accepted at once, and members without a login for N months once they have passed', async () => {
    let res = await report('inactivity', w.a.mr).expect(200);
    expect(res.body).toMatchObject({ months: 18, at: T0, nextCursor: null });
    expect(summary(res.body.items)).toEqual([`${w.a.evaId}:invitation-not-accepted`]);

    const c = new Commands(t);
    await c.send('post', `/v1/organizations/${w.a.id}/members/${w.a.boId}/logins`, await bearer(t, 'bo'), {});
    await setClock(t, inDays(200));
    try {
      res = await report('inactivity', w.a.mr, { months: 6, minPosition: c.position }).expect(200);
      // carl's external end has passed (no longer an active member); everyone else bound at T0 has not logged in since.
      expect(summary(res.body.items)).toEqual(
        [`${w.a.evaId}:invitation-not-accepted`, ...[w.a.mrId, w.a.lenaId, w.a.annaId, w.a.boId].map((id) => `${id}:no-login`)].sort(),
      );
      expect(res.body.items.find((i: { memberId: string }) => i.memberId === w.a.boId)).toMatchObject({ lastLoginAt: T0, name: 'User bo' });
      res = await report('inactivity', w.a.mr, { months: 7 }).expect(200);
      expect(summary(res.body.items)).toEqual([`${w.a.evaId}:invitation-not-accepted`]);
    } finally {
      await setClock(t, T0);
    }
  });

  it('R-TIME-5 R-ADM-3 a scoped administrator sees the report for its unit only', async () => {
    const res = await report('inactivity', w.a.lena).expect(200);
    expect(summary(res.body.items)).toEqual([`${w.a.evaId}:invitation-not-accepted`]);
    const expiring = await report('expiring', w.a.lena).expect(200);
    expect(expiring.body.items.map((i: { memberId: string }) => i.memberId)).toEqual([w.a.annaId]);
  });

  it('R-TIME-2 lists grants, appointments and external end dates ending within N days, soonest first', async () => {
    const c = new Commands(t);
    await c.send('post', `/v1/organizations/${w.a.id}/administrators`, w.a.mr, { memberId: w.a.boId, level: 4, validUntil: inDays(10) });
    let res = await report('expiring', w.a.mr, { minPosition: c.position }).expect(200);
    expect(res.body).toMatchObject({ days: 30, at: T0, nextCursor: null });
    const at20 = [
      expect.objectContaining({ memberId: w.a.annaId, kind: 'grant', grantId: w.grants.annaPayroll, service: 'payroll', expiresAt: inDays(20), daysLeft: 20 }),
      expect.objectContaining({ memberId: w.a.carlId, kind: 'external-end', expiresAt: inDays(20), daysLeft: 20 }),
    ];
    expect(res.body.items).toEqual([
      expect.objectContaining({ memberId: w.a.boId, kind: 'appointment', role: 'administrator', level: 4, expiresAt: inDays(10), daysLeft: 10 }),
      ...(w.a.annaId < w.a.carlId ? at20 : at20.reverse()),
    ]);
    res = await report('expiring', w.a.mr, { days: 250, limit: 2 }).expect(200);
    const next = await report('expiring', w.a.mr, { days: 250, limit: 2, cursor: res.body.nextCursor }).expect(200);
    expect(next.body.nextCursor).toBeNull();
    const items = [...res.body.items, ...next.body.items];
    expect(items.map((i: { kind: string; grantId?: string }) => i.grantId ?? i.kind).sort()).toEqual(
      [w.grants.annaPayroll, w.grants.annaAttestant, 'external-end', 'appointment'].sort(),
    );
    const instants = items.map((i: { expiresAt: string }) => i.expiresAt);
    expect(instants).toEqual([...instants].sort());
  });

  it('R-SEC-2 answers 404 to members without authority and to other tenants', async () => {
    for (const token of [await bearer(t, 'anna'), w.b.mr]) {
      await report('inactivity', token).expect(404);
      await report('expiring', token).expect(404);
    }
  });

  it('R-SEC-3 validates months and days (400 naming the field)', async () => {
    for (const [name, query, field] of [
      ['inactivity', { months: 0 }, 'months'],
      ['inactivity', { months: 'many' }, 'months'],
      ['expiring', { days: -3 }, 'days'],
      ['expiring', { days: 1.5 }, 'days'],
    ] as const) {
      const res = await report(name, w.a.mr, query).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});
