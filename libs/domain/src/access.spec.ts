import { effectiveAccess, loginEligibility } from './access.js';
import type { MemberEvent } from './member.events.js';
import type { OrganizationEvent } from './organization.events.js';
import { by, memberState, memEv, months, NOW, ORG, orgEv, orgState, PEOPLE, T0, world } from './scenario.fixture.js';

const anna = PEOPLE.anna.memberId;
const payroll = memEv.grant(anna, 'g-pay', { service: 'payroll' }, T0, months(T0, 12));
const limited = memEv.grant(anna, 'g-inv', { service: 'invoices' }, T0, months(T0, 12), by('mr'), ['AG-1']);
const at = (iso: string) => new Date(iso);
const mid = '2025-03-01T00:00:00.000Z';
const memberEvent = (type: string, data: Record<string, unknown>, occurredAt: string) =>
  ({ type, data: { organizationId: ORG, memberId: anna, ...data, schemaVersion: 1, occurredAt, by: by('mr') } }) as OrganizationEvent;

function access(orgEvents: OrganizationEvent[], when: string, service = 'payroll', code?: string, memberEvents: MemberEvent[] = [payroll, limited]) {
  return effectiveAccess({ organization: orgState(orgEvents), member: memberState(memberEvents), memberId: anna }, { service }, code, at(when));
}

describe('effective access', () => {
  it('R-READ-5 allows a member with a valid grant, naming the grant', () => {
    expect(access(world(), mid)).toEqual({ allowed: true, reasons: [], grantIds: ['g-pay'], readOnly: false });
  });

  it('denies outside the grant window and after revocation, with the reason', () => {
    expect(access(world(), months(T0, 12))).toMatchObject({ allowed: false, reasons: ['NO_VALID_GRANT', 'GRANT_EXPIRED'] });
    const revoked: MemberEvent = { type: 'GrantRevoked', data: { organizationId: ORG, memberId: anna, grantId: 'g-pay', service: 'payroll', cause: 'revoked', schemaVersion: 1, occurredAt: mid, by: by('mr') } };
    expect(access(world(), mid, 'payroll', undefined, [payroll, revoked]).reasons).toEqual(['NO_VALID_GRANT', 'GRANT_REVOKED']);
    expect(access(world(), '2025-02-28T00:00:00.000Z', 'payroll', undefined, [payroll, revoked]).allowed).toBe(true);
    expect(access(world(), mid, 'pension').reasons).toEqual(['NO_VALID_GRANT', 'NO_GRANT']);
  });

  it('R-ORG-6 employer-code limits; a closed code stays usable for reading', () => {
    expect(access(world(), mid, 'invoices', 'AG-1')).toMatchObject({ allowed: true, readOnly: false });
    expect(access(world(), mid, 'invoices', 'AG-2')).toMatchObject({ allowed: false, reasons: ['NO_VALID_GRANT', 'EMPLOYER_CODE_NOT_COVERED'] });
    expect(access(world(), mid, 'invoices', 'AG-9')).toMatchObject({ allowed: false, reasons: ['UNKNOWN_EMPLOYER_CODE'] });
    const closed: OrganizationEvent = { type: 'EmployerCodeClosed', data: { organizationId: ORG, code: 'AG-1', schemaVersion: 1, occurredAt: '2025-02-15T00:00:00.000Z', by: by('mr') } };
    expect(access([...world(), closed], mid, 'invoices', 'AG-1')).toEqual({ allowed: true, reasons: ['EMPLOYER_CODE_CLOSED_READ_ONLY'], grantIds: ['g-inv'], readOnly: true });
    expect(access([...world(), closed], '2025-02-14T00:00:00.000Z', 'invoices', 'AG-1').readOnly).toBe(false);
  });

  it('R-ORG-4 a headless or terminated organization gives nobody access', () => {
    const headless = [...world(), orgEv.dismissed(PEOPLE.mr.memberId, 'main-responsible', '2025-02-15T00:00:00.000Z')];
    expect(access(headless, '2025-02-14T00:00:00.000Z').allowed).toBe(true);
    expect(access(headless, mid)).toMatchObject({ allowed: false, reasons: ['ORGANIZATION_HEADLESS'] });
    const terminated = [...world(), orgEv.terminated('2025-02-15T00:00:00.000Z')];
    expect(access(terminated, mid)).toMatchObject({ allowed: false, reasons: ['AGREEMENT_TERMINATED'] });
  });

  it('R-MEM-6 employment end takes effect at its effective time, even before the automatic endings are written', () => {
    const ended = [...world(), orgEv.employmentEnded(anna, '2025-02-20T00:00:00.000Z', '2025-02-01T00:00:00.000Z')];
    expect(access(ended, '2025-02-19T00:00:00.000Z').allowed).toBe(true);
    expect(access(ended, mid)).toMatchObject({ allowed: false, reasons: ['EMPLOYMENT_ENDED'] });
  });

  it('R-MEM-3 R-MEM-4 R-MEM-5 R-MEM-8 access removal, deactivation, deletion and an external end deny access from that instant', () => {
    const t = '2025-02-15T00:00:00.000Z';
    const cases: Array<[OrganizationEvent, string]> = [
      [memberEvent('AccessRemoved', { previousType: 'employee', type: 'no-system-access' }, t), 'ACCESS_REMOVED'],
      [memberEvent('UserDeactivated', { previousType: 'employee', type: 'person-only' }, t), 'MEMBER_DEACTIVATED'],
      [memberEvent('MemberDeleted', {}, t), 'MEMBER_DELETED'],
      [memberEvent('MemberBlocked', { reason: 'external-end-date', endsAt: t }, t), 'MEMBER_BLOCKED'],
    ];
    for (const [event, reason] of cases) {
      expect(access([...world(), event], '2025-02-14T00:00:00.000Z').allowed).toBe(true);
      expect(access([...world(), event], mid).reasons).toEqual([reason]);
    }
    const external = [...world(), orgEv.invited('m-x', { type: 'external', endsAt: t }), orgEv.accepted('m-x', 'sub-x')];
    const x = memberState([memEv.grant('m-x', 'g-x', { service: 'payroll' })]);
    expect(effectiveAccess({ organization: orgState(external), member: x, memberId: 'm-x' }, { service: 'payroll' }, undefined, at(mid)).reasons).toEqual(['EXTERNAL_END_PASSED']);
  });
});

