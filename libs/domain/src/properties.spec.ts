import fc from 'fast-check';
import { effectiveAccess, loginEligibility } from './access.js';
import { accessIntervals } from './access-intervals.js';
import type { Actor } from './event.js';
import type { MemberCommand } from './member.commands.js';
import type { MemberState } from './member.state.js';
import type { OrganizationCommand } from './organization.commands.js';
import type { OrganizationState } from './organization.state.js';
import { OPERATOR, PEOPLE } from './scenario.fixture.js';
import { simulate, type Simulation, type Step } from './simulation.fixture.js';
import { addMonths, iso, ms } from './time.js';
import type { BusinessRole, MemberType } from './vocabulary.js';

const DAY = 86_400_000;
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
const scenario = fc.array(step, { minLength: 10, maxLength: 60, size: 'max' });
const RUNS = { numRuns: 400 };

/** R-ADM-2 written out independently: main responsibles and delegates (0) and L1 appoint L1–L4, L2 appoints L3–L4, L3/L4 no one. */
const CEILING: Record<number, number[]> = { 0: [1, 2, 3, 4], 1: [1, 2, 3, 4], 2: [3, 4], 3: [], 4: [] };

/** R-ADM-3 written out independently: the unit or one of its ancestors is the scope (no scope = whole organization). */
function inScope(org: OrganizationState, scope: string | undefined, unitId: string | undefined): boolean {
  const ancestors: string[] = [];
  for (let u = unitId; u !== undefined && !ancestors.includes(u); u = org.units[u]?.parentId) ancestors.push(u);
  return scope === undefined || ancestors.includes(scope);
}

/** The 36-month bound from a start or extension instant. */
const within36 = (start: string, until: string) => ms(until) <= addMonths(ms(start), 36);

