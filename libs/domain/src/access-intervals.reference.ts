/**
 * Test-only: `accessIntervals` and the evaluators it called as they were before the numeric timeline
 * (access-timeline.ts), frozen so that a property can compare the two over random histories. Not exported
 * from the index; nothing in production imports it. Deliberately naive: every instant is parsed again at
 * every use and `effectiveAccess` is evaluated per grant at every change point.
 */
import type { AccessInterval } from './access-intervals.js';
import type { AccessAnswer, AccessSubject, AccessTarget } from './access.js';
import type { By } from './event.js';
import type { Grant } from './member.state.js';
import type { Appointment, MemberRecord, OrganizationState } from './organization.state.js';
import { iso, ms } from './time.js';
import { hasSystemAccessType, type MemberType } from './vocabulary.js';

const reached = (instant: string | undefined, at: number) => instant !== undefined && ms(instant) <= at;
const within = (at: number, from: string, until: string | undefined) => ms(from) <= at && (until === undefined || at < ms(until));

function memberDenials(member: MemberRecord | undefined, at: number): string[] {
  if (!member || ms(member.registeredAt) > at) return ['NOT_A_MEMBER'];
  const reasons: string[] = [];
  if (reached(member.deleted?.at, at)) reasons.push('MEMBER_DELETED');
  if (reached(member.deactivated?.at, at)) reasons.push('MEMBER_DEACTIVATED');
  if (reached(member.blocked?.at, at)) reasons.push('MEMBER_BLOCKED');
  if (reached(member.endsAt, at)) reasons.push('EXTERNAL_END_PASSED');
  if (reached(member.employmentEnd?.effectiveAt, at)) reasons.push('EMPLOYMENT_ENDED');
  return reasons;
}

function typeAt(member: MemberRecord, at: number): MemberType {
  let type = member.typeHistory[0]?.type ?? member.type;
  for (const entry of member.typeHistory) if (ms(entry.from) <= at) type = entry.type;
  return type;
}

const appointmentValidAt = (a: Appointment, at: number) => within(at, a.validFrom, a.validUntil) && !reached(a.ended?.at, at);

function organizationDenials(org: OrganizationState, at: number): string[] {
  if (org.status !== 'registered' || ms(org.registeredAt) > at) return ['ORGANIZATION_UNKNOWN'];
  const reasons: string[] = [];
  if (!org.agreement.some((p) => within(at, p.from, p.until))) reasons.push('AGREEMENT_TERMINATED');
  const heads = org.appointments.filter((a) => {
    if (a.role !== 'main-responsible' || !appointmentValidAt(a, at)) return false;
    const member = org.members[a.memberId];
    return memberDenials(member, at).length === 0 && !reached(member!.accessRemoved?.at, at);
  });
  if (heads.length === 0) reasons.push('ORGANIZATION_HEADLESS');
  return reasons;
}

function grantValidAt(grant: Grant, at: number): boolean {
  return ms(grant.issuedAt) <= at && ms(grant.validFrom) <= at && at < ms(grant.validUntil) && !reached(grant.revoked?.at, at) && !reached(grant.expiredAt, at);
}

function grantCovers(grant: Grant, target: AccessTarget): boolean {
  return 'service' in target ? 'service' in grant.target && grant.target.service === target.service : 'role' in grant.target && grant.target.role === target.role;
}

function grantDenial(grant: Grant, at: number): string {
  if (reached(grant.revoked?.at, at)) return 'GRANT_REVOKED';
  if (ms(grant.validFrom) > at) return 'GRANT_NOT_YET_VALID';
  return 'GRANT_EXPIRED';
}

/** `effectiveAccess` as it was. */
export function referenceEffectiveAccess(subject: AccessSubject, target: AccessTarget, employerCode: string | undefined, at: number): AccessAnswer {
  const t = at;
  const { organization: org, member, memberId } = subject;
  const record = org.members[memberId];
  const reasons = [...organizationDenials(org, t), ...memberDenials(record, t)];
  if (record && ms(record.registeredAt) <= t && !(record.subject !== undefined && reached(record.boundAt, t))) reasons.push('INVITATION_NOT_ACCEPTED');
  if (record && ms(record.registeredAt) <= t) {
    if (reached(record.accessRemoved?.at, t)) reasons.push('ACCESS_REMOVED');
    else if (!reached(record.deactivated?.at, t) && !hasSystemAccessType(typeAt(record, t))) reasons.push('NO_SYSTEM_ACCESS');
  }
  const code = employerCode !== undefined && 'service' in target ? org.employerCodes[employerCode] : undefined;
  if (employerCode !== undefined && 'service' in target && (!code || ms(code.addedAt) > t)) reasons.push('UNKNOWN_EMPLOYER_CODE');
  const existing = Object.values(member.grants).filter((g) => grantCovers(g, target) && ms(g.issuedAt) <= t);
  const valid = existing.filter((g) => grantValidAt(g, t));
  const covering = code ? valid.filter((g) => !g.employerCodes || g.employerCodes.includes(code.code)) : valid;
  if (covering.length === 0) {
    reasons.push('NO_VALID_GRANT');
    if (existing.length === 0) reasons.push('NO_GRANT');
    else if (valid.length > 0) reasons.push('EMPLOYER_CODE_NOT_COVERED');
    else for (const r of new Set(existing.map((g) => grantDenial(g, t)))) reasons.push(r);
  }
  if (reasons.length > 0) return { allowed: false, reasons, grantIds: [], readOnly: false };
  const readOnly = reached(code?.closedAt, t);
  return { allowed: true, reasons: readOnly ? ['EMPLOYER_CODE_CLOSED_READ_ONLY'] : [], grantIds: covering.map((g) => g.grantId).sort(), readOnly };
}

/** `accessIntervals` as it was: `referenceEffectiveAccess` per grant at every change point. */
export function referenceAccessIntervals(subject: AccessSubject, target: AccessTarget, options: { employerCode?: string; asOf?: Date | number } = {}): AccessInterval[] {
  const { organization: org, member, memberId } = subject;
  const horizon = options.asOf === undefined ? Infinity : +options.asOf;
  const grants = Object.values(member.grants).filter((g) => grantCovers(g, target));
  const points = changePoints(org, org.members[memberId], grants, options.employerCode).filter((p) => p <= horizon);
  const result: AccessInterval[] = [];
  for (const grant of grants.sort((a, b) => ms(a.issuedAt) - ms(b.issuedAt) || a.grantId.localeCompare(b.grantId))) {
    let open: number | undefined;
    for (const p of points) {
      const answer = referenceEffectiveAccess(subject, target, options.employerCode, p);
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
  return [m.registeredAt, m.boundAt, m.endsAt, m.employmentEnd?.effectiveAt, m.accessRemoved?.at, m.deactivated?.at, m.deleted?.at, m.blocked?.at, ...m.typeHistory.map((t) => t.from)];
}
