import { decideMember } from './member.decider.js';
import { evolveMember } from './member.evolve.js';
import type { MemberState } from './member.state.js';
import { decideOrganization } from './organization.decider.js';
import { evolveOrganization } from './organization.evolve.js';
import type { OrganizationState } from './organization.state.js';
import { dueWork, type DueWork } from './due-work.js';
import { catalog, JOB, memberState, memEv, months, orgEv, orgState, PEOPLE, T0, world } from './scenario.fixture.js';

const anna = PEOPLE.anna.memberId;

/** Runs every due command as the scheduler would, folding the resulting events into the states. */
function runAll(org: OrganizationState, members: Record<string, MemberState>, now: Date, work: DueWork[]) {
  for (const item of work) {
    if (item.stream === 'organization') {
      org = decideOrganization(item.command, org, { now, actor: JOB }).reduce(evolveOrganization, org);
    } else if (item.stream === 'member') {
      const state = members[item.memberId]!;
      members = { ...members, [item.memberId]: decideMember(item.command, state, { now, actor: JOB, organization: org, catalog: catalog() }).reduce(evolveMember, state) };
    }
  }
  return { org, members };
}

describe('due work', () => {
  const grantSoon = memEv.grant(anna, 'g-pay', { service: 'payroll' }, T0, '2025-02-20T00:00:00.000Z');
  const grantLong = memEv.grant(anna, 'g-inv', { service: 'invoices' }, T0, months(T0, 12));

  it('R-TIME-2 the closest reminder window reached is due once; R-TIME-4 ended grants are due to expire', () => {
    const org = orgState();
    const members = { [anna]: memberState([grantSoon, grantLong]) };
    const at = new Date('2025-02-15T00:00:00Z');
    expect(dueWork(org, members, at)).toEqual([{ stream: 'member', memberId: anna, command: { type: 'SendGrantReminder', memberId: anna, grantId: 'g-pay', daysBefore: 7 } }]);
    const after = new Date('2025-02-21T00:00:00Z');
    expect(dueWork(org, members, after)).toContainEqual({ stream: 'member', memberId: anna, command: { type: 'ExpireGrant', memberId: anna, grantId: 'g-pay' } });
  });

  it('R-MEM-6 R-MEM-8 lists the automatic endings; once run, nothing further is due', () => {
    const events = [
      ...world(),
      orgEv.employmentEnded(PEOPLE.l2.memberId, '2025-02-10T00:00:00.000Z', T0),
      orgEv.invited('m-x', { type: 'external', endsAt: '2025-02-12T00:00:00.000Z' }),
      orgEv.accepted('m-x', 'sub-x'),
      orgEv.employmentEnded(anna, '2025-02-10T00:00:00.000Z', T0),
    ];
    let org = orgState(events);
    let members: Record<string, MemberState> = {
      [anna]: memberState([grantSoon, grantLong]),
      'm-x': memberState([memEv.grant('m-x', 'g-x', { service: 'payroll' })]),
    };
    const now = new Date('2025-02-13T00:00:00Z');
    const work = dueWork(org, members, now);
    expect(work.map((w) => w.command.type).sort()).toEqual(['ApplyEmploymentEnd', 'BlockExternalMember', 'EndMemberAccess', 'EndMemberAccess']);
    ({ org, members } = runAll(org, members, now, work));
    expect(dueWork(org, members, now)).toEqual([]);
    expect(org.appointments.find((a) => a.memberId === PEOPLE.l2.memberId)?.ended).toMatchObject({ cause: 'employment-ended', at: '2025-02-10T00:00:00.000Z' });
    expect(members[anna]!.grants['g-pay']!.revoked).toMatchObject({ cause: 'employment-ended' });
    expect(members['m-x']!.grants['g-x']!.revoked).toMatchObject({ cause: 'blocked', at: '2025-02-12T00:00:00.000Z' });
  });

  it('R-MEM-6 an appointment outlived by its holder\'s employment is dismissed at the employment end, not expired later', () => {
    const events = [
      ...world(),
      orgEv.appointed(anna, 'administrator', { level: 3, validUntil: '2025-03-01T00:00:00.000Z' }),
      orgEv.employmentEnded(anna, '2025-02-10T00:00:00.000Z', T0),
    ];
    let org = orgState(events);
    const now = new Date('2025-03-05T00:00:00Z');
    const work = dueWork(org, {}, now);
    expect(work.map((w) => w.command)).toEqual([{ type: 'ApplyEmploymentEnd', memberId: anna }]);
    ({ org } = runAll(org, {}, now, work));
    expect(org.appointments.findLast((a) => a.memberId === anna)?.ended).toMatchObject({ cause: 'employment-ended', at: '2025-02-10T00:00:00.000Z' });
    expect(dueWork(org, {}, now)).toEqual([]);
  });

  it('R-TIME-2 appointment reminders and expiries', () => {
    const org = orgState([...world(), orgEv.appointed(anna, 'administrator', { level: 3, validUntil: '2025-02-25T00:00:00.000Z' })]);
    expect(dueWork(org, {}, new Date('2025-02-01T00:00:00Z'))).toEqual([
      { stream: 'organization', organizationId: org.organizationId, command: { type: 'SendOrganizationReminder', memberId: anna, about: 'appointment', daysBefore: 30 } },
    ]);
    expect(dueWork(org, {}, new Date('2025-02-26T00:00:00Z'))).toEqual([
      { stream: 'organization', organizationId: org.organizationId, command: { type: 'ExpireAppointment', memberId: anna } },
    ]);
  });
});