describe('properties over random command sequences', () => {
  it('the generated sequences exercise the rules (the properties below are not vacuous)', () => {
    const accepted: Record<string, number> = {};
    const refused: Record<string, number> = {};
    for (const steps of fc.sample(scenario, { numRuns: 100, seed: 42 })) {
      const sim = simulate(steps);
      for (const d of sim.decisions) for (const e of d.events) accepted[e.type] = (accepted[e.type] ?? 0) + 1;
      for (const [code, n] of Object.entries(sim.refusals)) refused[code] = (refused[code] ?? 0) + n;
    }
    for (const type of ['GrantIssued', 'GrantExtended', 'AdminAppointed', 'AdminAppointmentExtended', 'AccessShared', 'EmploymentEnded', 'UserDeactivated', 'MemberDeleted']) {
      expect([type, accepted[type] ?? 0]).toEqual([type, expect.any(Number)]);
      expect(accepted[type]).toBeGreaterThan(0);
    }
    for (const code of ['SELF_GRANT_FORBIDDEN', 'ADMIN_LEVEL_TOO_LOW', 'OUT_OF_SCOPE', 'VALIDITY_TOO_LONG', 'MAIN_RESPONSIBLE_ONLY', 'ORGANIZATION_HEADLESS']) {
      expect(refused[code] ?? 0).toBeGreaterThan(0);
    }
  });

  it('R-TIME-1 R-TIME-3 no accepted sequence yields a grant, role or appointment valid beyond 36 months from its start or last extension', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const sim = simulate(steps);
        for (const { events } of sim.decisions) {
          for (const e of events) {
            if (e.type === 'GrantIssued' || e.type === 'AdminAppointed') expect(within36(e.data.validFrom, e.data.validUntil)).toBe(true);
            if (e.type === 'GrantExtended' || e.type === 'AdminAppointmentExtended') expect(within36(e.data.occurredAt, e.data.validUntil)).toBe(true);
          }
        }
        for (const state of Object.values(sim.members)) {
          for (const g of Object.values(state.grants)) expect(within36(g.extensions.at(-1)?.at ?? g.validFrom, g.validUntil)).toBe(true);
        }
        for (const a of sim.org.appointments) expect(within36(a.extensions.at(-1)?.at ?? a.validFrom, a.validUntil)).toBe(true);
      }),
      RUNS,
    );
  });

  it('R-ADM-5 no accepted command gives its issuer anything, except a main responsible extending its own authority (R-TIME-3)', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const sim = simulate(steps);
        for (const { events, powers } of sim.decisions) {
          for (const e of events) {
            const self = e.data.by.memberId;
            if (self === undefined) continue;
            if (e.type === 'GrantIssued' || e.type === 'AdminAppointed') expect(e.data.memberId).not.toBe(self);
            if (e.type === 'AccessShared') expect(e.data.holderMemberId).not.toBe(self);
            if ((e.type === 'GrantExtended' || e.type === 'AdminAppointmentExtended') && e.data.memberId === self) expect(powers?.role).toBe('main-responsible');
          }
        }
      }),
      RUNS,
    );
  });

  it('R-ADM-2 R-ADM-3 R-ORG-5 no administrator appoints above its ceiling or outside its scope; only main responsibles appoint delegates', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const sim = simulate(steps);
        for (const { events, powers, orgBefore } of sim.decisions) {
          for (const e of events) {
            if (e.type !== 'AdminAppointed' || e.data.by.operator || !powers) continue;
            if (e.data.role === 'delegate') expect(powers.role).toBe('main-responsible');
            if (e.data.role === 'main-responsible') throw new Error('a main responsible appointed by someone other than the operator');
            if (e.data.role === 'administrator') {
              expect(CEILING[powers.role === 'administrator' ? powers.level! : 0]).toContain(e.data.level);
              expect(inScope(orgBefore, powers.scopeUnitId, e.data.unitId)).toBe(true);
              expect(inScope(orgBefore, powers.scopeUnitId, orgBefore.members[e.data.memberId]?.unitId)).toBe(true);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('R-READ-3 R-ORG-4 R-MEM-6 effective access at T never includes a member who left, was deactivated, blocked or deleted before T, or whose organization was headless or terminated at T', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 6, maxLength: 6 }), (steps, samples) => {
        const sim = simulate(steps);
        const start = Date.parse('2025-01-01T00:00:00.000Z');
        const span = +sim.now - start;
        const instants = [...samples.map((s) => start + Math.floor((span * s) / 1000)), ...sim.decisions.slice(-4).map((d) => +d.at)];
        const facts = independentFacts(sim);
        for (const t of instants) {
          for (const [memberId, member] of Object.entries(sim.members)) {
            const subject = { organization: sim.org, member, memberId };
            const blocked = facts.memberEndedBy(memberId, t) || facts.orgDown(t);
            for (const target of [{ service: 'payroll' }, { service: 'invoices' }, { role: 'attestant' }]) {
              if (blocked) expect(effectiveAccess(subject, target, undefined, t).allowed).toBe(false);
            }
            if (blocked) expect(loginEligibility(subject, t).allowed).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });
});

describe('accessIntervals agrees with effectiveAccess', () => {
  it('R-READ-3 at every sampled instant, access holds exactly when the instant lies in one of the member\'s intervals', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 8, maxLength: 8 }), (steps, samples) => {
        const sim = simulate(steps);
        const start = Date.parse('2025-01-01T00:00:00.000Z');
        const end = +sim.now + 400 * DAY;
        for (const [memberId, member] of Object.entries(sim.members)) {
          const subject = { organization: sim.org, member, memberId };
          for (const target of [{ service: 'payroll' }, { role: 'attestant' }]) {
            const intervals = accessIntervals(subject, target);
            const instants = [...samples.map((x) => start + Math.floor(((end - start) * x) / 1000)), ...intervals.flatMap((i) => [ms(i.from), i.to ? ms(i.to) : start])];
            for (const t of instants) {
              const inside = intervals.some((i) => ms(i.from) <= t && (i.to === null || t < ms(i.to)));
              expect([t, effectiveAccess(subject, target, undefined, t).allowed]).toEqual([t, inside]);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** The facts of the property, computed from the event log directly rather than through the evaluators. */
function independentFacts(sim: Simulation) {
  const lastEmploymentEnd = new Map<string, number>();
  const endedAt = new Map<string, number>();
  const terminations: Array<[number, number]> = [];
  let terminatedFrom: number | undefined;
  const mr: Array<{ memberId: string; from: number; until: number }> = [];
  const earliest = (memberId: string, t: number) => endedAt.set(memberId, Math.min(endedAt.get(memberId) ?? Infinity, t));
  for (const e of sim.orgEvents) {
    const t = ms(e.data.occurredAt);
    switch (e.type) {
      case 'EmploymentEnded':
        lastEmploymentEnd.set(e.data.memberId, ms(e.data.effectiveAt));
        break;
      case 'UserDeactivated':
      case 'MemberDeleted':
      case 'MemberBlocked':
        earliest(e.data.memberId, t);
        break;
      case 'UserInvited':
        if (e.data.endsAt) earliest(e.data.memberId, ms(e.data.endsAt));
        break;
      case 'AgreementTerminated':
        terminatedFrom = t;
        break;
      case 'AgreementRenewed':
        if (terminatedFrom !== undefined) terminations.push([terminatedFrom, t]);
        terminatedFrom = undefined;
        break;
      case 'AdminAppointed':
        if (e.data.role === 'main-responsible') mr.push({ memberId: e.data.memberId, from: ms(e.data.validFrom), until: ms(e.data.validUntil) });
        break;
      case 'AdminAppointmentExtended': {
        const open = mr.findLast((a) => a.memberId === e.data.memberId);
        if (open && e.data.role === 'main-responsible') open.until = ms(e.data.validUntil);
        break;
      }
      case 'AdminDismissed':
      case 'AdminAppointmentExpired': {
        const open = mr.findLast((a) => a.memberId === e.data.memberId);
        if (open && e.data.role === 'main-responsible') open.until = Math.min(open.until, t);
        break;
      }
    }
  }
  if (terminatedFrom !== undefined) terminations.push([terminatedFrom, Infinity]);
  const accessRemovedAt = new Map(sim.orgEvents.filter((e) => e.type === 'AccessRemoved').map((e) => [e.data.memberId, ms(e.data.occurredAt)]));
  const memberGone = (memberId: string, t: number) =>
    (lastEmploymentEnd.get(memberId) ?? Infinity) <= t || (endedAt.get(memberId) ?? Infinity) <= t;
  return {
    memberEndedBy: memberGone,
    orgDown: (t: number) =>
      terminations.some(([from, to]) => from <= t && t < to) ||
      !mr.some((a) => a.from <= t && t < a.until && !memberGone(a.memberId, t) && (accessRemovedAt.get(a.memberId) ?? Infinity) > t),
  };
}
