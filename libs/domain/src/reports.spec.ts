import { authoritiesOf, inactiveMembers } from './reports.js';
import { memberState, NOW, orgEv, orgState, PEOPLE, T0, world } from './scenario.fixture.js';
import type { MemberEvent } from './member.events.js';
import { ORG } from './scenario.fixture.js';

describe('reports', () => {
  it('R-ADM-4 every member can see the main responsibles, delegates and administrators in force', () => {
    const list = authoritiesOf(orgState(), NOW);
    expect(list.map((a) => [a.memberId, a.role, a.level ?? null])).toEqual([
      [PEOPLE.mr.memberId, 'main-responsible', null],
      [PEOPLE.delegate.memberId, 'delegate', null],
      [PEOPLE.l1.memberId, 'administrator', 1],
      [PEOPLE.l1hr.memberId, 'administrator', 1],
      [PEOPLE.l2.memberId, 'administrator', 2],
      [PEOPLE.l3hr.memberId, 'administrator', 3],
      [PEOPLE.l4.memberId, 'administrator', 4],
    ]);
    const dismissed = orgState([...world(), orgEv.dismissed(PEOPLE.l4.memberId, 'administrator', T0)]);
    expect(authoritiesOf(dismissed, NOW).map((a) => a.memberId)).not.toContain(PEOPLE.l4.memberId);
  });

  it('R-TIME-5 lists members without login for 18 months and invitations never accepted', () => {
    const org = orgState([...world(), orgEv.invited('m-pending')]);
    const login = (memberId: string, occurredAt: string): MemberEvent => ({
      type: 'UserLoggedIn',
      data: { organizationId: ORG, memberId, profileOnly: false, schemaVersion: 1, occurredAt, by: { subject: 's' } },
    });
    const later = new Date('2026-08-01T00:00:00Z');
    const members = {
      [PEOPLE.anna.memberId]: memberState([login(PEOPLE.anna.memberId, '2026-07-01T00:00:00.000Z')]),
      [PEOPLE.bo.memberId]: memberState([login(PEOPLE.bo.memberId, '2025-01-15T00:00:00.000Z')]),
    };
    const report = inactiveMembers(org, members, later);
    expect(report).toContainEqual({ memberId: PEOPLE.bo.memberId, kind: 'no-login', lastLoginAt: '2025-01-15T00:00:00.000Z' });
    expect(report).toContainEqual({ memberId: 'm-pending', kind: 'invitation-not-accepted', invitedAt: T0 });
    expect(report).toContainEqual({ memberId: PEOPLE.carl.memberId, kind: 'no-login' });
    expect(report.map((r) => r.memberId)).not.toContain(PEOPLE.anna.memberId);
    expect(inactiveMembers(org, members, later, 24).filter((r) => r.kind === 'no-login')).toEqual([]);
  });
});
