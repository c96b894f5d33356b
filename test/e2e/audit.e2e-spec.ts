import { EVENT_STORE, type EventStore, type RecordedEvent } from '@behorighet/event-store';
import { bearer, startTestApp, type TestApp } from '@behorighet/testing';
import { buildAccessWorld, settle, T, type AccessWorld } from './access-history.world.js';

interface Item {
  type: string;
  occurredAt: string;
  actor: { subject?: string; memberId?: string; operator?: true; system?: string };
  subject: string | null;
  data: Record<string, unknown>;
  position: string;
}

describe('audit history over HTTP (R-READ-2)', () => {
  let t: TestApp;
  let w: AccessWorld;
  let head: string;
  let log: RecordedEvent[];

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildAccessWorld(t);
    head = await settle(t);
    log = [];
    for await (const event of t.app.get<EventStore>(EVENT_STORE).readAll()) log.push(event);
  });
  afterAll(() => t.close());

  const audit = (org: string, token: string, query: Record<string, string | number> = {}) =>
    t.http.get(`/v1/organizations/${org}/audit`).query({ minPosition: head, ...query }).set('authorization', token);

  /** Every page of a query, following nextCursor. */
  async function all(org: string, token: string, query: Record<string, string | number> = {}): Promise<{ items: Item[]; pages: number }> {
    const items: Item[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await audit(org, token, { ...query, ...(cursor ? { cursor } : {}) }).expect(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    return { items, pages };
  }

  const ofOrganization = (org: string) => log.filter((event) => (event.data as { organizationId?: string }).organizationId === org);

  it('R-READ-2 lists every event of the organization, its members’ streams included, oldest first: who, when, what, about whom', async () => {
    const { items } = await all(w.a.id, w.a.mr);
    const expected = ofOrganization(w.a.id);
    expect(items.map((item) => item.position)).toEqual(expected.map((event) => String(event.position)));
    expect(items.map((item) => item.type)).toEqual(expect.arrayContaining(['OrganizationRegistered', 'UserInvited', 'GrantIssued', 'GrantExtended', 'GrantRevoked', 'UserLoggedIn', 'EmploymentEnded']));
    const revoked = items.find((item) => item.type === 'GrantRevoked' && item.data.grantId === w.grants.annaInvoices);
    expect(revoked).toEqual({
      type: 'GrantRevoked',
      occurredAt: '2025-04-01T09:00:00.000Z',
      actor: { subject: 'mr-a', memberId: w.a.mrId },
      subject: w.a.annaId,
      data: expect.objectContaining({ reason: 'moved to HR work', service: 'invoices', memberId: w.a.annaId }),
      position: expect.stringMatching(/^\d+$/),
    });
  });

  it('R-READ-2 filters by member, actor, type and period, alone and together', async () => {
    const about = (await all(w.a.id, w.a.mr, { memberId: w.a.annaId })).items;
    expect(about.length).toBeGreaterThan(4);
    expect(about.every((item) => item.subject === w.a.annaId)).toBe(true);

    const byMr = (await all(w.a.id, w.a.mr, { actor: w.a.mrId })).items;
    expect(byMr.length).toBeGreaterThan(5);
    expect(byMr.every((item) => item.actor.memberId === w.a.mrId)).toBe(true);
    const byOperator = (await all(w.a.id, w.a.mr, { actor: 'operator-1' })).items;
    expect(byOperator.map((item) => item.type)).toEqual(['OrganizationRegistered', 'ServiceSubscribed', 'ServiceSubscribed', 'MemberRegistered', 'AdminAppointed']);

    const grants = (await all(w.a.id, w.a.mr, { type: 'GrantIssued' })).items;
    expect(grants.map((item) => item.data.grantId)).toEqual([w.grants.annaPayroll, w.grants.annaInvoices, w.grants.boPayroll]);

    const spring = (await all(w.a.id, w.a.mr, { from: T.grants, to: T.leaving })).items;
    expect(spring.length).toBeGreaterThan(0);
    expect(spring.every((item) => item.occurredAt >= T.grants && item.occurredAt < T.leaving)).toBe(true);
    expect(spring.map((item) => item.type)).toContain('GrantExtended');
    expect(spring.map((item) => item.type)).not.toContain('EmploymentEnded');

    const annasLogins = (await all(w.a.id, w.a.mr, { memberId: w.a.annaId, type: 'UserLoggedIn', actor: w.a.annaId, from: T.grants })).items;
    expect(annasLogins).toHaveLength(1);
    expect(annasLogins[0]).toMatchObject({ subject: w.a.annaId, actor: { subject: 'anna' } });
  });

  it('R-READ-2 pages with the cursor: each event once, in order, whatever the page size', async () => {
    const whole = (await all(w.a.id, w.a.mr, { limit: 1000 })).items;
    const paged = await all(w.a.id, w.a.mr, { limit: 3 });
    expect(paged.items).toEqual(whole);
    expect(paged.pages).toBe(Math.ceil(whole.length / 3));
    const first = await audit(w.a.id, w.a.mr).expect(200);
    expect(first.body.items.length).toBe(Math.min(100, whole.length));
  });

  it('R-READ-2 goes on from a cursor to the events appended since, without repeating any', async () => {
    const before = await all(w.a.id, w.a.mr, { limit: 1000 });
    const last = await audit(w.a.id, w.a.mr, { limit: before.items.length - 1 }).expect(200);
    expect(last.body.nextCursor).toEqual(expect.any(String));
    const login = await t.http.post(`/v1/organizations/${w.a.id}/members/${w.a.mrId}/logins`).set('authorization', w.a.mr).send({}).expect(201);
    const next = await audit(w.a.id, w.a.mr, { minPosition: login.body.position, cursor: last.body.nextCursor }).expect(200);
    expect(next.body.items.map((item: Item) => item.position)).toEqual([before.items.at(-1)?.position, login.body.position]);
    expect(next.body.nextCursor).toBeNull();
    head = login.body.position;
  });

  it('R-SEC-2 R-READ-2 shows no other organization’s events: B’s events and members are not in A’s history', async () => {
    const { items } = await all(w.a.id, w.a.mr);
    const ofB = new Set(ofOrganization(w.b.id).map((event) => String(event.position)));
    expect(ofB.size).toBeGreaterThan(5);
    expect(items.some((item) => ofB.has(item.position))).toBe(false);
    expect((await audit(w.a.id, w.a.mr, { memberId: w.b.olleId }).expect(200)).body).toEqual({ items: [], nextCursor: null });
    const own = (await all(w.b.id, w.b.mr)).items;
    expect(own.map((item) => item.position)).toEqual([...ofB]);
  });

  it('R-SEC-2 answers 404 to anyone but the organization’s main responsibles, delegates and administrators', async () => {
    for (const token of [await bearer(t, 'anna'), w.b.mr, await bearer(t, 'stranger'), w.operator]) {
      const res = await audit(w.a.id, token).expect(404);
      expect(res.body).toMatchObject({ code: 'NOT_A_MEMBER', status: 404 });
    }
    await audit('00000000-0000-4000-8000-000000000000', w.a.mr).expect(404);
  });

  it('R-ADM-3 R-READ-2 shows an administrator with a unit scope the events about the members in it', async () => {
    const { items } = await all(w.a.id, w.a.lena);
    const subjects = new Set(items.map((item) => item.subject));
    expect(subjects).toEqual(new Set([w.a.annaId, w.a.lenaId]));
    expect((await audit(w.a.id, w.a.lena, { memberId: w.a.boId }).expect(200)).body.items).toEqual([]);
  });

  it('R-SEC-3 answers 400 naming the field for a bad filter, limit or cursor', async () => {
    const cases: Array<[Record<string, string | number>, string]> = [
      [{ memberId: 'not-a-uuid' }, 'memberId'],
      [{ type: 'NoSuchEvent' }, 'type'],
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2025-13-01T00:00:00Z' }, 'to'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 1001 }, 'limit'],
      [{ cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
      [{ unknown: 'x' }, 'unknown'],
    ];
    for (const [query, field] of cases) {
      const res = await audit(w.a.id, w.a.mr, query).expect(400);
      expect({ query, fields: res.body.errors.map((e: { field: string }) => e.field) }).toEqual({ query, fields: expect.arrayContaining([field]) });
    }
  });
});
