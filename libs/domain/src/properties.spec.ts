import fc from 'fast-check';
import { effectiveAccess, loginEligibility } from './access.js';
import { accessIntervals } from './access-intervals.js';
import type { OrganizationState } from './organization.state.js';
import { DAY, scenario } from './simulation.arbitraries.js';
import { simulate, type Simulation } from './simulation.fixture.js';
import { addMonths, ms } from './time.js';

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
