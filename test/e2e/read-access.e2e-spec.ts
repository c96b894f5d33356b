import { bearer, setClock, startTestApp, type TestApp } from '@behorighet/testing';
import { buildReadWorld, Commands, inDays, type ReadWorld } from './read-side.fixture.js';

/**
 * One history, then questions about its past. Org A: anna (payroll until day 20, employment ends at day 12,
 * told on day 5), bo (payroll revoked on day 10; invoices until day 300); its main responsible dismissed on day 40
 * (headless) and a new one appointed on day 50. Org B: olle (payroll), agreement terminated on day 20, renewed on day 25.
 */
describe('who had access when (R-READ-3) and the access check (R-READ-5)', () => {
  let t: TestApp;
  let w: ReadWorld;
  let position: string;
  let newMr: string;
  beforeAll(async () => {
    // The clock moves in these tests; scheduled jobs stay off so that only the commands below write.
    t = await startTestApp({ JOBS_ENABLED: '0' });
    w = await buildReadWorld(t);
    const c = new Commands(t);
    const a = `/v1/organizations/${w.a.id}`;
    await setClock(t, inDays(5));
    await c.send('post', `${a}/members/${w.a.annaId}/employment-end`, w.a.mr, { effectiveAt: inDays(12) });
    await setClock(t, inDays(10));
    await c.send('delete', `${a}/members/${w.a.boId}/grants/${w.grants.boPayroll}`, w.a.mr, { reason: 'moved to sales only' });
    await setClock(t, inDays(20));
    await c.send('post', `/v1/organizations/${w.b.id}/agreement/termination`, w.operator, {});
    await setClock(t, inDays(25));
    await c.send('post', `/v1/organizations/${w.b.id}/agreement/renewal`, w.operator, {});
    await setClock(t, inDays(40));
    await c.send('delete', `${a}/main-responsibles/${w.a.mrId}`, w.operator);
    await setClock(t, inDays(50));
    await c.send('post', `${a}/main-responsibles`, w.operator, { subject: 'mr-new', name: 'New Main', email: 'mr-new@example.se' });
    newMr = await bearer(t, 'mr-new');
    position = c.position;
  });
  afterAll(() => t.close());

  const accessAt = (org: string, token: string, query: Record<string, string | number>) =>
    t.http.get(`/v1/organizations/${org}/access`).query({ minPosition: position, service: 'payroll', ...query }).set('authorization', token);
  const who = async (org: string, token: string, at: string, service = 'payroll') => {
    const res = await accessAt(org, token, { at, service }).expect(200);
    expect(res.body).toMatchObject({ at, service, nextCursor: null });
    return res.body.items.map((i: { memberId: string }) => i.memberId).sort();
  };
  const check = (token: string, query: Record<string, string>) =>
    t.http.get('/v1/access-check').query({ minPosition: position, organizationId: w.a.id, service: 'payroll', ...query }).set('authorization', token);

  it('R-READ-3 answers who could use the service at any past instant: grants, revocation, employment end', async () => {
    expect(await who(w.a.id, newMr, inDays(-1))).toEqual([]);
    expect(await who(w.a.id, newMr, inDays(1))).toEqual([w.a.annaId, w.a.boId].sort());
    expect(await who(w.a.id, newMr, inDays(11))).toEqual([w.a.annaId]);
    expect(await who(w.a.id, newMr, inDays(13))).toEqual([]);
    expect(await who(w.a.id, newMr, inDays(30), 'invoices')).toEqual([w.a.boId]);
    const res = await accessAt(w.a.id, newMr, { at: inDays(1) }).expect(200);
    expect(res.body.items).toContainEqual({ memberId: w.a.annaId, name: 'User anna', type: 'employee', grantIds: [w.grants.annaPayroll] });
  });

  it('R-READ-3 R-ORG-4 a headless organization or a terminated agreement gives nobody access at that instant', async () => {
    expect(await who(w.a.id, newMr, inDays(39), 'invoices')).toEqual([w.a.boId]);
    expect(await who(w.a.id, newMr, inDays(45), 'invoices')).toEqual([]);
    expect(await who(w.a.id, newMr, inDays(50), 'invoices')).toEqual([w.a.boId]);
    expect(await who(w.b.id, w.b.mr, inDays(19))).toEqual([w.b.olleId]);
    expect(await who(w.b.id, w.b.mr, inDays(22))).toEqual([]);
    expect(await who(w.b.id, w.b.mr, inDays(26))).toEqual([w.b.olleId]);
  });

  it('R-READ-3 R-SEC-2 only the organization’s administrators ask, within their scope; the instant is checked', async () => {
    expect(await who(w.a.id, w.a.lena, inDays(1))).toEqual([w.a.annaId]);
    for (const token of [await bearer(t, 'bo'), w.b.mr, w.a.mr]) await accessAt(w.a.id, token, { at: inDays(1) }).expect(404);
    for (const [query, field] of [
      [{ at: 'yesterday' }, 'at'],
      [{ at: '2026-01-02T00:00:00' }, 'at'],
      [{ at: inDays(51) }, 'at'],
      [{ service: 'Pay Roll' }, 'service'],
    ] as const) {
      const res = await accessAt(w.a.id, newMr, query).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('R-READ-5 answers allowed with the grants, or denied with every reason, for any instant', async () => {
    expect((await check(newMr, { memberId: w.a.boId, at: inDays(1) }).expect(200)).body).toEqual({
      allowed: true,
      reasons: [],
      grantIds: [w.grants.boPayroll],
      readOnly: false,
      at: inDays(1),
    });
    expect((await check(newMr, { memberId: w.a.boId, at: inDays(11) }).expect(200)).body).toMatchObject({ allowed: false, reasons: ['NO_VALID_GRANT', 'GRANT_REVOKED'] });
    expect((await check(newMr, { memberId: w.a.annaId, at: inDays(13) }).expect(200)).body).toMatchObject({
      allowed: false,
      reasons: expect.arrayContaining(['EMPLOYMENT_ENDED']),
    });
    const headless = await check(newMr, { memberId: w.a.boId, service: 'invoices', at: inDays(45) }).expect(200);
    expect(headless.body).toMatchObject({ allowed: false, reasons: ['ORGANIZATION_HEADLESS'] });
    const now = await check(newMr, { memberId: w.a.boId, service: 'invoices' }).expect(200);
    expect(now.body).toMatchObject({ allowed: true, at: inDays(50) });
    const code = await check(newMr, { memberId: w.a.boId, service: 'invoices', employerCode: 'NOPE' }).expect(200);
    expect(code.body).toMatchObject({ allowed: false, reasons: ['UNKNOWN_EMPLOYER_CODE'] });
  });

  it('R-READ-5 R-SEC-2 the member itself, its organization’s authorities (in scope) and the operator may ask; nobody else', async () => {
    const about = { memberId: w.a.boId, service: 'invoices' };
    await check(await bearer(t, 'bo'), about).expect(200);
    await check(w.operator, about).expect(200);
    await check(newMr, about).expect(200);
    await check(w.a.lena, { ...about, memberId: w.a.annaId }).expect(200);
    for (const token of [await bearer(t, 'anna'), w.a.lena, w.b.mr, await bearer(t, 'olle')]) {
      const res = await check(token, about).expect(404);
      expect(JSON.stringify(res.body)).not.toContain('allowed');
    }
    // Another tenant's member asked about through this organization is no member here.
    const cross = await check(w.operator, { memberId: w.b.olleId }).expect(200);
    expect(cross.body).toMatchObject({ allowed: false, reasons: expect.arrayContaining(['NOT_A_MEMBER']), grantIds: [] });
  });

  it('R-READ-5 validates its query string (400 naming the field)', async () => {
    for (const [query, field] of [
      [{ organizationId: 'acme' }, 'organizationId'],
      [{ memberId: '' }, 'memberId'],
      [{ memberId: w.a.boId, service: '' }, 'service'],
      [{ memberId: w.a.boId, at: '1 Jan' }, 'at'],
    ] as const) {
      const res = await check(w.operator, query).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});
