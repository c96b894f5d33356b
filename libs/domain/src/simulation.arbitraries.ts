/**
 * fast-check generators of random command sequences for the property tests (not exported from the index):
 * random actors (weighted towards authorities), self-targeting attempts, operator commands, invitees
 * accepting, scheduler runs, and a clock that advances by days. Instants are built relative to the clock.
 */
import fc from 'fast-check';
import type { Actor } from './event.js';
import type { MemberCommand } from './member.commands.js';
import type { MemberState } from './member.state.js';
import type { OrganizationCommand } from './organization.commands.js';
import { OPERATOR, PEOPLE } from './scenario.fixture.js';
import type { Step } from './simulation.fixture.js';
import { addMonths, iso } from './time.js';
import type { BusinessRole, MemberType } from './vocabulary.js';

export const DAY = 86_400_000;
const NEW = ['n1', 'n2', 'n3'];
const memberIds = [...Object.values(PEOPLE).map((p) => p.memberId), ...NEW];
const subjects = [...Object.values(PEOPLE).map((p) => p.subject), ...NEW.map((n) => `sub-${n}`)];
const units = [undefined, 'u-hr', 'u-pay', 'u-sales'];
const memberTypes: MemberType[] = ['employee', 'consultant', 'external', 'no-system-access', 'person-only'];
const roles: BusinessRole[] = ['attestant', 'orderer', 'contact-person'];

const authorities = [PEOPLE.mr, PEOPLE.delegate, PEOPLE.l1, PEOPLE.l1hr, PEOPLE.l2, PEOPLE.l3hr].map((p) => p.subject);
const person: fc.Arbitrary<Actor> = fc
  .oneof({ weight: 3, arbitrary: fc.constantFrom(...authorities) }, { weight: 2, arbitrary: fc.constantFrom(...subjects) })
  .map((subject) => ({ subject, operator: false }));
const anyActor: fc.Arbitrary<Actor> = fc.oneof({ weight: 8, arbitrary: person }, { weight: 1, arbitrary: fc.constant(OPERATOR) });
const worldPeople = Object.values(PEOPLE).filter((p) => p !== PEOPLE.mr2);
const worldIds = worldPeople.map((p) => p.memberId);
const memberId = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...worldIds) }, { weight: 1, arbitrary: fc.constantFrom(...memberIds) });
const unit = fc.constantFrom(...units);
const advance = fc
  .oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 20 }) }, { weight: 1, arbitrary: fc.integer({ min: 21, max: 120 }) })
  .map((days) => days * DAY);
/** An instant relative to the clock: n months and d days ahead (may exceed the 36-month limit on purpose). */
const ahead = fc.record({
  months: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 36 }) }, { weight: 1, arbitrary: fc.integer({ min: 35, max: 40 }) }),
  days: fc.integer({ min: -2, max: 2 }),
});
const at = (now: Date, a: { months: number; days: number }) => iso(addMonths(+now, a.months) + a.days * DAY);

const orgCommand: fc.Arbitrary<(now: Date) => OrganizationCommand> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ id: fc.constantFrom(...NEW), type: fc.constantFrom(...memberTypes), unit, end: ahead }).map(({ id, type, unit: unitId, end }) => (now: Date) => ({
    type: 'InviteUser' as const,
    memberId: id,
    memberType: type,
    name: id,
    email: type === 'person-only' ? undefined : `${id}@example.se`,
    unitId,
    endsAt: type === 'external' ? at(now, end) : undefined,
  })) },
  { weight: 1, arbitrary: fc.record({ id: memberId, later: fc.integer({ min: 0, max: 60 }) }).map(({ id, later }) => (now: Date) => ({
    type: 'EndEmployment' as const,
    memberId: id,
    effectiveAt: iso(+now + later * DAY),
  })) },
  { weight: 1, arbitrary: memberId.map((id) => () => ({ type: 'RemoveAccess' as const, memberId: id })) },
  { weight: 1, arbitrary: memberId.map((id) => () => ({ type: 'DeactivateUser' as const, memberId: id })) },
  { weight: 1, arbitrary: memberId.map((id) => () => ({ type: 'DeleteMember' as const, memberId: id })) },
  { weight: 4, arbitrary: fc.record({ id: memberId, level: fc.integer({ min: 1, max: 5 }), unit, until: ahead }).map(({ id, level, unit: unitId, until }) => (now: Date) => ({
    type: 'AppointAdministrator' as const,
    memberId: id,
    level,
    unitId,
    validUntil: at(now, until),
  })) },
  { weight: 2, arbitrary: memberId.map((id) => () => ({ type: 'DismissAdministrator' as const, memberId: id })) },
  { weight: 2, arbitrary: memberId.map((id) => () => ({ type: 'AppointDelegate' as const, memberId: id })) },
  { weight: 1, arbitrary: memberId.map((id) => () => ({ type: 'DismissDelegate' as const, memberId: id })) },
  { weight: 3, arbitrary: fc.record({ id: memberId, until: ahead }).map(({ id, until }) => (now: Date) => ({ type: 'ExtendAppointment' as const, memberId: id, validUntil: at(now, until) })) },
);

