import fc from 'fast-check';
import { effectiveAccess, type AccessSubject, type AccessTarget } from './access.js';
import { accessIntervals } from './access-intervals.js';
import { referenceAccessIntervals, referenceEffectiveAccess } from './access-intervals.reference.js';
import { GRID_START, MEMBER_IDS, memberState, organizationState } from './access-state.arbitraries.js';
import { organizationTimeline } from './access-timeline.js';
import type { MemberState } from './member.state.js';
import type { OrganizationState } from './organization.state.js';
import { DAY, scenario } from './simulation.arbitraries.js';
import { simulate } from './simulation.fixture.js';

const TARGETS: AccessTarget[] = [{ service: 'payroll' }, { service: 'invoices' }, { service: 'archive' }, { role: 'attestant' }];
const START = Date.parse('2025-01-01T00:00:00.000Z');

type Tally = Map<string | null, number>;

/** Every member given, under each target, horizon and employer code: the intervals against the frozen reference. */
function compareAll(org: OrganizationState, members: Record<string, MemberState>, horizons: Array<number | undefined>, employerCodes: Array<string | undefined>, tally: Tally): void {
  const timeline = organizationTimeline(org);
  for (const [memberId, member] of Object.entries(members)) {
    const subject: AccessSubject = { organization: org, member, memberId };
    for (const target of TARGETS) {
      for (const asOf of horizons) {
        for (const employerCode of employerCodes) {
          const expected = referenceAccessIntervals(subject, target, { asOf, employerCode });
          expect(accessIntervals(subject, target, { asOf, employerCode, timeline })).toEqual(expected);
          expect(accessIntervals(subject, target, { asOf, employerCode })).toEqual(expected);
          for (const { reason } of expected) tally.set(reason, (tally.get(reason) ?? 0) + 1);
        }
      }
    }
  }
}

/** Not vacuous: the runs ended access in each of these ways at least `least` times. */
function expectEndings(tally: Tally, reasons: Array<string | null>, least: number): void {
  for (const reason of reasons) expect([reason, tally.get(reason) ?? 0]).toEqual([reason, expect.any(Number)]);
  for (const reason of reasons) expect([reason, (tally.get(reason) ?? 0) >= least]).toEqual([reason, true]);
}

/** No horizon, or one on the grid (at a change point) or just after it, often late enough for access to have begun. */
const horizon = fc.option(fc.integer({ min: -1, max: 45 }).map((n) => GRID_START + n * 10 * DAY + (n % 3 === 0 ? 1 : 0)), { freq: 3, nil: undefined });

describe('accessIntervals equals the implementation it replaced (access-intervals.reference.ts)', () => {
  it('R-READ-3 R-READ-4 same intervals (from, to, grantedBy, endedBy, reason, order) over simulated command histories', () => {
    const tally: Tally = new Map();
    fc.assert(
      fc.property(scenario, fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 2 }), (steps, samples) => {
        const sim = simulate(steps);
        const span = +sim.now + 60 * DAY - START;
        const horizons = [undefined, ...samples.map((s) => START + Math.floor((span * s) / 1000)), +sim.now];
        compareAll(sim.org, sim.members, horizons, [undefined], tally);
      }),
      { numRuns: 100 },
    );
    expectEndings(tally, [null, 'GRANT_EXPIRED', 'GRANT_REVOKED', 'ORGANIZATION_HEADLESS'], 5);
  });

  it('R-READ-3 R-READ-4 R-ORG-6 same intervals over generated states: every member standing, agreement gaps, heads, employer codes, horizons', () => {
    const tally: Tally = new Map();
    fc.assert(
      fc.property(organizationState, fc.array(memberState, { minLength: 4, maxLength: 4 }), fc.array(horizon, { minLength: 1, maxLength: 2 }), (org, states, horizons) => {
        const members = Object.fromEntries([...MEMBER_IDS, 'm-x'].map((id, k) => [id, states[k % states.length]!]));
        compareAll(org, members, horizons, [undefined, 'c1', 'c2', 'c3'], tally);
      }),
      { numRuns: 100 },
    );
    expectEndings(tally, [null, 'GRANT_EXPIRED', 'GRANT_REVOKED', 'ORGANIZATION_HEADLESS'], 1);
  });

  it('the generated states end access in every way the export reports (a fixed sample, so the check is stable)', () => {
    const tally: Tally = new Map();
    const cases = fc.sample(fc.tuple(organizationState, memberState), { numRuns: 600, seed: 7 });
    for (const [org, member] of cases) {
      for (const memberId of MEMBER_IDS) {
        for (const target of TARGETS) {
          for (const asOf of [undefined, GRID_START + 200 * DAY]) {
            for (const { reason } of accessIntervals({ organization: org, member, memberId }, target, { asOf })) tally.set(reason, (tally.get(reason) ?? 0) + 1);
          }
        }
      }
    }
    const standing = ['EMPLOYMENT_ENDED', 'MEMBER_DEACTIVATED', 'MEMBER_DELETED', 'MEMBER_BLOCKED', 'EXTERNAL_END_PASSED', 'ACCESS_REMOVED', 'NO_SYSTEM_ACCESS'];
    expectEndings(tally, [null, 'GRANT_EXPIRED', 'GRANT_REVOKED', 'ORGANIZATION_HEADLESS', 'AGREEMENT_TERMINATED', ...standing], 1);
  });

  it('the frozen reference answers as effectiveAccess does today (so comparing with it compares with the rules)', () => {
    fc.assert(
      fc.property(organizationState, memberState, fc.array(fc.integer({ min: -1, max: 45 }), { minLength: 6, maxLength: 6 }), (org, member, grid) => {
        for (const memberId of [...MEMBER_IDS, 'm-x']) {
          const subject = { organization: org, member, memberId };
          for (const target of TARGETS) {
            for (const t of grid.map((n) => GRID_START + n * 10 * DAY)) {
              for (const code of [undefined, 'c1', 'c3']) expect(referenceEffectiveAccess(subject, target, code, t)).toEqual(effectiveAccess(subject, target, code, t));
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a timeline built for another organization state', () => {
    const sim = simulate([]);
    const memberId = Object.keys(sim.org.members)[0]!;
    const member: MemberState = { memberId, organizationId: sim.org.organizationId, grants: {}, shares: {}, loginCount: 0, reminders: {} };
    const other = organizationTimeline({ ...sim.org });
    expect(() => accessIntervals({ organization: sim.org, member, memberId }, { service: 'payroll' }, { timeline: other })).toThrow(/another organization/);
  });
});
