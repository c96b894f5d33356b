import fc from 'fast-check';
import { isActiveMember, isBound, memberBySubject } from './member-status.js';
import type { MemberRecord } from './organization.state.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const iso = (days: number) => new Date(T0 + days * 86_400_000).toISOString();

function record(memberId: string, subject: string | undefined, extra: Partial<MemberRecord> = {}): MemberRecord {
  return {
    memberId,
    name: memberId,
    type: 'employee',
    typeHistory: [{ type: 'employee', from: iso(0) }],
    subject,
    boundAt: subject ? iso(1) : undefined,
    registeredAt: iso(0),
    registeredBy: { operator: true },
    ...extra,
  };
}

/** The definition: the first member in roster order bound to the subject and active at the instant. */
const byScan = (members: Record<string, MemberRecord>, subject: string, at: number) =>
  Object.values(members).find((m) => m.subject === subject && isBound(m, at) && isActiveMember(m, at));

describe('memberBySubject (R-ADM-1: who the caller is in an organization)', () => {
  it('finds the bound, active member of a subject, and nobody for an unknown or not yet bound subject', () => {
    const members = { a: record('a', 'alice'), b: record('b', 'bob'), c: record('c', undefined) };
    expect(memberBySubject(members, 'alice', T0 + 2 * 86_400_000)?.memberId).toBe('a');
    expect(memberBySubject(members, 'alice', T0)).toBeUndefined();
    expect(memberBySubject(members, 'carol', T0 + 2 * 86_400_000)).toBeUndefined();
  });

  it('skips a deleted member of the same subject for the active one that follows it', () => {
    const members = { a: record('a', 'alice', { deleted: { at: iso(2), by: { subject: 'x' } } }), b: record('b', 'alice') };
    expect(memberBySubject(members, 'alice', T0 + 1.5 * 86_400_000)?.memberId).toBe('a');
    expect(memberBySubject(members, 'alice', T0 + 3 * 86_400_000)?.memberId).toBe('b');
  });

  it('answers for each roster as it is: a new roster (evolve copies it) sees its new member, the old one does not', () => {
    const before = { a: record('a', 'alice') };
    const at = T0 + 2 * 86_400_000;
    expect(memberBySubject(before, 'bob', at)).toBeUndefined();
    const after = { ...before, b: record('b', 'bob') };
    expect(memberBySubject(after, 'bob', at)?.memberId).toBe('b');
    expect(memberBySubject(before, 'bob', at)).toBeUndefined();
  });

  it('agrees with a scan of the roster for random rosters, subjects and instants', () => {
    const member = fc.record({
      subject: fc.option(fc.constantFrom('s1', 's2', 's3'), { nil: undefined }),
      deletedDay: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(member, { maxLength: 12 }), fc.constantFrom('s1', 's2', 's3', 's4'), fc.integer({ min: 0, max: 6 }), (specs, subject, day) => {
        const members = Object.fromEntries(
          specs.map((s, i) => [
            `m${i}`,
            record(`m${i}`, s.subject, s.deletedDay === undefined ? {} : { deleted: { at: iso(s.deletedDay), by: { subject: 'x' } } }),
          ]),
        );
        const at = T0 + day * 86_400_000;
        expect(memberBySubject(members, subject, at)).toBe(byScan(members, subject, at));
      }),
    );
  });
});
