import { evolveMember, evolveOrganization, initialMember, initialOrganization, meta, type MemberEvent, type OrganizationEvent, type OrganizationState } from '@behorighet/domain';
import { noticesFor } from './notice-rules.js';

const ORG = 'org-1';
const T0 = '2025-01-01T00:00:00.000Z';
const LATER = '2025-06-01T00:00:00.000Z';
const OPERATOR = { subject: 'op', operator: true as const };
const JOB = { system: 'expire-access' };

type Data = Record<string, unknown>;
const ev = (type: string, data: Data, at = T0, by: object = OPERATOR) =>
  ({ type, data: { organizationId: ORG, ...data, ...meta(by, at) } }) as unknown as OrganizationEvent;

const member = (memberId: string, extra: Data = {}) =>
  ev('MemberRegistered', { memberId, type: 'employee', name: `Name ${memberId}`, email: `${memberId}@example.se`, subject: `sub-${memberId}`, ...extra });
const appointed = (memberId: string, role: string, extra: Data = {}) =>
  ev('AdminAppointed', { memberId, role, validFrom: T0, validUntil: '2027-01-01T00:00:00.000Z', ...extra });

/** An organization with two main responsibles (mr, mr2), an L1 administrator (adm), an employee (anna) and a person-only member without e-mail. */
function world(...more: OrganizationEvent[]): OrganizationEvent[] {
  return [
    ev('OrganizationRegistered', { name: 'Acme AB', orgNumber: '556036-0793' }),
    member('mr'),
    appointed('mr', 'main-responsible'),
    member('mr2'),
    appointed('mr2', 'main-responsible'),
    member('adm'),
    appointed('adm', 'administrator', { level: 1 }),
    member('anna'),
    ev('MemberRegistered', { memberId: 'nomail', type: 'person-only', name: 'No Mail' }),
    ...more,
  ];
}

const fold = (events: OrganizationEvent[]): OrganizationState => events.reduce(evolveOrganization, initialOrganization());

/** The notices of the last event of `events`, judged on the states around it. */
function noticesOfLast(events: OrganizationEvent[]) {
  const before = fold(events.slice(0, -1));
  const last = events[events.length - 1]!;
  return noticesFor(last.type, last.data as never, { before, after: evolveOrganization(before, last) });
}

/** The notices of a member-stream event, with the organization as it is. */
function noticesOfMemberEvent(events: OrganizationEvent[], type: string, data: Data, at = LATER) {
  const org = fold(events);
  return noticesFor(type, { organizationId: ORG, ...data, ...meta(JOB, at) } as never, { before: org, after: org });
}

const recipients = (notices: ReturnType<typeof noticesFor>) => notices.map((n) => `${n.to.email} ${n.facts.kind}`).sort();

describe('who is told what (R-NOT-1)', () => {
  it('R-NOT-1 tells a member of every change to its permissions, and nobody else', () => {
    const notices = noticesOfMemberEvent(world(), 'GrantIssued', { memberId: 'anna', grantId: 'g1', service: 'payroll', validFrom: LATER, validUntil: '2027-06-01T00:00:00.000Z' });
    expect(recipients(notices)).toEqual(['anna@example.se permission-changed']);
    expect(notices[0]!.facts).toMatchObject({ change: 'grant-issued', service: 'payroll', validUntil: '2027-06-01T00:00:00.000Z' });
    expect(notices[0]!.organization).toBe('Acme AB');
  });

  it('R-NOT-1 tells the holder when a share of someone else\'s resource is revoked', () => {
    const notices = noticesOfMemberEvent(world(), 'ShareRevoked', { memberId: 'anna', shareId: 's1', resource: 'workspace', holderMemberId: 'adm', cause: 'deactivated' });
    expect(recipients(notices)).toEqual(['adm@example.se permission-changed']);
    expect(notices[0]!.facts).toMatchObject({ change: 'share-revoked', owner: 'Name anna', resource: 'workspace', cause: 'deactivated' });
  });

  it('R-MEM-2 sends the invitation to the invitee\'s address with the personal message', () => {
    const invited = ev('UserInvited', { memberId: 'new', type: 'employee', name: 'New Person', email: 'new@example.se', message: 'Välkommen!' });
    const notices = noticesOfLast(world(invited));
    expect(notices).toEqual([{ to: { email: 'new@example.se', name: 'New Person' }, organization: 'Acme AB', facts: { kind: 'invitation', organizationId: ORG, memberId: 'new', resent: false, message: 'Välkommen!' } }]);
  });

  it('R-TIME-2 sends a reminder to the member and to every main responsible, once per person', () => {
    const about = { grantId: 'g1', service: 'payroll', about: 'grant', daysBefore: 30, expiresAt: '2025-07-01T00:00:00.000Z' };
    expect(recipients(noticesOfMemberEvent(world(), 'ReminderSent', { memberId: 'anna', ...about }))).toEqual([
      'anna@example.se reminder',
      'mr2@example.se reminder',
      'mr@example.se reminder',
    ]);
    const own = noticesOfMemberEvent(world(), 'ReminderSent', { memberId: 'mr', ...about });
    expect(recipients(own)).toEqual(['mr2@example.se reminder', 'mr@example.se reminder']);
    expect(own.find((n) => n.to.email === 'mr@example.se')!.facts).toMatchObject({ own: true });
  });

  it('R-MEM-6 tells the main responsibles of a leaver (the leaver itself: that its access ends)', () => {
    const notices = noticesOfLast(world(ev('EmploymentEnded', { memberId: 'mr2', effectiveAt: '2025-08-01T00:00:00.000Z', reason: 'Slutar' }, LATER)));
    expect(recipients(notices)).toEqual(['mr2@example.se permission-changed', 'mr@example.se leaver-report']);
    expect(notices.find((n) => n.facts.kind === 'leaver-report')!.facts).toEqual({
      kind: 'leaver-report',
      leaver: 'Name mr2',
      effectiveAt: '2025-08-01T00:00:00.000Z',
      reason: 'Slutar',
    });
  });

  it('R-ORD-5 tells the contact persons of a termination and a renewal of the agreement', () => {
    const contact = [{ type: 'GrantIssued', data: { organizationId: ORG, memberId: 'anna', grantId: 'g', role: 'contact-person', validFrom: T0, validUntil: '2027-01-01T00:00:00.000Z', ...meta(OPERATOR, T0) } }];
    const members = { anna: (contact as unknown as MemberEvent[]).reduce(evolveMember, initialMember()) };
    const terminated = ev('AgreementTerminated', { reason: 'Avtalet upphör' }, LATER);
    const before = fold(world());
    const afterTermination = evolveOrganization(before, terminated);
    const told = noticesFor(terminated.type, terminated.data as never, { before, after: afterTermination, members });
    expect(told).toEqual([
      { to: { email: 'anna@example.se', name: 'Name anna' }, organization: 'Acme AB', facts: { kind: 'agreement-changed', change: 'terminated', at: LATER, reason: 'Avtalet upphör' } },
    ]);
    const renewed = ev('AgreementRenewed', {}, '2025-07-01T00:00:00.000Z');
    const afterRenewal = evolveOrganization(afterTermination, renewed);
    expect(recipients(noticesFor(renewed.type, renewed.data as never, { before: afterTermination, after: afterRenewal, members }))).toEqual([
      'anna@example.se agreement-changed',
    ]);
  });

  it('leaves out members without an e-mail address', () => {
    expect(noticesOfMemberEvent(world(), 'GrantIssued', { memberId: 'nomail', grantId: 'g', service: 'x', validFrom: LATER, validUntil: LATER })).toEqual([]);
  });
});