describe('login eligibility', () => {
  const login = (orgEvents: OrganizationEvent[], when: string, memberId: string = anna, memberEvents: MemberEvent[] = [payroll]) =>
    loginEligibility({ organization: orgState(orgEvents), member: memberState(memberEvents), memberId }, at(when));

  it('R-LOG-1 allows a member with a valid grant; an administrator with its appointment alone', () => {
    expect(login(world(), mid)).toEqual({ allowed: true, reasons: [], profileOnly: false });
    expect(login(world(), mid, PEOPLE.l4.memberId, [])).toEqual({ allowed: true, reasons: [], profileOnly: false });
  });

  it('R-LOG-1 denies with every reason', () => {
    const t = '2025-02-15T00:00:00.000Z';
    const many = [
      ...world(),
      orgEv.terminated(t),
      orgEv.dismissed(PEOPLE.mr.memberId, 'main-responsible', t),
      memberEvent('MemberBlocked', { reason: 'external-end-date', endsAt: t }, t),
      orgEv.employmentEnded(anna, t, t),
    ];
    expect(login(many, mid).reasons).toEqual(['AGREEMENT_TERMINATED', 'ORGANIZATION_HEADLESS', 'MEMBER_BLOCKED', 'EMPLOYMENT_ENDED']);
    expect(login(world(), mid, anna, []).reasons).toEqual(['NO_VALID_GRANT']);
    const pending = [...world(), orgEv.invited('m-new')];
    expect(login(pending, mid, 'm-new', [])).toMatchObject({ allowed: false, reasons: ['INVITATION_NOT_ACCEPTED'] });
    const deactivated = [...world(), memberEvent('UserDeactivated', { previousType: 'employee', type: 'person-only' }, t)];
    expect(login(deactivated, mid).reasons).toEqual(['MEMBER_DEACTIVATED', 'PERSON_ONLY']);
    const deleted = [...world(), memberEvent('MemberDeleted', {}, t)];
    expect(login(deleted, mid).reasons).toEqual(['MEMBER_DELETED']);
  });

  it('R-LOG-1 no-system-access members reach their profile only', () => {
    const removed = [...world(), memberEvent('AccessRemoved', { previousType: 'employee', type: 'no-system-access' }, '2025-02-15T00:00:00.000Z')];
    expect(login(removed, mid, anna, [])).toEqual({ allowed: true, reasons: [], profileOnly: true });
    const invitedNoAccess = [...world(), orgEv.invited('m-n', { type: 'no-system-access' }), orgEv.accepted('m-n', 'sub-n')];
    expect(login(invitedNoAccess, mid, 'm-n', [])).toEqual({ allowed: true, reasons: [], profileOnly: true });
  });

  it('R-ORG-4 nobody can log in while headless, until a new main responsible is appointed', () => {
    const headless = [...world(), orgEv.dismissed(PEOPLE.mr.memberId, 'main-responsible', '2025-02-10T00:00:00.000Z')];
    expect(login(headless, mid).reasons).toEqual(['ORGANIZATION_HEADLESS']);
    expect(login(headless, mid, PEOPLE.delegate.memberId, []).reasons).toEqual(['ORGANIZATION_HEADLESS']);
    const healed = [...headless, orgEv.registeredMember('m-mr2', 'sub-mr2', 'employee', '2025-02-20T00:00:00.000Z'), orgEv.appointed('m-mr2', 'main-responsible', {}, '2025-02-20T00:00:00.000Z')];
    expect(login(healed, mid).allowed).toBe(true);
    expect(login(healed, '2025-02-15T00:00:00.000Z').allowed).toBe(false);
  });
});

it('the spec clock NOW lies after the world was set up', () => {
  expect(+NOW).toBeGreaterThan(Date.parse(T0));
});
