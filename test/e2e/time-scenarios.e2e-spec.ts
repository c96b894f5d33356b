import { addDays, iso } from '@behorighet/domain';
import {
  appointAdministrator,
  appointMainResponsible,
  attemptLogin,
  bearer,
  emailOf,
  expectStatus,
  inviteAndAccept,
  inviteMember,
  issueGrant,
  organizationWithMainResponsible,
  placeOrder,
  registerServices,
  setClock,
  shareAccess,
  startTestApp,
  subscribeServices,
} from '@behorighet/testing';
import { headPosition, mailbox, memberEvents, newMail, organizationEvents, recorded, runJobs, textOf, VALID_ORG_NUMBER } from './time.support.js';

const T0 = Date.parse('2026-01-05T08:00:00.000Z');
const MINUTE = 60_000;
const PASS_ON = { actions: ['read'], grantable: ['read'], authorize: true };

/** An app on the test clock at T0 (jobs only on demand) with an organization, its main responsible and a subscribed service. */
async function world(mrSubject: string) {
  const t = await startTestApp({ JOBS_ENABLED: '0' });
  await setClock(t, iso(T0));
  const operator = await bearer(t, 'operator-1', { operator: true });
  await registerServices(t, operator, ['crm']);
  const org = await organizationWithMainResponsible(t, operator, { name: `Org of ${mrSubject}`, orgNumber: VALID_ORG_NUMBER }, mrSubject);
  await subscribeServices(t, operator, org.organizationId, ['crm']);
  const member = async (subject: string) => {
    const memberId = await inviteAndAccept(t, org.mainResponsible, org.organizationId, { subject, name: `Person ${subject}` });
    await issueGrant(t, org.mainResponsible, org.organizationId, memberId, { service: 'crm' });
    return memberId;
  };
  const login = (memberId: string, subject: string) => attemptLogin(t, org.organizationId, memberId, subject);
  return { t, operator, ...org, member, login };
}

describe('R-MEM-8 an external member is blocked at its end date', () => {
  let w: Awaited<ReturnType<typeof world>>;
  let ella: string;
  const endsAt = iso(addDays(T0, 45));
  beforeAll(async () => {
    w = await world('mr-ext');
    ella = await inviteMember(w.t, w.mainResponsible, w.organizationId, { type: 'external', name: 'Ella Extern', email: emailOf('ella'), subject: 'ella', endsAt });
    const accepted = await w.t.http.post(`/v1/organizations/${w.organizationId}/members/${ella}/invitation/acceptance`).set('authorization', await bearer(w.t, 'ella')).send({});
    expectStatus(accepted, 200);
    await issueGrant(w.t, w.mainResponsible, w.organizationId, ella, { service: 'crm' });
    await runJobs(w.t);
  });
  afterAll(() => w.t.close());

  it('R-TIME-2 reminds the member and the main responsible 30 days before the end date', async () => {
    const before = mailbox(w.t);
    await setClock(w.t, iso(addDays(Date.parse(endsAt), -30) + MINUTE));
    await runJobs(w.t);
    const reminders = (await organizationEvents(w.t, w.organizationId)).filter((e) => e.type === 'ReminderSent');
    expect(reminders.map((e) => [e.data.about, e.data.memberId, e.data.daysBefore])).toEqual([['external-end', ella, 30]]);
    const sent = newMail(w.t, before).filter((m) => m.kind === 'reminder');
    expect(sent.map((m) => m.to).sort()).toEqual([emailOf('ella'), emailOf('mr-ext')].sort());
  });

  it('R-MEM-8 lets the member in until the end date, blocks it at the end date — once, with two scheduler instances running at once', async () => {
    await setClock(w.t, iso(Date.parse(endsAt) - MINUTE));
    await runJobs(w.t);
    expect((await w.login(ella, 'ella')).status).toBe(201);

    // A second instance on the same data directory runs the same jobs at the same time: the expected revision lets one write.
    const second = await startTestApp({ JOBS_ENABLED: '0' }, w.t.dataDir);
    try {
      await setClock(w.t, iso(Date.parse(endsAt) + 60 * MINUTE));
      await setClock(second, iso(Date.parse(endsAt) + 60 * MINUTE));
      await Promise.all([runJobs(w.t), runJobs(second)]);
    } finally {
      await second.close();
    }
    const blocked = (await organizationEvents(w.t, w.organizationId)).filter((e) => e.type === 'MemberBlocked');
    expect(blocked.map((e) => e.data)).toEqual([expect.objectContaining({ memberId: ella, endsAt, occurredAt: endsAt, by: { system: 'apply-member-endings' } })]);
    const revoked = (await memberEvents(w.t, ella)).filter((e) => e.type === 'GrantRevoked');
    expect(revoked.map((e) => [e.data.cause, e.data.occurredAt])).toEqual([['blocked', endsAt]]);
    const denied = await w.login(ella, 'ella');
    expect([denied.status, denied.body.reasons]).toEqual([403, expect.arrayContaining(['MEMBER_BLOCKED'])]);
  });
});

