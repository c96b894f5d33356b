import { effectiveAccess, grantCovers, type AccessSubject, type AccessTarget } from './access.js';
import type { By } from './event.js';
import type { Grant } from './member.state.js';
import type { MemberRecord, OrganizationState } from './organization.state.js';
import { iso, ms, reached } from './time.js';

/** One stretch of effective access through one grant (R-READ-3, R-READ-4). */
export interface AccessInterval {
  memberId: string;
  grantId: string;
  service?: string;
  role?: string;
  from: string;
  /** Exclusive end; null while the access still holds at the horizon. */
  to: string | null;
  grantedBy: By;
  /** Who ended it, when an act did (revocation, employment end, deactivation…); null for expiry or while open. */
  endedBy: By | null;
  /** Why it ended: the first denial code at `to` (GRANT_EXPIRED, GRANT_REVOKED, EMPLOYMENT_ENDED, ORGANIZATION_HEADLESS…). */
  reason: string | null;
}

/**
 * The intervals in which `effectiveAccess(subject, target, employerCode, T)` holds, per grant. Derived by
 * evaluating that very function at every instant where any input changes, so read and write side cannot
 * disagree. `asOf` (default: no horizon) cuts off what has not happened yet: access holding then stays open (`to: null`).
 */
export function accessIntervals(
  subject: AccessSubject,
  target: AccessTarget,
  options: { employerCode?: string; asOf?: Date | number } = {},
): AccessInterval[] {
  const { organization: org, member, memberId } = subject;
  const horizon = options.asOf === undefined ? Infinity : +options.asOf;
  const grants = Object.values(member.grants).filter((g) => grantCovers(g, target));
  const points = changePoints(org, org.members[memberId], grants, options.employerCode).filter((p) => p <= horizon);
  const result: AccessInterval[] = [];
  for (const grant of grants.sort((a, b) => ms(a.issuedAt) - ms(b.issuedAt) || a.grantId.localeCompare(b.grantId))) {
    let open: number | undefined;
    for (const p of points) {
      const answer = effectiveAccess(subject, target, options.employerCode, p);
      const holds = answer.grantIds.includes(grant.grantId);
      if (holds && open === undefined) open = p;
      if (!holds && open !== undefined) {
        result.push(interval(memberId, grant, open, p, ending(org, org.members[memberId], grant, p, answer.reasons)));
        open = undefined;
      }
    }
    if (open !== undefined) result.push(interval(memberId, grant, open, null, { endedBy: null, reason: null }));
  }
  return result;
}

function interval(memberId: string, grant: Grant, from: number, to: number | null, end: { endedBy: By | null; reason: string | null }): AccessInterval {
  return { memberId, grantId: grant.grantId, ...grant.target, from: iso(from), to: to === null ? null : iso(to), grantedBy: grant.issuedBy, ...end };
}

/** Why access through `grant` stopped at `at`, and who caused it when an act did. */
function ending(org: OrganizationState, record: MemberRecord | undefined, grant: Grant, at: number, reasons: string[]) {
  if (reached(grant.revoked?.at, at)) return { endedBy: grant.revoked!.by, reason: 'GRANT_REVOKED' };
  if (ms(grant.validUntil) <= at || reached(grant.expiredAt, at)) return { endedBy: null, reason: 'GRANT_EXPIRED' };
  const reason = reasons.find((r) => r !== 'NO_VALID_GRANT') ?? reasons[0] ?? null;
  const marks: Record<string, By | undefined> = {
    EMPLOYMENT_ENDED: record?.employmentEnd?.by,
    MEMBER_DEACTIVATED: record?.deactivated?.by,
    MEMBER_DELETED: record?.deleted?.by,
    MEMBER_BLOCKED: record?.blocked?.by,
    ACCESS_REMOVED: record?.accessRemoved?.by,
    AGREEMENT_TERMINATED: org.agreement.find((p) => p.until !== undefined && ms(p.until) === at)?.terminatedBy,
  };
  return { endedBy: reason ? (marks[reason] ?? null) : null, reason };
}

/** Every instant at which an input of effectiveAccess for this member may change, sorted. */
function changePoints(org: OrganizationState, record: MemberRecord | undefined, grants: Grant[], employerCode: string | undefined): number[] {
  const instants: Array<string | undefined> = [org.registeredAt];
  for (const p of org.agreement) instants.push(p.from, p.until);
  const mainResponsibles = new Set<string>();
  for (const a of org.appointments) {
    if (a.role !== 'main-responsible') continue;
    instants.push(a.validFrom, a.validUntil, a.ended?.at);
    mainResponsibles.add(a.memberId);
  }
  for (const id of mainResponsibles) instants.push(...memberInstants(org.members[id]));
  instants.push(...memberInstants(record));
  if (employerCode !== undefined) instants.push(org.employerCodes[employerCode]?.addedAt, org.employerCodes[employerCode]?.closedAt);
  for (const g of grants) instants.push(g.issuedAt, g.validFrom, g.validUntil, g.revoked?.at, g.expiredAt);
  return [...new Set(instants.filter((i): i is string => i !== undefined && i !== '').map(ms))].sort((a, b) => a - b);
}

function memberInstants(m: MemberRecord | undefined): Array<string | undefined> {
  if (!m) return [];
  return [
    m.registeredAt,
    m.boundAt,
    m.endsAt,
    m.employmentEnd?.effectiveAt,
    m.accessRemoved?.at,
    m.deactivated?.at,
    m.deleted?.at,
    m.blocked?.at,
    ...m.typeHistory.map((t) => t.from),
  ];
}
