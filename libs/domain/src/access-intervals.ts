import { grantCovers, type AccessSubject, type AccessTarget } from './access.js';
import {
  grantInForce,
  grantView,
  memberClearAt,
  memberReasonsAt,
  memberView,
  memberViewInstants,
  organizationTimeline,
  sortedInstants,
  type GrantView,
  type MemberView,
  type OrganizationTimeline,
} from './access-timeline.js';
import type { By } from './event.js';
import type { Grant } from './member.state.js';
import type { EmployerCode } from './organization.state.js';
import { iso, ms } from './time.js';

export { organizationTimeline, type OrganizationTimeline } from './access-timeline.js';

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

export interface AccessIntervalOptions {
  employerCode?: string;
  /** What has not happened by then is not known: access holding then stays open. */
  asOf?: Date | number;
  /** `organizationTimeline(subject.organization)`, built once when asking for many members of one organization. */
  timeline?: OrganizationTimeline;
}

/**
 * The intervals in which `effectiveAccess(subject, target, employerCode, T)` holds, per grant (ordered by issue,
 * then grant id). Access can only change where one of its inputs does, so the answer is evaluated at those
 * instants only: the organization's standing from its timeline, the member's and the grants' from numeric views
 * of the same predicates `effectiveAccess` applies (properties hold the two equal). `asOf` (default: no horizon)
 * cuts off what has not happened yet: access holding then stays open (`to: null`).
 */
export function accessIntervals(subject: AccessSubject, target: AccessTarget, options: AccessIntervalOptions = {}): AccessInterval[] {
  const { organization: org, member, memberId } = subject;
  if (options.timeline && options.timeline.organization !== org) throw new Error('accessIntervals: the timeline belongs to another organization state');
  const grants: GrantView[] = [];
  for (const grant of Object.values(member.grants)) if (grantCovers(grant, target)) grants.push(grantView(grant));
  if (grants.length === 0) return [];
  const timeline = options.timeline ?? organizationTimeline(org);
  const horizon = options.asOf === undefined ? Infinity : +options.asOf;
  const record = org.members[memberId];
  const view = record && memberView(record);
  const code = options.employerCode !== undefined && 'service' in target ? org.employerCodes[options.employerCode] : undefined;
  const context: Context = { timeline, view, grants, target, employerCode: options.employerCode, code, codeAddedAt: code ? ms(code.addedAt) : NaN };
  const covered = grants.map((g) => !code || !g.grant.employerCodes || g.grant.employerCodes.includes(code.code));

  const own: number[] = view ? memberViewInstants(view) : [];
  if (options.employerCode !== undefined) {
    const named = org.employerCodes[options.employerCode];
    if (named) own.push(ms(named.addedAt), named.closedAt === undefined ? NaN : ms(named.closedAt));
  }
  for (const g of grants) own.push(g.issuedAt, g.validFrom, g.validUntil, g.revokedAt, g.expiredAt);
  const local = sortedInstants(own);
  const { starts } = timeline;

  const opened = new Array<number>(grants.length).fill(NaN);
  const found: AccessInterval[][] = grants.map(() => []);
  let i = 0;
  let j = 0;
  while (i < local.length || j < starts.length) {
    const p = j >= starts.length || (i < local.length && local[i]! < starts[j]!) ? local[i]! : starts[j]!;
    if (p > horizon) break;
    if (i < local.length && local[i] === p) i += 1;
    if (j < starts.length && starts[j] === p) j += 1;
    const organizationReasons = j === 0 ? timeline.before : timeline.reasons[j - 1]!;
    const clear = organizationReasons.length === 0 && memberClearAt(view, p) && codeKnownAt(context, p);
    let reasons: string[] | undefined;
    for (let k = 0; k < grants.length; k += 1) {
      const holds = clear && covered[k]! && grantInForce(grants[k]!, p);
      const open = opened[k]!;
      if (holds && Number.isNaN(open)) opened[k] = p;
      else if (!holds && !Number.isNaN(open)) {
        reasons ??= reasonsAt(context, organizationReasons, p);
        found[k]!.push(interval(memberId, grants[k]!.grant, open, p, ending(context, grants[k]!, p, reasons)));
        opened[k] = NaN;
      }
    }
  }
  for (let k = 0; k < grants.length; k += 1) {
    if (!Number.isNaN(opened[k]!)) found[k]!.push(interval(memberId, grants[k]!.grant, opened[k]!, null, { endedBy: null, reason: null }));
  }
  const order = grants.map((_, k) => k).sort((a, b) => grants[a]!.issuedAt - grants[b]!.issuedAt || grants[a]!.grant.grantId.localeCompare(grants[b]!.grant.grantId));
  return order.flatMap((k) => found[k]!);
}