/** The operator's commands (R-ORG-1, R-ORG-2), plus what a person might try of them. */
const operatorCommand: fc.Arbitrary<(now: Date) => OrganizationCommand> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ subject: fc.constantFrom(...subjects), id: fc.constantFrom('mr-a', 'mr-b'), until: ahead }).map(({ subject, id, until }) => (now: Date) => ({
    type: 'RegisterMainResponsible' as const,
    memberId: id,
    subject,
    name: id,
    email: `${id}@example.se`,
    validUntil: at(now, until),
  })) },
  { weight: 2, arbitrary: memberId.map((id) => () => ({ type: 'DismissMainResponsible' as const, memberId: id })) },
  { weight: 1, arbitrary: fc.constant(() => ({ type: 'TerminateAgreement' as const })) },
  { weight: 2, arbitrary: fc.constant(() => ({ type: 'RenewAgreement' as const })) },
  { weight: 2, arbitrary: fc.record({ id: memberId, later: fc.integer({ min: 0, max: 60 }) }).map(({ id, later }) => (now: Date) => ({ type: 'EndEmployment' as const, memberId: id, effectiveAt: iso(+now + later * DAY) })) },
  { weight: 2, arbitrary: fc.record({ id: memberId, until: ahead }).map(({ id, until }) => (now: Date) => ({ type: 'ExtendAppointment' as const, memberId: id, validUntil: at(now, until) })) },
);

const target = fc.oneof(
  fc.constantFrom('payroll', 'invoices', 'archive').map((service) => ({ service })),
  fc.constantFrom('base').map((pkg) => ({ package: pkg })),
  fc.constantFrom(...roles).map((role) => ({ role })),
);
const grantId = fc.integer({ min: 0, max: 2 }).map((n) => `g${n}`);
type Members = Record<string, MemberState>;
/** A member holding grants (so extensions and revocations meet real grants), else the given one. */
const grantHolder = (members: Members, fallback: string, n: number) => {
  const holders = Object.keys(members).filter((m) => Object.keys(members[m]!.grants).length > 0);
  return holders.length ? holders[n % holders.length]! : fallback;
};
/** One of the member's existing grants, else an unknown id. */
const someGrant = (members: Members, id: string, n: number) => {
  const ids = Object.keys(members[id]?.grants ?? {});
  return ids.length ? ids[n % ids.length]! : `${id}-none`;
};

