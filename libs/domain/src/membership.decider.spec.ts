import { spec } from '../../testing/src/decider-spec.js';
import { organizationDecider } from './deciders.js';
import { isHeadless } from './headless.js';
import { initialOrganization } from './organization.state.js';
import { actor, by, JOB, months, NOW, OPERATOR, ORG, orgEv, orgState, PEOPLE, T0, world } from './scenario.fixture.js';

const org = spec(organizationDecider);
const now = NOW;
const at = NOW.toISOString();
const later = '2025-03-01T00:00:00.000Z';
const invite = (extra: Record<string, unknown> = {}) => ({
  type: 'InviteUser' as const,
  memberId: 'm-new',
  memberType: 'employee' as const,
  name: 'Nils',
  email: 'Nils@Acme.se',
  unitId: 'u-pay',
  ...extra,
});

describe('membership decider', () => {
  describe('R-MEM-1 member types', () => {
    it('R-MEM-1 invites employees, consultants and no-system-access users; registers person-only members without invitation', () => {
      for (const memberType of ['employee', 'consultant', 'no-system-access'] as const) {
        org.given(world()).when(invite({ memberType }), { now, actor: actor('l3hr') }).thenMatch([
          { type: 'UserInvited', data: { memberId: 'm-new', type: memberType, email: 'nils@acme.se', unitId: 'u-pay', by: by('l3hr') } },
        ]);
      }
      org.given(world()).when(invite({ memberType: 'person-only', email: undefined }), { now, actor: actor('mr') }).thenMatch([
        { type: 'MemberRegistered', data: { memberId: 'm-new', type: 'person-only', name: 'Nils' } },
      ]);
    });

    it('R-MEM-1 an external member must have a future end date', () => {
      org.given(world()).when(invite({ memberType: 'external' }), { now, actor: actor('mr') }).thenFails('EXTERNAL_END_DATE_REQUIRED');
      org.given(world()).when(invite({ memberType: 'external', endsAt: T0 }), { now, actor: actor('mr') }).thenFails('EXTERNAL_END_DATE_REQUIRED');
      org.given(world()).when(invite({ memberType: 'external', endsAt: later }), { now, actor: actor('mr') }).thenMatch([
        { type: 'UserInvited', data: { type: 'external', endsAt: later } },
      ]);
    });

    it('R-MEM-1 a reseller user must be an active member of the reseller\'s organization', () => {
      const reseller = orgState([
        orgEv.registered(T0, undefined, 'org-byra'),
        orgEv.registeredMember('r1', 'sub-r1'),
        orgEv.registeredMember('r2', 'sub-r2'),
        orgEv.employmentEnded('r2', T0, T0),
      ]);
      const cmd = invite({ memberType: 'reseller', resellerOrgId: 'org-byra', subject: 'sub-r1' });
      org.given(world()).when(cmd, { now, actor: actor('mr'), resellerOrganization: reseller }).thenMatch([
        { type: 'UserInvited', data: { type: 'reseller', resellerOrgId: 'org-byra', subject: 'sub-r1' } },
      ]);
      org.given(world()).when({ ...cmd, subject: 'sub-r2' }, { now, actor: actor('mr'), resellerOrganization: reseller }).thenFails('RESELLER_MEMBERSHIP_REQUIRED');
      org.given(world()).when({ ...cmd, subject: 'sub-unknown' }, { now, actor: actor('mr'), resellerOrganization: reseller }).thenFails('RESELLER_MEMBERSHIP_REQUIRED');
      // An id that names no organization (its loaded state is the initial one): nobody is a member of it.
      org.given(world()).when({ ...cmd, resellerOrgId: 'org-none' }, { now, actor: actor('mr'), resellerOrganization: initialOrganization() }).thenFails('RESELLER_MEMBERSHIP_REQUIRED');
    });

    it('R-MEM-1 refuses duplicates, unknown units, out-of-scope units and L4', () => {
      org.given(world()).when(invite({ memberId: PEOPLE.anna.memberId }), { now, actor: actor('mr') }).thenFails('ALREADY_EXISTS');
      org.given(world()).when(invite({ email: 'm-anna@example.se' }), { now, actor: actor('mr') }).thenFails('ALREADY_EXISTS');
      org.given(world()).when(invite({ unitId: 'nope' }), { now, actor: actor('mr') }).thenFails('UNKNOWN_UNIT');
      org.given(world()).when(invite({ unitId: 'u-sales' }), { now, actor: actor('l3hr') }).thenFails('OUT_OF_SCOPE');
      org.given(world()).when(invite(), { now, actor: actor('l4') }).thenFails('ADMIN_LEVEL_TOO_LOW');
      org.given(world()).when(invite(), { now, actor: actor('anna') }).thenFails('NOT_AUTHORIZED');
      org.given(world()).when(invite(), { now, actor: { subject: 'stranger', operator: false } }).thenFails('NOT_A_MEMBER');
    });
  });

  describe('R-MEM-2 invitations', () => {
    const invited = [...world(), orgEv.invited('m-new', { unitId: 'u-pay' })];

    it('R-MEM-2 an invitation can be resent with a new message while open', () => {
      org.given(invited).when({ type: 'ResendInvitation', memberId: 'm-new', message: 'Välkommen!' }, { now, actor: actor('l3hr') }).thenMatch([
        { type: 'InvitationResent', data: { memberId: 'm-new', email: 'm-new@example.se', message: 'Välkommen!' } },
      ]);
      org.given(world()).when({ type: 'ResendInvitation', memberId: PEOPLE.anna.memberId }, { now, actor: actor('mr') }).thenFails('INVITATION_NOT_PENDING');
    });

    it('R-MEM-2 the invitee accepts by logging in, which binds its subject', () => {
      org.given(invited).when({ type: 'AcceptInvitation', memberId: 'm-new', tokenVerified: true }, { now, actor: { subject: 'sub-new', operator: false } }).then([
        { type: 'InvitationAccepted', data: { organizationId: ORG, memberId: 'm-new', subject: 'sub-new', schemaVersion: 1, occurredAt: at, by: { subject: 'sub-new', memberId: 'm-new' } } },
      ]);
      const state = orgState([...invited, orgEv.accepted('m-new', 'sub-new', at)]);
      expect(state.members['m-new']).toMatchObject({ subject: 'sub-new', boundAt: at, invitation: { acceptedAt: at } });
      org.given([...invited, orgEv.accepted('m-new', 'sub-new', at)]).when({ type: 'AcceptInvitation', memberId: 'm-new' }, { now, actor: { subject: 'sub-new', operator: false } }).thenFails('INVITATION_NOT_PENDING');
      org.given(invited).when({ type: 'AcceptInvitation', memberId: 'm-new', tokenVerified: true }, { now, actor: actor('anna') }).thenFails('ALREADY_EXISTS');
      const named = [...world(), orgEv.invited('m-new', { subject: 'sub-named' })];
      org.given(named).when({ type: 'AcceptInvitation', memberId: 'm-new' }, { now, actor: { subject: 'sub-named', operator: false } }).thenMatch([{ type: 'InvitationAccepted' }]);
    });

    it('R-MEM-2 R-SEC-2 only the invitee accepts: the named person, or whoever holds the e-mail’s token; others learn nothing', () => {
      const stranger = { subject: 'sub-stranger', operator: false };
      org.given(invited).when({ type: 'AcceptInvitation', memberId: 'm-new' }, { now, actor: stranger }).thenFails('MEMBER_NOT_FOUND');
      org.given([...invited, orgEv.accepted('m-new', 'sub-new', at)]).when({ type: 'AcceptInvitation', memberId: 'm-new' }, { now, actor: stranger }).thenFails('MEMBER_NOT_FOUND');
      const named = [...world(), orgEv.invited('m-new', { subject: 'sub-named' })];
      org.given(named).when({ type: 'AcceptInvitation', memberId: 'm-new', tokenVerified: true }, { now, actor: stranger }).thenFails('MEMBER_NOT_FOUND');
    });
  });

  describe('R-MEM-3 remove access', () => {
    it('R-MEM-3 the member becomes no-system-access; its appointment ends with it', () => {
      org.given(world()).when({ type: 'RemoveAccess', memberId: PEOPLE.anna.memberId, reason: 'role change' }, { now, actor: actor('l3hr') }).thenMatch([
        { type: 'AccessRemoved', data: { memberId: PEOPLE.anna.memberId, previousType: 'employee', type: 'no-system-access', reason: 'role change' } },
      ]);
      org.given(world()).when({ type: 'RemoveAccess', memberId: PEOPLE.l4.memberId }, { now, actor: actor('mr') }).thenMatch([
        { type: 'AccessRemoved' },
        { type: 'AdminDismissed', data: { memberId: PEOPLE.l4.memberId, cause: 'access-removed' } },
      ]);
      org.given(world()).when({ type: 'RemoveAccess', memberId: PEOPLE.bo.memberId }, { now, actor: actor('l3hr') }).thenFails('OUT_OF_SCOPE');
    });
  });

  describe('R-MEM-4 deactivate', () => {
    it('R-MEM-4 the member becomes person-only and stays referable', () => {
      org.given(world()).when({ type: 'DeactivateUser', memberId: PEOPLE.anna.memberId }, { now, actor: actor('l2') }).thenMatch([
        { type: 'UserDeactivated', data: { previousType: 'employee', type: 'person-only' } },
      ]);
      const state = orgState([...world(), ...org.given(world()).when({ type: 'DeactivateUser', memberId: PEOPLE.anna.memberId }, { now, actor: actor('l2') }).thenMatch([{}])]);
      expect(state.members[PEOPLE.anna.memberId]).toMatchObject({ type: 'person-only', deactivated: { at } });
      org.given(world()).when({ type: 'DeactivateUser', memberId: PEOPLE.l1.memberId }, { now, actor: actor('l2') }).thenFails('ADMIN_LEVEL_TOO_LOW');
    });
  });

  describe('R-MEM-5 delete', () => {
    it('R-MEM-5 the member leaves the list; its record and history stay', () => {
      const events = org.given(world()).when({ type: 'DeleteMember', memberId: PEOPLE.anna.memberId }, { now, actor: actor('mr') }).thenMatch([{ type: 'MemberDeleted' }]);
      const state = orgState([...world(), ...events]);
      expect(state.members[PEOPLE.anna.memberId]).toMatchObject({ name: PEOPLE.anna.memberId, deleted: { at } });
      org.given([...world(), ...events]).when({ type: 'DeleteMember', memberId: PEOPLE.anna.memberId }, { now, actor: actor('mr') }).thenFails('MEMBER_NOT_FOUND');
    });
  });

  describe('R-MEM-6 employment ended', () => {
    it('R-MEM-6 effective now: the appointment ends in the same decision', () => {
      org.given(world()).when({ type: 'EndEmployment', memberId: PEOPLE.l2.memberId, reason: 'quit' }, { now, actor: actor('mr') }).thenMatch([
        { type: 'EmploymentEnded', data: { memberId: PEOPLE.l2.memberId, effectiveAt: at, reason: 'quit' } },
        { type: 'AdminDismissed', data: { memberId: PEOPLE.l2.memberId, cause: 'employment-ended', occurredAt: at } },
      ]);
    });

    it('R-MEM-6 effective at a future date: the job ends the appointment at that time, not before', () => {
      const ended = [...world(), orgEv.employmentEnded(PEOPLE.l2.memberId, later, at)];
      org.given(world()).when({ type: 'EndEmployment', memberId: PEOPLE.l2.memberId, effectiveAt: later }, { now, actor: OPERATOR }).thenMatch([
        { type: 'EmploymentEnded', data: { effectiveAt: later } },
      ]);
      org.given(ended).when({ type: 'ApplyEmploymentEnd', memberId: PEOPLE.l2.memberId }, { now, actor: JOB }).thenFails('NOT_DUE');
      org.given(ended).when({ type: 'ApplyEmploymentEnd', memberId: PEOPLE.l2.memberId }, { now: new Date('2025-03-02T00:00:00Z'), actor: JOB }).thenMatch([
        { type: 'AdminDismissed', data: { cause: 'employment-ended', occurredAt: later, by: { system: 'scheduler' } } },
      ]);
      org.given(world()).when({ type: 'EndEmployment', memberId: PEOPLE.l2.memberId, effectiveAt: T0 }, { now, actor: actor('mr') }).thenFails('INSTANT_IN_PAST');
      org.given(ended).when({ type: 'EndEmployment', memberId: PEOPLE.l2.memberId }, { now: new Date('2025-03-02T00:00:00Z'), actor: actor('mr') }).thenFails('EMPLOYMENT_ALREADY_ENDED');
    });
  });

  describe('R-MEM-7 main responsible leaves', () => {
    it('R-MEM-7 the organization becomes headless when its only main responsible\'s employment ends', () => {
      const ended = [...world(), orgEv.employmentEnded(PEOPLE.mr.memberId, later, at)];
      expect(isHeadless(orgState(ended), NOW)).toBe(false);
      expect(isHeadless(orgState(ended), new Date(later))).toBe(true);
    });

    it('R-MEM-7 …unless another main responsible remains', () => {
      const two = [...world(), orgEv.registeredMember('m-mr2', 'sub-mr2'), orgEv.appointed('m-mr2', 'main-responsible'), orgEv.employmentEnded(PEOPLE.mr.memberId, later, at)];
      expect(isHeadless(orgState(two), new Date(later))).toBe(false);
    });
  });

  describe('R-MEM-8 external end date', () => {
    const ext = [...world(), orgEv.invited('m-ext', { type: 'external', endsAt: later, unitId: 'u-hr' }), orgEv.accepted('m-ext', 'sub-ext'), orgEv.appointed('m-ext', 'administrator', { level: 4 })];

    it('R-MEM-8 an external member is blocked at its end date (recorded at that instant)', () => {
      org.given(ext).when({ type: 'BlockExternalMember', memberId: 'm-ext' }, { now: new Date('2025-03-05T00:00:00Z'), actor: JOB }).thenMatch([
        { type: 'MemberBlocked', data: { memberId: 'm-ext', reason: 'external-end-date', endsAt: later, occurredAt: later } },
        { type: 'AdminDismissed', data: { memberId: 'm-ext', cause: 'blocked', occurredAt: later } },
      ]);
      org.given(ext).when({ type: 'BlockExternalMember', memberId: 'm-ext' }, { now, actor: JOB }).thenFails('NOT_DUE');
      org.given(ext).when({ type: 'BlockExternalMember', memberId: 'm-ext' }, { now: new Date(later), actor: actor('mr') }).thenFails('NOT_AUTHORIZED');
    });

    it('R-TIME-2 reminders before an external end date are sent once, inside their window', () => {
      const in25days = new Date('2025-02-05T00:00:00Z');
      const cmd = { type: 'SendOrganizationReminder' as const, memberId: 'm-ext', about: 'external-end' as const, daysBefore: 30 };
      const sent = org.given(ext).when(cmd, { now: in25days, actor: JOB }).thenMatch([
        { type: 'ReminderSent', data: { memberId: 'm-ext', about: 'external-end', daysBefore: 30, expiresAt: later } },
      ]);
      org.given([...ext, ...sent]).when(cmd, { now: in25days, actor: JOB }).thenNothing();
      org.given(ext).when({ ...cmd, daysBefore: 7 }, { now: in25days, actor: JOB }).thenFails('NOT_DUE');
    });
  });

  it('R-ORG-5 lifecycle commands: administrators do not act on higher authorities, delegates not on main responsibles', () => {
    org.given(world()).when({ type: 'EndEmployment', memberId: PEOPLE.mr.memberId }, { now, actor: actor('l1') }).thenFails('ADMIN_LEVEL_TOO_LOW');
    org.given(world()).when({ type: 'EndEmployment', memberId: PEOPLE.mr.memberId }, { now, actor: actor('delegate') }).thenFails('MAIN_RESPONSIBLE_ONLY');
    org.given(world()).when({ type: 'EndEmployment', memberId: PEOPLE.delegate.memberId }, { now, actor: actor('mr') }).thenMatch([{ type: 'EmploymentEnded' }, { type: 'AdminDismissed' }]);
    expect(months(T0, 1)).toBe('2025-02-01T00:00:00.000Z');
  });
});
