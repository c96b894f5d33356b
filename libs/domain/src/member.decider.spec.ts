import { spec } from '../../testing/src/decider-spec.js';
import { memberDecider } from './deciders.js';
import type { Actor } from './event.js';
import type { MemberContext } from './member.commands.js';
import type { MemberEvent } from './member.events.js';
import type { OrganizationEvent } from './organization.events.js';
import { actor, by, JOB, memberState, memEv, months, NOW, ORG, orgEv, orgState, PEOPLE, T0, world } from './scenario.fixture.js';

const member = spec(memberDecider);
const now = NOW;
const at = NOW.toISOString();
const anna = PEOPLE.anna.memberId;
const payroll = memEv.grant(anna, 'g-pay', { service: 'payroll' });
const ctx = (who: Actor, orgEvents: OrganizationEvent[] = world(), when = now): MemberContext => ({ now: when, actor: who, organization: orgState(orgEvents) });
const shared: MemberEvent = {
  type: 'AccessShared',
  data: { organizationId: ORG, memberId: anna, shareId: 's1', resource: 'workspace', holderMemberId: PEOPLE.bo.memberId, actions: ['read'], grantable: [], authorize: false, via: 'owner', schemaVersion: 1, occurredAt: T0, by: by('anna') },
};

describe('member decider: logins', () => {
  it('R-LOG-1 records an allowed login', () => {
    member.given([payroll]).when({ type: 'RecordLogin', memberId: anna }, ctx(actor('anna'))).then([
      { type: 'UserLoggedIn', data: { organizationId: ORG, memberId: anna, profileOnly: false, schemaVersion: 1, occurredAt: at, by: by('anna') } },
    ]);
  });

  it('R-LOG-1 records a denied login with every reason instead of refusing the command', () => {
    const headless = [...world(), orgEv.dismissed(PEOPLE.mr.memberId, 'main-responsible', T0)];
    member.given([]).when({ type: 'RecordLogin', memberId: anna }, ctx(actor('anna'), headless)).thenMatch([
      { type: 'LoginDenied', data: { memberId: anna, reasons: ['ORGANIZATION_HEADLESS'] } },
    ]);
    member.given([payroll]).when({ type: 'RecordLogin', memberId: anna }, ctx(actor('bo'))).thenFails('MEMBER_NOT_FOUND');
  });

  it('R-TIME-5 the last login is recorded in the member state', () => {
    const events = member.given([payroll]).when({ type: 'RecordLogin', memberId: anna }, ctx(actor('anna'))).thenMatch([{ type: 'UserLoggedIn' }]);
    expect(memberState([payroll, ...events])).toMatchObject({ lastLoginAt: at, loginCount: 1 });
  });
});

describe('member decider: automatic endings', () => {
  const ended = [...world(), orgEv.employmentEnded(anna, '2025-01-20T00:00:00.000Z', T0)];

  it('R-MEM-6 at the effective time every grant, role and share of the member ends (recorded at that instant)', () => {
    const role = memEv.grant(anna, 'g-att', { role: 'attestant' });
    member.given([payroll, role, shared]).when({ type: 'EndMemberAccess', memberId: anna, cause: 'employment-ended' }, ctx(JOB, ended)).thenMatch([
      { type: 'GrantRevoked', data: { grantId: 'g-pay', cause: 'employment-ended', occurredAt: '2025-01-20T00:00:00.000Z' } },
      { type: 'GrantRevoked', data: { grantId: 'g-att', role: 'attestant', cause: 'employment-ended' } },
      { type: 'ShareRevoked', data: { shareId: 's1', cause: 'employment-ended' } },
    ]);
    member.given([payroll]).when({ type: 'EndMemberAccess', memberId: anna, cause: 'employment-ended' }, ctx(JOB)).thenFails('CAUSE_NOT_ESTABLISHED');
    const future = [...world(), orgEv.employmentEnded(anna, '2025-06-01T00:00:00.000Z', T0)];
    member.given([payroll]).when({ type: 'EndMemberAccess', memberId: anna, cause: 'employment-ended' }, ctx(JOB, future)).thenFails('CAUSE_NOT_ESTABLISHED');
  });

  it('R-MEM-6 shares the leaver holds on others\' resources end too', () => {
    const boLeft = [...world(), orgEv.employmentEnded(PEOPLE.bo.memberId, '2025-01-20T00:00:00.000Z', T0)];
    member.given([shared]).when({ type: 'RevokeHeldShares', memberId: anna, holderMemberId: PEOPLE.bo.memberId, cause: 'employment-ended' }, ctx(JOB, boLeft)).thenMatch([
      { type: 'ShareRevoked', data: { shareId: 's1', holderMemberId: PEOPLE.bo.memberId, cause: 'employment-ended' } },
    ]);
  });

  it('R-MEM-3 access removal ends every grant and role but not the shares of own resources', () => {
    const removed: OrganizationEvent = { type: 'AccessRemoved', data: { organizationId: ORG, memberId: anna, previousType: 'employee', type: 'no-system-access', schemaVersion: 1, occurredAt: T0, by: by('mr') } };
    member.given([payroll, shared]).when({ type: 'EndMemberAccess', memberId: anna, cause: 'access-removed' }, ctx(actor('mr'), [...world(), removed])).thenMatch([
      { type: 'GrantRevoked', data: { grantId: 'g-pay', cause: 'access-removed', by: { subject: PEOPLE.mr.subject } } },
    ]);
  });

  it('R-MEM-4 deactivation ends all access; nothing is left to end a second time', () => {
    const deactivated: OrganizationEvent = { type: 'UserDeactivated', data: { organizationId: ORG, memberId: anna, previousType: 'employee', type: 'person-only', schemaVersion: 1, occurredAt: T0, by: by('mr') } };
    const events = member.given([payroll]).when({ type: 'EndMemberAccess', memberId: anna, cause: 'deactivated' }, ctx(JOB, [...world(), deactivated])).thenMatch([{ type: 'GrantRevoked' }]);
    member.given([payroll, ...events]).when({ type: 'EndMemberAccess', memberId: anna, cause: 'deactivated' }, ctx(JOB, [...world(), deactivated])).thenNothing();
  });

  it('R-MEM-8 an external member\'s grants end at its end date, even before MemberBlocked is written', () => {
    const ext = [...world(), orgEv.invited('m-x', { type: 'external', endsAt: '2025-01-25T00:00:00.000Z' }), orgEv.accepted('m-x', 'sub-x')];
    const grant = memEv.grant('m-x', 'g-x', { service: 'payroll' }, T0, months(T0, 6));
    member.given([grant]).when({ type: 'EndMemberAccess', memberId: 'm-x', cause: 'blocked' }, ctx(JOB, ext)).thenMatch([
      { type: 'GrantRevoked', data: { grantId: 'g-x', cause: 'blocked', occurredAt: '2025-01-25T00:00:00.000Z' } },
    ]);
  });
});
