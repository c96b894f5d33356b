import type { By, EndCause, MemberEvent } from '@behorighet/domain';
import fc from 'fast-check';

/** Random grant histories of one organization, for the property tests of the grant histories (test support). */

const DAY = 86_400_000;
const T0 = Date.parse('2025-01-01T00:00:00.000Z');
const CAUSES: EndCause[] = ['revoked', 'employment-ended', 'access-removed', 'deactivated', 'deleted', 'blocked'];
const TARGETS = [{ service: 'payroll' }, { service: 'invoices' }, { service: 'pension' }, { role: 'attestant' }, { role: 'signatory' }] as const;

/** Every shape an actor takes in events, and a few it should not but might. */
export function actors(memberIds: readonly string[]): By[] {
  return [
    { subject: 'sub-mr', memberId: memberIds[0] as string },
    { subject: 'sub-2', memberId: memberIds[1] as string },
    { subject: 'sub-uuid', memberId: '9b2f4c1e-7a3d-4e8b-9c6f-1d2e3f4a5b6c' },
    { subject: 'operator-1', operator: true },
    { subject: 'sub-op', memberId: memberIds[2] as string, operator: true },
    { system: 'scheduler' },
    { system: 'expire-access' },
    { memberId: memberIds[0] as string, subject: 'sub-mr' },
    { subject: 'sub-only' },
  ];
}

/** An instant: a canonical ISO string mostly, now and then another spelling of one (kept as it is). */
const spelling = (ms: number, odd: boolean) => (odd ? new Date(ms).toISOString().replace('.000Z', 'Z') : new Date(ms).toISOString());

const step = fc.record({
  kind: fc.constantFrom('issue', 'issue', 'issue', 'extend', 'revoke', 'expire'),
  grant: fc.nat({ max: 11 }),
  member: fc.nat({ max: 20 }),
  target: fc.nat({ max: TARGETS.length - 1 }),
  actor: fc.nat({ max: 20 }),
  /** After the previous event: milliseconds or whole days, now and then backwards. */
  gap: fc.oneof(fc.integer({ min: -DAY, max: 40 * DAY }), fc.integer({ min: -2, max: 60 }).map((days) => days * DAY)),
  span: fc.oneof(fc.integer({ min: 1, max: 900 }).map((days) => days * DAY), fc.integer({ min: -DAY, max: 1000 * DAY })),
  from: fc.option(fc.integer({ min: -10 * DAY, max: 30 * DAY }), { nil: undefined }),
  oddInstant: fc.nat({ max: 9 }).map((n) => n === 0),
  codes: fc.option(fc.subarray(['AG-1', 'AG-2', 'AG-3'], { minLength: 1 }), { nil: undefined, freq: 3 }),
  pkg: fc.option(fc.constantFrom('base', 'full'), { nil: undefined, freq: 4 }),
  cause: fc.nat({ max: CAUSES.length - 1 }),
  reason: fc.option(fc.constantFrom('no longer needed', 'left the company', 'Åtkomst återkallad – "byte" av roll\n'), { nil: undefined }),
});

/**
 * Grant events of organization `organizationId` among `memberIds`: issues (some re-using a grant id, some
 * with ids that are not UUIDs), extensions, revocations and expiries, mostly of grants issued before,
 * under the target and member they were issued to; now and then of a grant never issued.
 */
export function grantHistories(organizationId: string, memberIds: readonly string[], grantIds: readonly string[]): fc.Arbitrary<MemberEvent[]> {
  const by = actors(memberIds);
  return fc.array(step, { minLength: 1, maxLength: 60 }).map((steps) => {
    const issued = new Map<string, { memberId: string; target: (typeof TARGETS)[number] }>();
    const events: MemberEvent[] = [];
    let clock = T0;
    for (const s of steps) {
      clock += s.gap;
      const grantId = grantIds[s.grant % grantIds.length] as string;
      const occurredAt = spelling(clock, s.oddInstant);
      const meta = { schemaVersion: 1 as const, occurredAt, by: by[s.actor % by.length] as By };
      if (s.kind === 'issue') {
        const memberId = memberIds[s.member % memberIds.length] as string;
        const target = TARGETS[s.target] as (typeof TARGETS)[number];
        const validFrom = s.from === undefined ? occurredAt : spelling(clock + s.from, false);
        const validUntil = spelling(Date.parse(validFrom) + s.span, false);
        issued.set(grantId, { memberId, target });
        events.push({ type: 'GrantIssued', data: { organizationId, memberId, grantId, ...target, employerCodes: s.codes, package: s.pkg, validFrom, validUntil, ...meta } });
        continue;
      }
      const of = issued.get(grantId) ?? { memberId: memberIds[0] as string, target: TARGETS[0] };
      const base = { organizationId, memberId: of.memberId, grantId, ...of.target };
      if (s.kind === 'extend') {
        const validUntil = spelling(clock + s.span, false);
        events.push({ type: 'GrantExtended', data: { ...base, previousValidUntil: validUntil, validUntil, ...meta } });
      } else if (s.kind === 'revoke') {
        events.push({ type: 'GrantRevoked', data: { ...base, cause: CAUSES[s.cause] as EndCause, reason: s.reason, ...meta } });
      } else {
        events.push({ type: 'GrantExpired', data: { ...base, validUntil: occurredAt, ...meta } });
      }
    }
    return events;
  });
}