const memberCommand: fc.Arbitrary<(now: Date, members: Members) => MemberCommand> = fc.oneof(
  fc.record({ id: memberId, ids: fc.tuple(grantId, grantId), target, from: fc.integer({ min: 0, max: 30 }), until: ahead }).map(({ id, ids, target: t, from, until }) => (now: Date) => {
    const validFrom = +now + from * DAY;
    return { type: 'IssueGrant' as const, memberId: id, grantIds: [`${id}-${ids[0]}`, `${id}-${ids[1]}b`], target: t, validFrom: iso(validFrom), validUntil: at(new Date(validFrom), until) };
  }),
  fc.record({ id: memberId, n: fc.nat(), until: ahead }).map(({ id, n, until }) => (now: Date, members: Members) => {
    const owner = grantHolder(members, id, n);
    return { type: 'ExtendGrant' as const, memberId: owner, grantId: someGrant(members, owner, n), validUntil: at(now, until) };
  }),
  fc.record({ id: memberId, n: fc.nat() }).map(({ id, n }) => (_: Date, members: Members) => {
    const owner = grantHolder(members, id, n);
    return { type: 'RevokeGrant' as const, memberId: owner, grantId: someGrant(members, owner, n) };
  }),
  fc.record({ owner: memberId, holder: memberId, n: fc.integer({ min: 0, max: 3 }), resource: fc.constantFrom('address-book' as const, 'workspace' as const), grantable: fc.boolean(), authorize: fc.boolean() }).map(
    ({ owner, holder, n, resource, grantable, authorize }) => () => ({
      type: 'ShareAccess' as const,
      memberId: owner,
      shareId: `${owner}-s${n}-${holder}`,
      resource,
      holderMemberId: holder,
      actions: ['read' as const],
      grantable: grantable ? ['read' as const] : [],
      authorize,
    }),
  ),
);

/** A person acting on itself: the commands R-ADM-5 must refuse (and R-TIME-3 allows a main responsible). */
const selfStep: fc.Arbitrary<Step> = fc
  .record({ who: fc.constantFrom(...worldPeople), kind: fc.constantFrom('grant', 'extend', 'appoint', 'share', 'extend-appointment'), g: grantId, until: ahead, advanceMs: advance })
  .map(({ who, kind, g, until, advanceMs }): Step => {
    const actor = { subject: who.subject, operator: false };
    const id = who.memberId;
    switch (kind) {
      case 'grant':
        return { kind: 'member', actor, advanceMs, command: (now) => ({ type: 'IssueGrant', memberId: id, grantIds: [`${id}-${g}`, `${id}-${g}b`], target: { service: 'payroll' }, validUntil: at(now, until) }) };
      case 'extend':
        return { kind: 'member', actor, advanceMs, command: (now, members) => ({ type: 'ExtendGrant', memberId: id, grantId: someGrant(members, id, g.length), validUntil: at(now, until) }) };
      case 'share':
        return { kind: 'member', actor, advanceMs, command: () => ({ type: 'ShareAccess', memberId: PEOPLE.anna.memberId, shareId: `self-${id}`, resource: 'workspace', holderMemberId: id, actions: ['read'] }) };
      case 'appoint':
        return { kind: 'org', actor, advanceMs, command: (now) => ({ type: 'AppointAdministrator', memberId: id, level: 1, validUntil: at(now, until) }) };
      default:
        return { kind: 'org', actor, advanceMs, command: (now) => ({ type: 'ExtendAppointment', memberId: id, validUntil: at(now, until) }) };
    }
  });

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: selfStep },
  { weight: 5, arbitrary: fc.record({ actor: anyActor, command: orgCommand, advanceMs: advance }).map((s) => ({ kind: 'org' as const, ...s })) },
  { weight: 2, arbitrary: fc.record({ actor: anyActor, command: operatorCommand, advanceMs: advance }).map((s) => ({ kind: 'org' as const, ...s })) },
  {
    weight: 2,
    arbitrary: fc.record({ id: fc.constantFrom(...NEW), advanceMs: advance }).map(({ id, advanceMs }) => ({
      kind: 'org' as const,
      actor: { subject: `sub-${id}`, operator: false },
      command: () => ({ type: 'AcceptInvitation' as const, memberId: id }),
      advanceMs,
    })),
  },
  { weight: 5, arbitrary: fc.record({ actor: anyActor, command: memberCommand, advanceMs: advance }).map((s) => ({ kind: 'member' as const, ...s })) },
  { weight: 2, arbitrary: advance.map((advanceMs) => ({ kind: 'jobs' as const, advanceMs })) },
);
export const scenario = fc.array(step, { minLength: 10, maxLength: 60, size: 'max' });