describe('R-MEM-6 a future-dated employment end takes effect at its time, not before', () => {
  let w: Awaited<ReturnType<typeof world>>;
  const id: Record<string, string> = {};
  const effectiveAt = iso(addDays(T0, 11));
  beforeAll(async () => {
    w = await world('mr-hr');
    for (const subject of ['leo', 'olof', 'cia']) id[subject] = await w.member(subject);
    await appointAdministrator(w.t, w.mainResponsible, w.organizationId, { memberId: id.leo!, level: 3 });
    await shareAccess(w.t, await bearer(w.t, 'leo'), w.organizationId, id.leo!, { resource: 'workspace', memberId: id.cia!, actions: ['read'] });
    await shareAccess(w.t, await bearer(w.t, 'olof'), w.organizationId, id.olof!, { resource: 'address-book', memberId: id.leo!, actions: ['read'] });
    await setClock(w.t, iso(addDays(T0, 1)));
    await runJobs(w.t);
  });
  afterAll(() => w.t.close());

  const ended = async () => ({
    grants: (await memberEvents(w.t, id.leo!)).filter((e) => e.type === 'GrantRevoked'),
    ownShares: (await memberEvents(w.t, id.leo!)).filter((e) => e.type === 'ShareRevoked'),
    heldShares: (await memberEvents(w.t, id.olof!)).filter((e) => e.type === 'ShareRevoked'),
    appointments: (await organizationEvents(w.t, w.organizationId)).filter((e) => e.type === 'AdminDismissed' && e.data.memberId === id.leo),
  });

  it('R-MEM-6 records the end and tells the main responsible, but nothing ends yet', async () => {
    const before = mailbox(w.t);
    const res = await w.t.http
      .post(`/v1/organizations/${w.organizationId}/members/${id.leo}/employment-end`)
      .set('authorization', w.mainResponsible)
      .send({ effectiveAt, reason: 'Slutar' });
    expectStatus(res, 200);
    await runJobs(w.t);
    expect(await ended()).toEqual({ grants: [], ownShares: [], heldShares: [], appointments: [] });
    expect((await w.login(id.leo!, 'leo')).status).toBe(201);
    const mails = newMail(w.t, before);
    expect(mails.filter((m) => m.kind === 'leaver-report').map((m) => m.to)).toEqual([emailOf('mr-hr')]);
    expect(mails.filter((m) => m.to === emailOf('leo')).map((m) => m.kind)).toEqual(['permission-changed']);

    await setClock(w.t, iso(Date.parse(effectiveAt) - MINUTE));
    await runJobs(w.t);
    expect(await ended()).toEqual({ grants: [], ownShares: [], heldShares: [], appointments: [] });
    expect((await w.login(id.leo!, 'leo')).status).toBe(201);
  });

  it('R-MEM-6 at the effective time every grant, appointment and share ends, dated at that instant', async () => {
    await setClock(w.t, iso(Date.parse(effectiveAt) + MINUTE));
    await runJobs(w.t);
    const { grants, ownShares, heldShares, appointments } = await ended();
    for (const events of [grants, ownShares, heldShares, appointments]) {
      expect(events.map((e) => [e.data.cause, e.data.occurredAt])).toEqual([['employment-ended', effectiveAt]]);
    }
    expect(heldShares[0]!.data.holderMemberId).toBe(id.leo);
    const denied = await w.login(id.leo!, 'leo');
    expect([denied.status, denied.body.reasons]).toEqual([403, expect.arrayContaining(['EMPLOYMENT_ENDED'])]);
  });
});

