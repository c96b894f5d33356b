import { memberEndingOf } from './member-endings.reactions.js';

const base = { organizationId: 'o1', memberId: 'm1', occurredAt: '2025-01-01T00:00:00.000Z' };

describe('what the member-endings process manager reacts to', () => {
  it.each([
    ['AccessRemoved', 'access-removed'],
    ['UserDeactivated', 'deactivated'],
    ['MemberDeleted', 'deleted'],
    ['MemberBlocked', 'blocked'],
  ])('R-MEM-3…8 %s ends the member\'s access with cause %s, effective when it happened', (type, cause) => {
    expect(memberEndingOf(type, base)).toEqual({ organizationId: 'o1', memberId: 'm1', cause, effectiveAt: base.occurredAt });
  });

  it('R-MEM-6 an employment end takes effect at its effective instant, which may lie ahead', () => {
    expect(memberEndingOf('EmploymentEnded', { ...base, effectiveAt: '2025-03-01T00:00:00.000Z' })).toMatchObject({
      cause: 'employment-ended',
      effectiveAt: '2025-03-01T00:00:00.000Z',
    });
  });

  it('ignores every other event', () => {
    for (const type of ['GrantIssued', 'AdminDismissed', 'UserInvited', 'ReminderSent']) expect(memberEndingOf(type, base)).toBeUndefined();
  });
});
