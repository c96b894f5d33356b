/**
 * fast-check generators of organization and member states for comparing access evaluators (not exported from
 * the index). Unlike the command simulation, they reach every combination the evaluators read, including ones no
 * command sequence leaves (a deactivation without its revocations, an unbound subject, a type change at an
 * agreement gap), and put instants on a coarse grid so that many coincide (ties at change points).
 */
import fc from 'fast-check';
import type { By } from './event.js';
import type { Grant, MemberState } from './member.state.js';
import type { Appointment, MemberRecord, OrganizationState } from './organization.state.js';
import { iso } from './time.js';
import type { MemberType } from './vocabulary.js';

export const GRID_START = Date.parse('2025-01-01T00:00:00.000Z');
const STEP = 10 * 86_400_000;
export const MEMBER_IDS = ['m-a', 'm-b', 'm-c', 'm-d'] as const;
/** A main responsible appointed from the start in most organizations (else nearly all would be headless). */
const HEAD = 'm-head';
const TYPES: MemberType[] = ['employee', 'consultant', 'external', 'no-system-access', 'person-only'];

const by = (n: number): By => ({ subject: `sub-${n}`, memberId: `m-by${n}` });
const at = (min: number, max: number) => fc.integer({ min, max }).map((n) => iso(GRID_START + n * STEP));
const instant = at(0, 40);
/** Mostly early (a working organization), sometimes anywhere on the grid. */
const early = fc.oneof({ weight: 6, arbitrary: at(0, 4) }, { weight: 1, arbitrary: instant });
/** Mostly late (validity ends, agreement ends). */
const late = fc.oneof({ weight: 2, arbitrary: at(20, 40) }, { weight: 1, arbitrary: instant });
/** `arb` in `percent` of the cases, else absent. */
const maybe = <T>(arb: fc.Arbitrary<T>, percent = 20) =>
  fc.oneof({ weight: percent, arbitrary: arb }, { weight: 100 - percent, arbitrary: fc.constant(undefined) });
const mark = fc.record({ at: instant, by: fc.nat(3).map(by) });

const record = (memberId: string, marks = 8): fc.Arbitrary<MemberRecord> =>
  fc
    .record({
      registeredAt: early,
      subject: maybe(fc.constant(`sub-${memberId}`), 90),
      boundAt: maybe(early, 85),
      endsAt: maybe(instant, marks),
      employmentEnd: maybe(fc.record({ at: instant, by: fc.nat(3).map(by), effectiveAt: instant }), marks),
      accessRemoved: maybe(mark, marks),
      deactivated: maybe(mark, marks),
      deleted: maybe(mark, marks),
      blocked: maybe(mark, marks),
      types: fc.array(fc.record({ type: fc.constantFrom(...TYPES, 'employee', 'employee', 'consultant'), from: instant }), { minLength: 0, maxLength: 2 }),
      type: fc.constantFrom(...TYPES, 'employee', 'consultant', 'employee', 'employee', 'consultant'),
    })
    .map(({ types, type, ...r }) => {
      const typeHistory = types.sort((a, b) => a.from.localeCompare(b.from));
      return { memberId, name: memberId, type, typeHistory, registeredBy: by(0), ...strip(r) };
    });

const appointment = fc
  .record({
    memberId: fc.constantFrom<string>(...MEMBER_IDS, HEAD, 'm-gone'),
    role: fc.constantFrom('main-responsible' as const, 'main-responsible' as const, 'delegate' as const),
    validFrom: early,
    validUntil: late,
    ended: maybe(fc.record({ at: instant, by: fc.nat(3).map(by), cause: fc.constant('dismissed' as const) }), 30),
  })
  .map((a): Appointment => ({ ...strip(a), appointedAt: a.validFrom, appointedBy: by(0), extensions: [] }));

const headAppointment = fc
  .record({ validFrom: at(0, 2), validUntil: at(25, 40), ended: maybe(fc.record({ at: instant, by: fc.nat(3).map(by), cause: fc.constant('dismissed' as const) }), 15) })
  .map((a): Appointment => ({ memberId: HEAD, role: 'main-responsible', ...strip(a), appointedAt: a.validFrom, appointedBy: by(0), extensions: [] }));

const agreement = fc
  .tuple(at(0, 2), fc.array(fc.record({ from: instant, until: maybe(instant, 60), terminatedBy: maybe(fc.nat(3).map(by), 80) }), { maxLength: 3 }))
  .map(([first, periods]) => [{ from: first } as { from: string; until?: string; terminatedBy?: By }, ...periods].sort((a, b) => a.from.localeCompare(b.from)).map((p, k, all) => strip({ ...p, until: k < all.length - 1 ? (p.until ?? all[k + 1]!.from) : p.until })));

export const organizationState: fc.Arbitrary<OrganizationState> = fc
  .record({
    status: fc.oneof({ weight: 9, arbitrary: fc.constant('registered' as const) }, { weight: 1, arbitrary: fc.constant('unregistered' as const) }),
    registeredAt: early,
    agreement,
    head: maybe(headAppointment, 85),
    appointments: fc.array(appointment, { maxLength: 3 }),
    members: fc.tuple(...MEMBER_IDS.map((id) => maybe(record(id), 90)), record(HEAD, 4)),
    codes: fc.record({ c1: early, c1closed: maybe(instant, 40), c2: instant }),
  })
  .map(({ members, codes, head, appointments, ...o }) => ({
    ...o,
    appointments: head ? [head, ...appointments] : appointments,
    organizationId: 'org-1',
    name: 'Org',
    orgNumber: '556000-0000',
    units: {},
    subscriptions: {},
    reminders: {},
    members: Object.fromEntries(members.flatMap((m) => (m ? [[m.memberId, m]] : []))),
    employerCodes: { c1: { code: 'c1', addedAt: codes.c1, ...(codes.c1closed ? { closedAt: codes.c1closed } : {}) }, c2: { code: 'c2', addedAt: codes.c2 } },
  }));

const grant = (n: number): fc.Arbitrary<Grant> =>
  fc
    .record({
      target: fc.constantFrom({ service: 'payroll' }, { service: 'invoices' }, { role: 'attestant' }),
      employerCodes: maybe(fc.subarray(['c1', 'c2', 'c9']), 40),
      issuedAt: early,
      validFrom: early,
      validUntil: late,
      revoked: maybe(fc.record({ at: instant, by: fc.nat(3).map(by), cause: fc.constant('revoked' as const) }), 25),
      expiredAt: maybe(instant, 15),
      issuedBy: fc.nat(3).map(by),
    })
    .map((g) => ({ grantId: `g-${n % 3}${String.fromCharCode(97 + n)}`, extensions: [], ...strip(g) }));

/** A member's grant stream state: up to six grants, some sharing issue instants (order then falls to the id). */
export const memberState: fc.Arbitrary<MemberState> = fc.array(fc.nat(5), { maxLength: 6 }).chain((ns) =>
  fc.tuple(...[...new Set(ns)].map(grant)).map((grants) => ({ memberId: '', organizationId: 'org-1', grants: Object.fromEntries(grants.map((g) => [g.grantId, g])), shares: {}, loginCount: 0, reminders: {} })),
);

/** The object without its undefined properties (optional fields are absent in state, never undefined). */
function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
