import { accessIntervals } from './access-intervals.js';
import type { MemberEvent } from './member.events.js';
import type { OrganizationEvent } from './organization.events.js';
import { by, memberState, memEv, months, ORG, orgEv, orgState, PEOPLE, T0, world } from './scenario.fixture.js';

const anna = PEOPLE.anna.memberId;
const grant = memEv.grant(anna, 'g-pay', { service: 'payroll' }, T0, months(T0, 12));
const intervals = (orgEvents: OrganizationEvent[], memberEvents: MemberEvent[], asOf?: string) =>
  accessIntervals({ organization: orgState(orgEvents), member: memberState(memberEvents), memberId: anna }, { service: 'payroll' }, asOf ? { asOf: new Date(asOf) } : {});

describe('access intervals', () => {
  it('R-TIME-4 a grant gives one interval ending at its expiry; open while it holds at the horizon', () => {
    expect(intervals(world(), [grant])).toEqual([
      { memberId: anna, grantId: 'g-pay', service: 'payroll', from: T0, to: months(T0, 12), grantedBy: by('mr'), endedBy: null, reason: 'GRANT_EXPIRED' },
    ]);
    expect(intervals(world(), [grant], '2025-06-01T00:00:00.000Z')[0]).toMatchObject({ from: T0, to: null, reason: null });
  });

  it('R-MEM-6 ends at the employment end, naming who recorded it', () => {
    const ended = [...world(), orgEv.employmentEnded(anna, '2025-05-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z')];
    expect(intervals(ended, [grant])).toEqual([
      expect.objectContaining({ from: T0, to: '2025-05-01T00:00:00.000Z', endedBy: by('mr'), reason: 'EMPLOYMENT_ENDED' }),
    ]);
  });

  it('R-ORG-4 a headless stretch splits the access; revocation ends it with the revoker', () => {
    const gap = [
      ...world(),
      orgEv.dismissed(PEOPLE.mr.memberId, 'main-responsible', '2025-03-01T00:00:00.000Z'),
      orgEv.registeredMember('m-mr2', 'sub-mr2', 'employee', '2025-04-01T00:00:00.000Z'),
      orgEv.appointed('m-mr2', 'main-responsible', {}, '2025-04-01T00:00:00.000Z'),
    ];
    const revoked: MemberEvent = {
      type: 'GrantRevoked',
      data: { organizationId: ORG, memberId: anna, grantId: 'g-pay', service: 'payroll', cause: 'revoked', schemaVersion: 1, occurredAt: '2025-06-01T00:00:00.000Z', by: by('l2') },
    };
    expect(intervals(gap, [grant, revoked]).map((i) => [i.from, i.to, i.reason, i.endedBy])).toEqual([
      [T0, '2025-03-01T00:00:00.000Z', 'ORGANIZATION_HEADLESS', null],
      ['2025-04-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z', 'GRANT_REVOKED', by('l2')],
    ]);
  });
});