describe('R-MEM-7 the last main responsible leaves: nobody logs in until a new one is appointed', () => {
  let w: Awaited<ReturnType<typeof world>>;
  const id: Record<string, string> = {};
  beforeAll(async () => {
    w = await world('mr-last');
    for (const subject of ['adm', 'emp']) id[subject] = await w.member(subject);
    await appointAdministrator(w.t, w.mainResponsible, w.organizationId, { memberId: id.adm!, level: 1 });
    await runJobs(w.t);
  });
  afterAll(() => w.t.close());

  it('R-MEM-7 R-ORG-4 denies every login once the last main responsible\'s employment ended, and alerts the remaining administrator', async () => {
    const before = mailbox(w.t);
    const res = await w.t.http.post(`/v1/organizations/${w.organizationId}/members/${w.mainResponsibleId}/employment-end`).set('authorization', w.operator).send({});
    expectStatus(res, 200);
    for (const subject of ['adm', 'emp']) {
      const denied = await w.login(id[subject]!, subject);
      expect([denied.status, denied.body.reasons]).toEqual([403, expect.arrayContaining(['ORGANIZATION_HEADLESS'])]);
    }
    await runJobs(w.t);
    expect(newMail(w.t, before).filter((m) => m.kind === 'headless').map((m) => m.to)).toEqual([emailOf('adm')]);

    await appointMainResponsible(w.t, w.operator, w.organizationId, { subject: 'mr-next' });
    for (const subject of ['adm', 'emp']) expect((await w.login(id[subject]!, subject)).status).toBe(201);
  });
});

describe('R-SHR-5 a leaver\'s held share is revoked with everything passed on from it, by the process manager', () => {
  let w: Awaited<ReturnType<typeof world>>;
  const id: Record<string, string> = {};
  const shares: string[] = [];
  beforeAll(async () => {
    w = await world('mr-share');
    for (const subject of ['olle', 'bea', 'carl', 'dora']) id[subject] = await w.member(subject);
    const share = async (sharer: string, holder: string, rights: { actions: string[]; grantable?: string[]; authorize?: boolean }) =>
      shares.push(await shareAccess(w.t, await bearer(w.t, sharer), w.organizationId, id.olle!, { resource: 'workspace', memberId: id[holder]!, ...rights }));
    await share('olle', 'bea', PASS_ON);
    await share('bea', 'carl', PASS_ON);
    await share('carl', 'dora', { actions: ['read'] });
  });
  afterAll(() => w.t.close());

  it('R-SHR-5 R-MEM-4 deactivating the first holder revokes the three-level chain on the owner\'s stream, caused by the deactivation', async () => {
    const res = await w.t.http
      .post(`/v1/organizations/${w.organizationId}/members/${id.bea}/deactivation`)
      .set('authorization', w.mainResponsible)
      .set('x-correlation-id', 'bea-leaves')
      .send({ reason: 'Slutat' });
    expectStatus(res, 200);
    await runJobs(w.t);
    const deactivated = (await organizationEvents(w.t, w.organizationId)).find((e) => e.type === 'UserDeactivated')!;
    expect(deactivated.metadata.correlationId).toBe('bea-leaves');

    const revoked = (await memberEvents(w.t, id.olle!)).filter((e) => e.type === 'ShareRevoked');
    expect(revoked.map((e) => e.data.shareId).sort()).toEqual([...shares].sort());
    const grants = (await memberEvents(w.t, id.bea!)).filter((e) => e.type === 'GrantRevoked');
    for (const event of [...revoked, ...grants]) {
      expect(event.data.cause).toBe('deactivated');
      expect(event.metadata).toMatchObject({ actor: 'system:member-endings', causationId: deactivated.id, correlationId: 'bea-leaves' });
    }
    for (const holder of ['carl', 'dora']) {
      const told = mailbox(w.t).filter((m) => m.to === emailOf(holder) && revoked.some((e) => e.id === m.eventId));
      expect(told).toHaveLength(1);
    }
  });

  it('R-NOT-1 after a restart the process manager and the outbox resume from their checkpoints: nothing happens twice', async () => {
    const head = await headPosition(w.t);
    const mails = mailbox(w.t).length;
    w.t = await w.t.restart();
    await runJobs(w.t);
    expect(await headPosition(w.t)).toBe(head);
    expect(mailbox(w.t)).toHaveLength(mails);
  });
});