describe('the headless alert (R-MEM-7, R-ORG-4)', () => {
  const dismissed = (memberId: string, at: string, cause = 'dismissed') => ev('AdminDismissed', { memberId, role: 'main-responsible', cause }, at);

  it('R-MEM-7 alerts the remaining administrators when the last main responsible goes, not before', () => {
    const history = world(dismissed('mr2', LATER));
    expect(noticesOfLast(history).map((n) => n.facts.kind)).toEqual(['permission-changed']);
    const last = noticesOfLast([...history, ev('EmploymentEnded', { memberId: 'mr', effectiveAt: LATER }, LATER)]);
    expect(recipients(last.filter((n) => n.facts.kind === 'headless'))).toEqual(['adm@example.se headless']);
    expect(last.find((n) => n.facts.kind === 'headless')!.key).toBe(`headless:${ORG}:${LATER}`);
  });

  it('R-ORG-4 alerts every active member with an address when no administrator remains either', () => {
    const history = world(dismissed('mr2', LATER), ev('AdminDismissed', { memberId: 'adm', role: 'administrator', level: 1, cause: 'dismissed' }, LATER));
    const notices = noticesOfLast([...history, dismissed('mr', LATER)]);
    expect(recipients(notices.filter((n) => n.facts.kind === 'headless'))).toEqual(
      ['adm', 'anna', 'mr', 'mr2'].map((m) => `${m}@example.se headless`).sort(),
    );
  });

  it('R-ORG-4 alerts when the last authorities expire at their end (one alert: the expiries share its key)', () => {
    const short = (memberId: string) => appointed(memberId, 'main-responsible', { validUntil: LATER });
    const isMrAppointment = (e: OrganizationEvent) => e.type === 'AdminAppointed' && (e.data as { role: string }).role === 'main-responsible';
    const history = [...world().filter((e) => !isMrAppointment(e)), short('mr'), short('mr2')];
    const expired = (memberId: string) => ev('AdminAppointmentExpired', { memberId, role: 'main-responsible', validUntil: LATER }, LATER, JOB);
    const alerts = [noticesOfLast([...history, expired('mr')]), noticesOfLast([...history, expired('mr'), expired('mr2')])].map((notices) =>
      notices.filter((n) => n.facts.kind === 'headless').map((n) => [n.to.email, n.key]),
    );
    expect(alerts).toEqual([
      [['adm@example.se', `headless:${ORG}:${LATER}`]],
      [['adm@example.se', `headless:${ORG}:${LATER}`]],
    ]);
  });

  it('does not alert on an unrelated event in an organization that already was headless', () => {
    const history = world(dismissed('mr2', LATER), dismissed('mr', LATER));
    expect(noticesOfLast([...history, ev('UnitCreated', { unitId: 'u1', name: 'Unit' }, '2025-07-01T00:00:00.000Z')])).toEqual([]);
  });
});