interface Context {
  timeline: OrganizationTimeline;
  view: MemberView | undefined;
  /** The member's grants for the target, in the state's order. */
  grants: GrantView[];
  target: AccessTarget;
  employerCode: string | undefined;
  code: EmployerCode | undefined;
  codeAddedAt: number;
}

/** No UNKNOWN_EMPLOYER_CODE at `t`: no code asked, a role, or a code added by then. */
function codeKnownAt(c: Context, t: number): boolean {
  return c.employerCode === undefined || !('service' in c.target) || (c.code !== undefined && !(c.codeAddedAt > t));
}

/** effectiveAccess(subject, target, employerCode, t).reasons, built the same way (only where an interval ends). */
function reasonsAt(c: Context, organizationReasons: readonly string[], t: number): string[] {
  const reasons = [...organizationReasons, ...memberReasonsAt(c.view, t)];
  if (!codeKnownAt(c, t)) reasons.push('UNKNOWN_EMPLOYER_CODE');
  const existing = c.grants.filter((g) => g.issuedAt <= t);
  const valid = existing.filter((g) => grantInForce(g, t));
  const code = c.code;
  const covering = code ? valid.filter((g) => !g.grant.employerCodes || g.grant.employerCodes.includes(code.code)) : valid;
  if (covering.length === 0) {
    reasons.push('NO_VALID_GRANT');
    if (existing.length === 0) reasons.push('NO_GRANT');
    else if (valid.length > 0) reasons.push('EMPLOYER_CODE_NOT_COVERED');
    else for (const r of new Set(existing.map((g) => grantDenial(g, t)))) reasons.push(r);
  }
  if (reasons.length > 0) return reasons;
  const closedAt = code?.closedAt === undefined ? NaN : ms(code.closedAt);
  return closedAt <= t ? ['EMPLOYER_CODE_CLOSED_READ_ONLY'] : [];
}

function grantDenial(g: GrantView, t: number): string {
  if (g.revokedAt <= t) return 'GRANT_REVOKED';
  if (g.validFrom > t) return 'GRANT_NOT_YET_VALID';
  return 'GRANT_EXPIRED';
}

function interval(memberId: string, grant: Grant, from: number, to: number | null, end: { endedBy: By | null; reason: string | null }): AccessInterval {
  return { memberId, grantId: grant.grantId, ...grant.target, from: iso(from), to: to === null ? null : iso(to), grantedBy: grant.issuedBy, ...end };
}

/** Why access through the grant stopped at `at`, and who caused it when an act did. */
function ending(c: Context, g: GrantView, at: number, reasons: string[]): { endedBy: By | null; reason: string | null } {
  if (g.revokedAt <= at) return { endedBy: g.grant.revoked!.by, reason: 'GRANT_REVOKED' };
  if (g.validUntil <= at || g.expiredAt <= at) return { endedBy: null, reason: 'GRANT_EXPIRED' };
  const reason = reasons.find((r) => r !== 'NO_VALID_GRANT') ?? reasons[0] ?? null;
  const record = c.view?.record;
  const marks: Record<string, By | undefined> = {
    EMPLOYMENT_ENDED: record?.employmentEnd?.by,
    MEMBER_DEACTIVATED: record?.deactivated?.by,
    MEMBER_DELETED: record?.deleted?.by,
    MEMBER_BLOCKED: record?.blocked?.by,
    ACCESS_REMOVED: record?.accessRemoved?.by,
    AGREEMENT_TERMINATED: c.timeline.agreementEnds.find((e) => e.until === at)?.terminatedBy,
  };
  return { endedBy: reason ? (marks[reason] ?? null) : null, reason };
}
