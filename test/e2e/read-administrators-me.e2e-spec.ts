import { bearer, startTestApp, type TestApp } from '@behorighet/testing';
import { buildReadWorld, Commands, type ReadWorld } from './read-side.fixture.js';

describe('GET /v1/organizations/:org/administrators and GET /v1/me', () => {
  let t: TestApp;
  let w: ReadWorld;
  beforeAll(async () => {
    // Scheduled jobs stay off so that only the commands below write.
    t = await startTestApp({ JOBS_ENABLED: '0' });
    w = await buildReadWorld(t);
  });
  afterAll(() => t.close());

  const administrators = (org: string, token: string, minPosition = w.position) =>
    t.http.get(`/v1/organizations/${org}/administrators`).query({ minPosition }).set('authorization', token);
  const me = (token: string, minPosition = w.position) => t.http.get('/v1/me').query({ minPosition }).set('authorization', token);

  it('R-ADM-4 any member sees the main responsibles, delegates and administrators', async () => {
    const c = new Commands(t);
    await c.send('post', `/v1/organizations/${w.a.id}/delegates`, w.a.mr, { memberId: w.a.boId });
    for (const subject of ['anna', 'carl']) {
      const res = await administrators(w.a.id, await bearer(t, subject), c.position).expect(200);
      expect(res.body).toEqual({
        mainResponsibles: [{ memberId: w.a.mrId, name: 'Main mr-a', validUntil: expect.any(String) }],
        delegates: [{ memberId: w.a.boId, name: 'User bo', validUntil: expect.any(String) }],
        administrators: [{ memberId: w.a.lenaId, name: 'User lena', level: 3, unitId: w.a.hr, validUntil: expect.any(String) }],
      });
    }
  });

  it('R-ADM-4 R-SEC-2 answers 404 to people who are not members (an invitation not yet accepted, another tenant)', async () => {
    for (const token of [await bearer(t, 'eva'), w.b.mr, await bearer(t, 'nobody')]) {
      const res = await administrators(w.a.id, token).expect(404);
      expect(JSON.stringify(res.body)).not.toContain(w.a.mrId);
    }
    await administrators(w.a.id, w.operator).expect(200);
  });

  it('lists the caller’s memberships with its authority and business roles', async () => {
    const anna = await me(await bearer(t, 'anna')).expect(200);
    expect(anna.body).toEqual({
      subject: 'anna',
      memberships: [{ organizationId: w.a.id, organizationName: 'Acme AB', memberId: w.a.annaId, roles: ['attestant'] }],
    });
    const lena = await me(await bearer(t, 'lena')).expect(200);
    expect(lena.body.memberships).toEqual([
      expect.objectContaining({ memberId: w.a.lenaId, roles: ['administrator-L3'], admin: expect.objectContaining({ role: 'administrator', level: 3, scopeUnitId: w.a.hr }) }),
    ]);
    expect((await me(await bearer(t, 'nobody')).expect(200)).body).toEqual({ subject: 'nobody', memberships: [] });
  });

  it('shows a person who is a member of two organizations both memberships, and drops one the member left', async () => {
    const c = new Commands(t);
    const olleInA = await c.member(w.a.id, w.a.mr, 'olle', { unitId: w.a.sales });
    let res = await me(await bearer(t, 'olle'), c.position).expect(200);
    expect(res.body.memberships.map((m: { organizationName: string; memberId: string }) => [m.organizationName, m.memberId])).toEqual([
      ['Acme AB', olleInA],
      ['Other AB', w.b.olleId],
    ]);
    await c.send('post', `/v1/organizations/${w.a.id}/members/${olleInA}/employment-end`, w.a.mr, {});
    res = await me(await bearer(t, 'olle'), c.position).expect(200);
    expect(res.body.memberships.map((m: { memberId: string }) => m.memberId)).toEqual([w.b.olleId]);
  });

  it('R-SEC-3 validates minPosition (400 naming the field)', async () => {
    const res = await me(await bearer(t, 'anna'), 'soon').expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'minPosition' })]);
  });
});
