import { addDays, addMonths, iso, ms } from '@behorighet/domain';
import {
  attemptLogin,
  bearer,
  emailOf,
  expectStatus,
  inviteAndAccept,
  issueGrant,
  organizationWithMainResponsible,
  registerServices,
  setClock,
  startTestApp,
  subscribeServices,
  type TestApp,
} from '@behorighet/testing';
import { headPosition, mailbox, memberEvents, newMail, runJobs, VALID_ORG_NUMBER, type Mail } from './time.support.js';

const T0 = Date.parse('2025-01-01T00:00:00.000Z');
const MINUTE = 60_000;

describe('time and its consequences: a grant of 36 months, its reminders and its expiry (test clock)', () => {
  let t: TestApp;
  let organizationId: string;
  let mainResponsibleId: string;
  let mr: string;
  let annaId: string;
  let grantId: string;
  let validUntil: string;
  let seen: Mail[];

  const reminders = (mails: Mail[]) => mails.filter((m) => m.kind === 'reminder');

  beforeAll(async () => {
    t = await startTestApp({ JOBS_ENABLED: '0' });
    const operator = await bearer(t, 'operator-1', { operator: true });
    await setClock(t, iso(T0));
    ({ organizationId, mainResponsibleId, mainResponsible: mr } = await organizationWithMainResponsible(t, operator, { name: 'Acme AB', orgNumber: VALID_ORG_NUMBER }, 'mr-1'));
    await registerServices(t, operator, ['payroll']);
    await subscribeServices(t, operator, organizationId, ['payroll']);
    annaId = await inviteAndAccept(t, mr, organizationId, { subject: 'anna', name: 'Anna Andersson' });
    await setClock(t, iso(T0 + 60 * MINUTE));
    grantId = await issueGrant(t, mr, organizationId, annaId, { service: 'payroll' });
    validUntil = (await memberEvents(t, annaId)).find((e) => e.type === 'GrantIssued')!.data.validUntil as string;

    // Two months before the grant ends, the main responsible extends its own authority (R-TIME-3), so that the
    // organization keeps a main responsible past the grant's end and only the grant's reminders are due.
    await setClock(t, iso(addDays(ms(validUntil), -60)));
    const extension = await t.http
      .post(`/v1/organizations/${organizationId}/main-responsibles/${mainResponsibleId}/extension`)
      .set('authorization', mr)
      .send({ validUntil: iso(addMonths(addDays(ms(validUntil), -60), 30)) });
    expectStatus(extension, 200);
    await runJobs(t);
    seen = mailbox(t);
  });
  afterAll(() => t?.close());

  it('R-TIME-1 issued the grant for the maximum of 36 months by default', () => {
    expect(validUntil).toBe(iso(addMonths(T0 + 60 * MINUTE, 36)));
  });

  it('R-NOT-1 has e-mailed the invitation and the new grant before any reminder', () => {
    const kinds = seen.filter((m) => m.to === emailOf('anna')).map((m) => m.kind);
    expect(kinds).toEqual(expect.arrayContaining(['invitation', 'permission-changed']));
    expect(reminders(seen)).toEqual([]);
  });

  it('R-TIME-2 30 days before the end: exactly one reminder each to the member and to the main responsible', async () => {
    await setClock(t, iso(addDays(ms(validUntil), -30) + MINUTE));
    const report = await runJobs(t);
    expect(report['send-reminders']).toBe(1);

    const fresh = newMail(t, seen);
    const sent = reminders(fresh);
    expect(sent.map((m) => m.to).sort()).toEqual([emailOf('anna'), emailOf('mr-1')].sort());
    expect(new Set(sent.map((m) => m.eventId)).size).toBe(1);
    const reminder = (await memberEvents(t, annaId)).filter((e) => e.type === 'ReminderSent');
    expect(reminder.map((e) => [e.id, e.data.daysBefore, e.data.grantId])).toEqual([[sent[0]!.eventId, 30, grantId]]);
    expect(reminder[0]!.metadata.actor).toBe('system:send-reminders');
    seen = mailbox(t);

    // Running again the same day sends nothing more (each reminder once).
    await runJobs(t);
    expect(newMail(t, seen)).toEqual([]);
  });

  it('R-TIME-2 7 days before the end: one more reminder each, and still one per window', async () => {
    await setClock(t, iso(addDays(ms(validUntil), -7) + MINUTE));
    await runJobs(t);
    const sent = reminders(newMail(t, seen));
    expect(sent.map((m) => m.to).sort()).toEqual([emailOf('anna'), emailOf('mr-1')].sort());
    const windows = (await memberEvents(t, annaId)).filter((e) => e.type === 'ReminderSent').map((e) => e.data.daysBefore);
    expect(windows).toEqual([30, 7]);
    seen = mailbox(t);
  });

  it('R-TIME-4 past the end: GrantExpired in the history and the audit at the grant\'s end, access and login denied', async () => {
    expect((await attemptLogin(t, organizationId, annaId, 'anna')).status).toBe(201);
    await setClock(t, iso(ms(validUntil) + 5 * MINUTE));
    const report = await runJobs(t);
    expect(report['expire-access']).toBe(1);

    const expired = (await memberEvents(t, annaId)).filter((e) => e.type === 'GrantExpired');
    expect(expired).toHaveLength(1);
    expect(expired[0]!.data).toMatchObject({ grantId, service: 'payroll', validUntil, occurredAt: validUntil, by: { system: 'expire-access' } });
    expect(expired[0]!.metadata.actor).toBe('system:expire-access');

    // The access check (R-READ-5) once its read model has the expiry: allowed until the end, denied from it.
    const minPosition = String(await headPosition(t));
    const check = async (at?: number) => {
      const query = { organizationId, memberId: annaId, service: 'payroll', minPosition, ...(at ? { at: iso(at) } : {}) };
      return expectStatus(await t.http.get('/v1/access-check').query(query).set('authorization', mr), 200).body;
    };
    expect(await check(ms(validUntil) - MINUTE)).toMatchObject({ allowed: true });
    expect(await check()).toMatchObject({ allowed: false });
    // The audit history (R-READ-2) shows the expiry at the grant's end, by the job.
    const audit = await t.http.get(`/v1/organizations/${organizationId}/audit`).query({ memberId: annaId, type: 'GrantExpired', minPosition }).set('authorization', mr);
    expect(expectStatus(audit, 200).body.items).toEqual([
      expect.objectContaining({ type: 'GrantExpired', occurredAt: validUntil, actor: { system: 'expire-access' }, data: expect.objectContaining({ grantId }) }),
    ]);
    const eligibility = await t.http.get(`/v1/organizations/${organizationId}/members/${annaId}/login-eligibility`).set('authorization', await bearer(t, 'anna'));
    expect(eligibility.body).toMatchObject({ allowed: false });
    const denied = await attemptLogin(t, organizationId, annaId, 'anna');
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('LOGIN_DENIED');

    // The member is told that the grant expired.
    const told = newMail(t, seen).filter((m) => m.to === emailOf('anna') && m.kind === 'permission-changed');
    expect(told.map((m) => m.eventId)).toEqual([expired[0]!.id]);
    seen = mailbox(t);
  });

  it('R-TIME-4 running the jobs again changes nothing: no event, no e-mail', async () => {
    const head = await headPosition(t);
    const report = await runJobs(t);
    expect(Object.values(report).every((done) => done === 0)).toBe(true);
    expect(await headPosition(t)).toBe(head);
    expect(newMail(t, seen)).toEqual([]);
  });

  it('R-NOT-1 every e-mail carries its notification id as Message-ID, one file per notification', () => {
    const mails = mailbox(t);
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) expect(mail.messageId).toBe(`<${mail.id}@behorighet.local>`);
  });
});