describe('R-ORD-3 an order not attested within 30 days lapses', () => {
  let w: Awaited<ReturnType<typeof world>>;
  let orderId: string;
  beforeAll(async () => {
    w = await world('mr-order');
    await registerServices(w.t, w.operator, ['archive']);
    const olga = await w.member('olga');
    await issueGrant(w.t, w.mainResponsible, w.organizationId, olga, { role: 'orderer' });
    orderId = await placeOrder(w.t, await bearer(w.t, 'olga'), w.organizationId, { service: 'archive' });
  });
  afterAll(() => w.t.close());

  it('R-ORD-3 lapses at placed + 30 days, not before, with the lapse instant in the history', async () => {
    const stream = `order-${orderId}`;
    await setClock(w.t, iso(addDays(T0, 30) - MINUTE));
    await runJobs(w.t);
    expect((await recorded(w.t, stream)).map((e) => e.type)).toEqual(['OrderPlaced']);
    await setClock(w.t, iso(addDays(T0, 30) + MINUTE));
    expect((await runJobs(w.t))['lapse-orders']).toBe(1);
    const lapsed = (await recorded(w.t, stream)).filter((e) => e.type === 'OrderLapsed');
    expect(lapsed.map((e) => e.data)).toEqual([expect.objectContaining({ occurredAt: iso(addDays(T0, 30)), by: { system: 'lapse-orders' } })]);
    expect((await runJobs(w.t))['lapse-orders']).toBe(0);
  });

  it('R-ORD-5 R-NOT-1 the contact persons are told when the agreement is terminated', async () => {
    const cecilia = await w.member('cecilia');
    await issueGrant(w.t, w.mainResponsible, w.organizationId, cecilia, { role: 'contact-person' });
    await runJobs(w.t);
    const before = mailbox(w.t);
    expectStatus(await w.t.http.post(`/v1/organizations/${w.organizationId}/agreement/termination`).set('authorization', w.operator).send({}), 200);
    await runJobs(w.t);
    expect(newMail(w.t, before).map((m) => [m.to, m.kind])).toEqual([[emailOf('cecilia'), 'agreement-changed']]);
  });
});

describe('R-MEM-2 the invitation e-mail', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world('mr-invite');
    await runJobs(w.t);
  });
  afterAll(() => w.t.close());

  it('R-MEM-2 R-NOT-1 carries the personal message and the code with which the invitee accepts; a resend\'s code replaces it', async () => {
    const body = { type: 'employee', name: 'Nora Ny', email: emailOf('nora'), message: 'Välkommen till Åkeriet!' };
    const nora = await inviteMember(w.t, w.mainResponsible, w.organizationId, body);
    await runJobs(w.t);
    const codeOf = (mail: Parameters<typeof textOf>[0]) => /^Kod: (\S+)$/m.exec(textOf(mail))?.[1];
    const first = mailbox(w.t).filter((m) => m.kind === 'invitation' && m.to === emailOf('nora'));
    expect(first).toHaveLength(1);
    expect(textOf(first[0]!)).toContain('Välkommen till Åkeriet!');
    const firstCode = codeOf(first[0]!);

    await setClock(w.t, iso(T0 + 5 * MINUTE));
    expectStatus(await w.t.http.post(`/v1/organizations/${w.organizationId}/members/${nora}/invitation/resend`).set('authorization', w.mainResponsible).send({ message: 'Påminnelse!' }), 200);
    await runJobs(w.t);
    const resent = newMail(w.t, first).filter((m) => m.kind === 'invitation');
    const code = codeOf(resent[0]!);
    expect([resent.length, code]).toEqual([1, expect.any(String)]);
    expect(code).not.toBe(firstCode);

    const accept = async (token: string | undefined) =>
      w.t.http.post(`/v1/organizations/${w.organizationId}/members/${nora}/invitation/acceptance`).set('authorization', await bearer(w.t, 'nora-eid')).send({ token });
    expect((await accept(firstCode)).status).toBe(404);
    expectStatus(await accept(code), 200);
  });
});
