import { spec } from '../../testing/src/decider-spec.js';
import { powersOf, unitInScope } from './authority.js';
import { organizationDecider } from './deciders.js';
import { isHeadless } from './headless.js';
import { actor, by, GROUP, JOB, months, NOW, OPERATOR, OPERATOR_BY, ORG, OTHER_ORG, orgEv, orgState, PEOPLE, world } from './scenario.fixture.js';

const org = spec(organizationDecider);
const now = NOW;
const at = NOW.toISOString();
const max = months(at, 36);

describe('administration decider', () => {
  describe('R-ORG-2 main responsibles are registered by the operator', () => {
    const cmd = { type: 'RegisterMainResponsible' as const, memberId: 'm-new', subject: 'sub-new', name: 'Nina', email: 'nina@acme.se' };

    it('R-ORG-2 registers the member and appoints it main responsible for 36 months by default', () => {
      org.given(world()).when(cmd, { now, actor: OPERATOR }).then([
        {
          type: 'MemberRegistered',
          data: { organizationId: ORG, memberId: 'm-new', type: 'employee', name: 'Nina', email: 'nina@acme.se', subject: 'sub-new', schemaVersion: 1, occurredAt: at, by: OPERATOR_BY },
        },
        {
          type: 'AdminAppointed',
          data: { organizationId: ORG, memberId: 'm-new', role: 'main-responsible', validFrom: at, validUntil: max, schemaVersion: 1, occurredAt: at, by: OPERATOR_BY },
        },
      ]);
    });

    it('R-ORG-2 accepts an employer in the same group and refuses one outside it, and non-operators', () => {
      const inGroup = { ...cmd, employedBy: OTHER_ORG };
      org.given(world()).when(inGroup, { now, actor: OPERATOR, employer: { organizationId: OTHER_ORG, groupId: GROUP } }).thenMatch([
        { type: 'MemberRegistered', data: { employedBy: OTHER_ORG } },
        { type: 'AdminAppointed', data: { role: 'main-responsible', employedBy: OTHER_ORG } },
      ]);
      org.given(world()).when(inGroup, { now, actor: OPERATOR, employer: { organizationId: OTHER_ORG, groupId: 'other-group' } }).thenFails('NOT_IN_GROUP');
      org.given(world()).when(inGroup, { now, actor: OPERATOR, employer: { organizationId: OTHER_ORG } }).thenFails('NOT_IN_GROUP');
      org.given(world()).when(cmd, { now, actor: actor('mr') }).thenFails('OPERATOR_ONLY');
      org.given(world()).when(cmd, { now, actor: actor('delegate') }).thenFails('OPERATOR_ONLY');
    });

    it('R-ORG-2 an existing member with an administrator appointment is promoted (the old appointment superseded)', () => {
      org.given(world()).when({ ...cmd, subject: PEOPLE.l2.subject }, { now, actor: OPERATOR }).thenMatch([
        { type: 'AdminDismissed', data: { memberId: PEOPLE.l2.memberId, role: 'administrator', cause: 'superseded' } },
        { type: 'AdminAppointed', data: { memberId: PEOPLE.l2.memberId, role: 'main-responsible' } },
      ]);
      org.given(world()).when({ ...cmd, subject: PEOPLE.mr.subject }, { now, actor: OPERATOR }).thenFails('ALREADY_EXISTS');
    });

    it('R-TIME-1 the main responsible\'s authority is limited to 36 months too', () => {
      org.given(world()).when({ ...cmd, validUntil: months(at, 37) }, { now, actor: OPERATOR }).thenFails('VALIDITY_TOO_LONG');
      org.given(world()).when({ ...cmd, validUntil: max }, { now, actor: OPERATOR }).thenMatch([{ type: 'MemberRegistered' }, { type: 'AdminAppointed', data: { validUntil: max } }]);
    });
  });

  describe('R-ORG-5 delegates', () => {
    it('R-ORG-5 a main responsible registers and removes a delegate', () => {
      org.given(world()).when({ type: 'AppointDelegate', memberId: PEOPLE.anna.memberId }, { now, actor: actor('mr') }).thenMatch([
        { type: 'AdminAppointed', data: { memberId: PEOPLE.anna.memberId, role: 'delegate', validUntil: max, by: by('mr') } },
      ]);
      org.given(world()).when({ type: 'DismissDelegate', memberId: PEOPLE.delegate.memberId }, { now, actor: actor('mr') }).thenMatch([
        { type: 'AdminDismissed', data: { memberId: PEOPLE.delegate.memberId, role: 'delegate', cause: 'dismissed' } },
      ]);
    });

    it('R-ORG-5 a delegate cannot appoint or remove delegates or main responsibles', () => {
      org.given(world()).when({ type: 'AppointDelegate', memberId: PEOPLE.anna.memberId }, { now, actor: actor('delegate') }).thenFails('MAIN_RESPONSIBLE_ONLY');
      org.given(world()).when({ type: 'DismissDelegate', memberId: PEOPLE.delegate.memberId }, { now, actor: actor('delegate') }).thenFails('MAIN_RESPONSIBLE_ONLY');
      org.given(world()).when({ type: 'DismissMainResponsible', memberId: PEOPLE.mr.memberId }, { now, actor: actor('delegate') }).thenFails('OPERATOR_ONLY');
      org.given(world()).when({ type: 'AppointAdministrator', memberId: PEOPLE.delegate.memberId, level: 3 }, { now, actor: actor('l1') }).thenFails('MAIN_RESPONSIBLE_ONLY');
    });

    it('R-ORG-5 a delegate cannot remove a main responsible or a delegate through their lifecycle either', () => {
      for (const type of ['EndEmployment', 'DeactivateUser', 'RemoveAccess', 'DeleteMember'] as const) {
        org.given(world()).when({ type, memberId: PEOPLE.mr.memberId }, { now, actor: actor('delegate') }).thenFails('MAIN_RESPONSIBLE_ONLY');
      }
      org.given(world()).when({ type: 'EndEmployment', memberId: PEOPLE.l1.memberId }, { now, actor: actor('delegate') }).thenMatch([{ type: 'EmploymentEnded' }, { type: 'AdminDismissed' }]);
      org.given(world()).when({ type: 'EndEmployment', memberId: PEOPLE.delegate.memberId }, { now, actor: actor('mr') }).thenMatch([{ type: 'EmploymentEnded' }, { type: 'AdminDismissed' }]);
    });

    it('R-ORG-5 the delegate has the main responsible\'s powers inside the system', () => {
      const powers = powersOf(orgState(), PEOPLE.delegate.subject, NOW);
      expect(powers).toMatchObject({ role: 'delegate', scopeUnitId: undefined });
      org.given(world()).when({ type: 'AppointAdministrator', memberId: PEOPLE.anna.memberId, level: 1 }, { now, actor: actor('delegate') }).thenMatch([
        { type: 'AdminAppointed', data: { role: 'administrator', level: 1 } },
      ]);
    });
  });

  describe('R-ADM-1/2 appointment by level', () => {
    const appointAnna = (level: number, unitId?: string) => ({ type: 'AppointAdministrator' as const, memberId: PEOPLE.carl.memberId, level, ...(unitId ? { unitId } : {}) });

    it('R-ADM-1 main responsibles and delegates appoint and dismiss administrators at any level', () => {
      for (const who of ['mr', 'delegate'] as const) {
        for (const level of [1, 2, 3, 4]) {
          org.given(world()).when(appointAnna(level), { now, actor: actor(who) }).thenMatch([{ type: 'AdminAppointed', data: { level } }]);
        }
        org.given(world()).when({ type: 'DismissAdministrator', memberId: PEOPLE.l1.memberId }, { now, actor: actor(who) }).thenMatch([
          { type: 'AdminDismissed', data: { memberId: PEOPLE.l1.memberId, level: 1 } },
        ]);
      }
    });

    it('R-ADM-2 L1 appoints L1–L4; L2 only L3–L4; L3 and L4 appoint no one', () => {
      for (const level of [1, 2, 3, 4]) org.given(world()).when(appointAnna(level), { now, actor: actor('l1') }).thenMatch([{ type: 'AdminAppointed' }]);
      for (const level of [1, 2]) org.given(world()).when(appointAnna(level), { now, actor: actor('l2') }).thenFails('ADMIN_LEVEL_TOO_LOW');
      for (const level of [3, 4]) org.given(world()).when(appointAnna(level), { now, actor: actor('l2') }).thenMatch([{ type: 'AdminAppointed' }]);
      org.given(world()).when(appointAnna(4, 'u-hr'), { now, actor: actor('l3hr') }).thenFails('ADMIN_LEVEL_TOO_LOW');
      org.given(world()).when(appointAnna(4), { now, actor: actor('l4') }).thenFails('ADMIN_LEVEL_TOO_LOW');
      org.given(world()).when(appointAnna(4), { now, actor: actor('bo') }).thenFails('NOT_AUTHORIZED');
      org.given(world()).when(appointAnna(5), { now, actor: actor('mr') }).thenFails('INVALID_LEVEL');
      org.given(world()).when({ type: 'DismissAdministrator', memberId: PEOPLE.l1.memberId }, { now, actor: actor('l2') }).thenFails('ADMIN_LEVEL_TOO_LOW');
    });
  });

  describe('R-ADM-3 scope', () => {
    it('R-ADM-3 a unit-scoped administrator appoints only members of its subtree, with a scope inside its own', () => {
      org.given(world()).when({ type: 'AppointAdministrator', memberId: PEOPLE.anna.memberId, level: 2, unitId: 'u-pay' }, { now, actor: actor('l1hr') }).thenMatch([
        { type: 'AdminAppointed', data: { unitId: 'u-pay', level: 2 } },
      ]);
      org.given(world()).when({ type: 'AppointAdministrator', memberId: PEOPLE.anna.memberId, level: 2 }, { now, actor: actor('l1hr') }).thenFails('OUT_OF_SCOPE');
      org.given(world()).when({ type: 'AppointAdministrator', memberId: PEOPLE.bo.memberId, level: 2, unitId: 'u-hr' }, { now, actor: actor('l1hr') }).thenFails('OUT_OF_SCOPE');
      org.given(world()).when({ type: 'AppointAdministrator', memberId: PEOPLE.anna.memberId, level: 2, unitId: 'u-sales' }, { now, actor: actor('l1hr') }).thenFails('OUT_OF_SCOPE');
    });

    it('R-ADM-3 an administrator dismisses only administrators whose member and scope both lie in its own scope', () => {
      const outside = [...world(), orgEv.appointed(PEOPLE.bo.memberId, 'administrator', { level: 3, unitId: 'u-pay' })];
      org.given(outside).when({ type: 'DismissAdministrator', memberId: PEOPLE.bo.memberId }, { now, actor: actor('l1hr') }).thenFails('OUT_OF_SCOPE');
      const inside = [...world(), orgEv.appointed(PEOPLE.anna.memberId, 'administrator', { level: 3, unitId: 'u-pay' })];
      org.given(inside).when({ type: 'DismissAdministrator', memberId: PEOPLE.anna.memberId }, { now, actor: actor('l1hr') }).thenMatch([{ type: 'AdminDismissed' }]);
    });

    it('R-ADM-3 unitInScope walks the unit tree', () => {
      const state = orgState();
      expect(unitInScope(state, undefined, undefined)).toBe(true);
      expect(unitInScope(state, 'u-hr', 'u-pay')).toBe(true);
      expect(unitInScope(state, 'u-hr', 'u-hr')).toBe(true);
      expect(unitInScope(state, 'u-pay', 'u-hr')).toBe(false);
      expect(unitInScope(state, 'u-hr', 'u-sales')).toBe(false);
      expect(unitInScope(state, 'u-hr', undefined)).toBe(false);
    });
  });

  describe('R-ADM-5 nobody appoints themselves', () => {
    it('R-ADM-5 refuses an administrator or delegate appointment of the caller itself', () => {
      org.given(world()).when({ type: 'AppointAdministrator', memberId: PEOPLE.l1.memberId, level: 1 }, { now, actor: actor('l1') }).thenFails('SELF_GRANT_FORBIDDEN');
      org.given(world()).when({ type: 'AppointDelegate', memberId: PEOPLE.mr.memberId }, { now, actor: actor('mr') }).thenFails('SELF_GRANT_FORBIDDEN');
    });
  });

  describe('R-TIME-3 extending authority', () => {
    const extend = (memberId: string, validUntil: string) => ({ type: 'ExtendAppointment' as const, memberId, validUntil });

    it('R-TIME-3 a main responsible extends its own authority, up to 36 months from the extension', () => {
      org.given(world()).when(extend(PEOPLE.mr.memberId, max), { now, actor: actor('mr') }).thenMatch([
        { type: 'AdminAppointmentExtended', data: { memberId: PEOPLE.mr.memberId, role: 'main-responsible', previousValidUntil: months('2025-01-01T00:00:00.000Z', 36), validUntil: max } },
      ]);
      org.given(world()).when(extend(PEOPLE.mr.memberId, months(at, 37)), { now, actor: actor('mr') }).thenFails('VALIDITY_TOO_LONG');
    });

    it('R-TIME-3 others never extend their own authority; delegates extend administrators', () => {
      org.given(world()).when(extend(PEOPLE.delegate.memberId, max), { now, actor: actor('delegate') }).thenFails('SELF_GRANT_FORBIDDEN');
      org.given(world()).when(extend(PEOPLE.l1.memberId, max), { now, actor: actor('l1') }).thenFails('SELF_GRANT_FORBIDDEN');
      org.given(world()).when(extend(PEOPLE.mr.memberId, max), { now, actor: actor('delegate') }).thenFails('MAIN_RESPONSIBLE_ONLY');
      org.given(world()).when(extend(PEOPLE.l2.memberId, max), { now, actor: actor('delegate') }).thenMatch([{ type: 'AdminAppointmentExtended' }]);
      org.given(world()).when(extend(PEOPLE.delegate.memberId, max), { now, actor: actor('mr') }).thenMatch([{ type: 'AdminAppointmentExtended' }]);
    });

    it('R-TIME-3 an extension that names a role extends only an appointment of that role', () => {
      org.given(world()).when({ ...extend(PEOPLE.l2.memberId, max), role: 'administrator' }, { now, actor: actor('mr') }).thenMatch([{ type: 'AdminAppointmentExtended' }]);
      org.given(world()).when({ ...extend(PEOPLE.l2.memberId, max), role: 'main-responsible' }, { now, actor: actor('mr') }).thenFails('APPOINTMENT_NOT_FOUND');
      org.given(world()).when({ ...extend(PEOPLE.delegate.memberId, max), role: 'administrator' }, { now, actor: actor('mr') }).thenFails('APPOINTMENT_NOT_FOUND');
    });

    it('R-TIME-1 an appointment expires at its end: the job records it at that instant, not before', () => {
      const short = [...world(), orgEv.appointed(PEOPLE.anna.memberId, 'administrator', { level: 3, validUntil: '2025-01-20T00:00:00.000Z' })];
      org.given(short).when({ type: 'ExpireAppointment', memberId: PEOPLE.anna.memberId }, { now, actor: JOB }).thenMatch([
        { type: 'AdminAppointmentExpired', data: { memberId: PEOPLE.anna.memberId, occurredAt: '2025-01-20T00:00:00.000Z' } },
      ]);
      org.given(world()).when({ type: 'ExpireAppointment', memberId: PEOPLE.l1.memberId }, { now, actor: JOB }).thenFails('NOT_DUE');
    });
  });

  it('R-ORG-4 when the only main responsible\'s authority has expired, nobody holds powers', () => {
    const expiring = [orgEv.registered(), orgEv.registeredMember('a', 'sa'), orgEv.appointed('a', 'main-responsible', { validUntil: '2025-01-15T00:00:00.000Z' })];
    const state = orgState(expiring);
    expect(isHeadless(state, NOW)).toBe(true);
    const powers = powersOf(state, 'sa', NOW);
    expect(powers).toMatchObject({ memberId: 'a', blockedBy: ['ORGANIZATION_HEADLESS'] });
    expect(powers.role).toBeUndefined();
    org.given(expiring).when({ type: 'ExtendAppointment', memberId: 'a', validUntil: max }, { now, actor: { subject: 'sa', operator: false } }).thenFails('ORGANIZATION_HEADLESS');
  });
});
