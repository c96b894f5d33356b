import { spec } from '../../testing/src/decider-spec.js';
import type { MemberContext } from './member.commands.js';
import { memberDecider } from './deciders.js';
import { actor, by, catalog, JOB, memEv, months, NOW, ORG, orgState, PEOPLE, T0, world } from './scenario.fixture.js';
import type { Actor } from './event.js';

const member = spec(memberDecider);
const now = NOW;
const at = NOW.toISOString();
const max = months(at, 36);
const ctx = (who: Actor, extra: Partial<MemberContext> = {}): MemberContext => ({ now, actor: who, organization: orgState(), catalog: catalog(), ...extra });
const anna = PEOPLE.anna.memberId;
const issue = (extra: Record<string, unknown> = {}) => ({ type: 'IssueGrant' as const, memberId: anna, grantIds: ['g1', 'g2', 'g3'], target: { service: 'payroll' }, ...extra });
const annaPayroll = memEv.grant(anna, 'g-pay', { service: 'payroll' }, T0, months(T0, 12));

describe('grants decider', () => {
  describe('R-GRT-1 what a grant gives', () => {
    it('R-GRT-1 issues a service grant, by default valid for the maximum of 36 months', () => {
      member.given([]).when(issue(), ctx(actor('l3hr'))).then([
        {
          type: 'GrantIssued',
          data: { organizationId: ORG, memberId: anna, grantId: 'g1', service: 'payroll', validFrom: at, validUntil: max, schemaVersion: 1, occurredAt: at, by: by('l3hr') },
        },
      ]);
    });

    it('R-GRT-1 a package issues one grant per service; a role grant names the role; employer codes limit a service', () => {
      member.given([]).when(issue({ target: { package: 'base' } }), ctx(actor('mr'))).thenMatch([
        { type: 'GrantIssued', data: { grantId: 'g1', service: 'payroll', package: 'base' } },
        { type: 'GrantIssued', data: { grantId: 'g2', service: 'invoices', package: 'base' } },
      ]);
      member.given([]).when(issue({ target: { role: 'attestant' } }), ctx(actor('mr'))).thenMatch([{ type: 'GrantIssued', data: { role: 'attestant' } }]);
      member.given([]).when(issue({ employerCodes: ['AG-2', 'AG-1'] }), ctx(actor('mr'))).thenMatch([{ type: 'GrantIssued', data: { employerCodes: ['AG-1', 'AG-2'] } }]);
    });

    it('R-GRT-1 refuses unknown services, packages, roles and codes, unsubscribed services and missing ids', () => {
      member.given([]).when(issue({ target: { service: 'nope' } }), ctx(actor('mr'))).thenFails('UNKNOWN_SERVICE');
      member.given([]).when(issue({ target: { service: 'archive' } }), ctx(actor('mr'))).thenFails('SERVICE_NOT_SUBSCRIBED');
      member.given([]).when(issue({ target: { package: 'full' } }), ctx(actor('mr'))).thenFails('SERVICE_NOT_SUBSCRIBED');
      member.given([]).when(issue({ target: { package: 'nope' } }), ctx(actor('mr'))).thenFails('UNKNOWN_PACKAGE');
      member.given([]).when(issue({ target: { role: 'king' } }), ctx(actor('mr'))).thenFails('UNKNOWN_ROLE');
      member.given([]).when(issue({ employerCodes: ['AG-9'] }), ctx(actor('mr'))).thenFails('UNKNOWN_EMPLOYER_CODE');
      member.given([]).when(issue({ target: { package: 'base' }, grantIds: ['g1'] }), ctx(actor('mr'))).thenFails('IDS_MISSING');
      member.given([annaPayroll]).when(issue(), ctx(actor('mr'))).thenFails('ALREADY_EXISTS');
    });

    it('R-GRT-1 refuses grants to members without system access', () => {
      const removed = orgState([...world(), { type: 'AccessRemoved', data: { organizationId: ORG, memberId: anna, previousType: 'employee', type: 'no-system-access', schemaVersion: 1, occurredAt: T0, by: by('mr') } }]);
      member.given([]).when(issue(), ctx(actor('mr'), { organization: removed })).thenFails('NO_SYSTEM_ACCESS');
    });
  });

  describe('R-GRT-2 who issues and revokes', () => {
    it('R-GRT-2 main responsibles, delegates and L1–L3 in scope issue and revoke; L4 cannot', () => {
      for (const who of ['mr', 'delegate', 'l1', 'l1hr', 'l2', 'l3hr'] as const) {
        member.given([]).when(issue(), ctx(actor(who))).thenMatch([{ type: 'GrantIssued' }]);
        member.given([annaPayroll]).when({ type: 'RevokeGrant', memberId: anna, grantId: 'g-pay', reason: 'moved' }, ctx(actor(who))).thenMatch([
          { type: 'GrantRevoked', data: { grantId: 'g-pay', service: 'payroll', cause: 'revoked', reason: 'moved' } },
        ]);
      }
      member.given([]).when(issue(), ctx(actor('l4'))).thenFails('ADMIN_LEVEL_TOO_LOW');
      member.given([annaPayroll]).when({ type: 'RevokeGrant', memberId: anna, grantId: 'g-pay' }, ctx(actor('l4'))).thenFails('ADMIN_LEVEL_TOO_LOW');
      member.given([]).when(issue(), ctx(actor('bo'))).thenFails('NOT_AUTHORIZED');
    });

    it('R-GRT-2 scoped administrators act only on members of their subtree', () => {
      member.given([]).when(issue({ memberId: PEOPLE.bo.memberId }), ctx(actor('l3hr'))).thenFails('OUT_OF_SCOPE');
      member.given([]).when({ type: 'RevokeGrant', memberId: anna, grantId: 'nope' }, ctx(actor('mr'))).thenFails('GRANT_NOT_FOUND');
    });
  });

  describe('R-ADM-5 no self-grants', () => {
    it('R-ADM-5 nobody issues a grant or role to themselves, main responsibles included', () => {
      for (const who of ['mr', 'delegate', 'l1', 'l3hr'] as const) {
        member.given([]).when(issue({ memberId: PEOPLE[who].memberId }), ctx(actor(who))).thenFails('SELF_GRANT_FORBIDDEN');
        member.given([]).when(issue({ memberId: PEOPLE[who].memberId, target: { role: 'attestant' } }), ctx(actor(who))).thenFails('SELF_GRANT_FORBIDDEN');
      }
    });
  });

  describe('R-TIME-1 at most 36 months', () => {
    it('R-TIME-1 refuses a grant valid longer than 36 months from its start, accepts exactly 36', () => {
      member.given([]).when(issue({ validUntil: months(at, 36) }), ctx(actor('mr'))).thenMatch([{ type: 'GrantIssued', data: { validUntil: max } }]);
      member.given([]).when(issue({ validUntil: new Date(Date.parse(max) + 1).toISOString() }), ctx(actor('mr'))).thenFails('VALIDITY_TOO_LONG');
      const from = '2025-06-01T00:00:00.000Z';
      member.given([]).when(issue({ validFrom: from, validUntil: months(from, 36) }), ctx(actor('mr'))).thenMatch([{ type: 'GrantIssued', data: { validFrom: from } }]);
      member.given([]).when(issue({ validFrom: from, validUntil: months(from, 37) }), ctx(actor('mr'))).thenFails('VALIDITY_TOO_LONG');
      member.given([]).when(issue({ validFrom: T0 }), ctx(actor('mr'))).thenFails('INSTANT_IN_PAST');
      member.given([]).when(issue({ validUntil: at }), ctx(actor('mr'))).thenFails('INVALID_VALIDITY');
      member.given([]).when(issue({ validUntil: 'tomorrow' }), ctx(actor('mr'))).thenFails('INVALID_INSTANT');
    });
  });

  describe('R-TIME-3 extensions', () => {
    const mrPayroll = memEv.grant(PEOPLE.mr.memberId, 'g-mr', { service: 'payroll' }, T0, months(T0, 12), by('delegate'));
    const l1Payroll = memEv.grant(PEOPLE.l1.memberId, 'g-l1', { service: 'payroll' }, T0, months(T0, 12));

    it('R-TIME-3 a main responsible extends any grant, its own included, up to 36 months from the extension', () => {
      member.given([annaPayroll]).when({ type: 'ExtendGrant', memberId: anna, grantId: 'g-pay', validUntil: max }, ctx(actor('mr'))).thenMatch([
        { type: 'GrantExtended', data: { grantId: 'g-pay', previousValidUntil: months(T0, 12), validUntil: max } },
      ]);
      member.given([mrPayroll]).when({ type: 'ExtendGrant', memberId: PEOPLE.mr.memberId, grantId: 'g-mr', validUntil: max }, ctx(actor('mr'))).thenMatch([
        { type: 'GrantExtended', data: { validUntil: max, by: by('mr') } },
      ]);
      member.given([mrPayroll]).when({ type: 'ExtendGrant', memberId: PEOPLE.mr.memberId, grantId: 'g-mr', validUntil: months(at, 37) }, ctx(actor('mr'))).thenFails('VALIDITY_TOO_LONG');
    });

    it('R-TIME-3 others extend grants of members in scope but never their own', () => {
      member.given([l1Payroll]).when({ type: 'ExtendGrant', memberId: PEOPLE.l1.memberId, grantId: 'g-l1', validUntil: max }, ctx(actor('l1'))).thenFails('SELF_GRANT_FORBIDDEN');
      member.given([annaPayroll]).when({ type: 'ExtendGrant', memberId: anna, grantId: 'g-pay', validUntil: max }, ctx(actor('l3hr'))).thenMatch([{ type: 'GrantExtended' }]);
      member.given([annaPayroll]).when({ type: 'ExtendGrant', memberId: anna, grantId: 'g-pay', validUntil: max }, ctx(actor('l4'))).thenFails('ADMIN_LEVEL_TOO_LOW');
    });

    it('R-TIME-3 an ended grant cannot be extended', () => {
      const revoked = { type: 'GrantRevoked' as const, data: { organizationId: ORG, memberId: anna, grantId: 'g-pay', service: 'payroll', cause: 'revoked' as const, schemaVersion: 1 as const, occurredAt: T0, by: by('mr') } };
      member.given([annaPayroll, revoked]).when({ type: 'ExtendGrant', memberId: anna, grantId: 'g-pay', validUntil: max }, ctx(actor('mr'))).thenFails('GRANT_ENDED');
    });
  });

  describe('R-TIME-4 expiry', () => {
    it('R-TIME-4 a grant expires by itself; the history shows GrantExpired at its end', () => {
      const short = memEv.grant(anna, 'g-s', { service: 'payroll' }, T0, '2025-01-20T00:00:00.000Z');
      member.given([short]).when({ type: 'ExpireGrant', memberId: anna, grantId: 'g-s' }, ctx(JOB)).then([
        {
          type: 'GrantExpired',
          data: { organizationId: ORG, memberId: anna, grantId: 'g-s', service: 'payroll', validUntil: '2025-01-20T00:00:00.000Z', schemaVersion: 1, occurredAt: '2025-01-20T00:00:00.000Z', by: { system: 'scheduler' } },
        },
      ]);
      member.given([annaPayroll]).when({ type: 'ExpireGrant', memberId: anna, grantId: 'g-pay' }, ctx(JOB)).thenFails('NOT_DUE');
    });
  });

  describe('R-TIME-2 grant reminders', () => {
    it('R-TIME-2 a reminder 30 days before the end is sent once; an extension opens new reminders', () => {
      const nearEnd = new Date(Date.parse(months(T0, 12)) - 20 * 86_400_000);
      const cmd = { type: 'SendGrantReminder' as const, memberId: anna, grantId: 'g-pay', daysBefore: 30 };
      const sent = member.given([annaPayroll]).when(cmd, ctx(JOB, { now: nearEnd })).thenMatch([
        { type: 'ReminderSent', data: { about: 'grant', grantId: 'g-pay', daysBefore: 30, expiresAt: months(T0, 12) } },
      ]);
      member.given([annaPayroll, ...sent]).when(cmd, ctx(JOB, { now: nearEnd })).thenNothing();
      member.given([annaPayroll]).when(cmd, ctx(JOB)).thenFails('NOT_DUE');
    });
  });
});
