import { appointmentValidAt, organizationDenials } from './headless.js';
import type { Grant, MemberState } from './member.state.js';
import { isBound, memberDenials, typeAt } from './member-status.js';
import type { MemberRecord, OrganizationState } from './organization.state.js';
import { ms, reached } from './time.js';
import { hasSystemAccessType } from './vocabulary.js';

/**
 * The evaluators. Write side, read side and scheduler all answer "may this member use this / log in at T"
 * through these functions over the current state, for any instant T up to now.
 */
export interface AccessSubject {
  organization: OrganizationState;
  /** The member's own stream state (its grants). */
  member: MemberState;
  memberId: string;
}

export type AccessTarget = { service: string } | { role: string };

export interface AccessAnswer {
  allowed: boolean;
  /**
   * Denied: every reason, stable codes (organization, member standing, grants, employer code).
   * Allowed: notes, e.g. `EMPLOYER_CODE_CLOSED_READ_ONLY`.
   */
  reasons: string[];
  /** The grants that give the access (empty when denied). */
  grantIds: string[];
  /** A closed employer code stays usable for reading only (old invoices, R-ORG-6). */
  readOnly: boolean;
}

export interface LoginAnswer {
  allowed: boolean;
  reasons: string[];
  /** `no-system-access` members (and members whose access was removed) reach their profile only. */
  profileOnly: boolean;
}

/** True when the grant exists and is in force at `at`: issued, within validity, neither revoked nor expired. */
export function grantValidAt(grant: Grant, at: number): boolean {
  return ms(grant.issuedAt) <= at && ms(grant.validFrom) <= at && at < ms(grant.validUntil) && !reached(grant.revoked?.at, at) && !reached(grant.expiredAt, at);
}

export function grantCovers(grant: Grant, target: AccessTarget): boolean {
  return 'service' in target ? 'service' in grant.target && grant.target.service === target.service : 'role' in grant.target && grant.target.role === target.role;
}

/** Organization and member reasons that deny everything at `at` (R-ORG-4, R-MEM-3…8). */
function standingDenials(org: OrganizationState, record: MemberRecord | undefined, at: number): string[] {
  const reasons: string[] = [...organizationDenials(org, at), ...memberDenials(record, at)];
  if (!record || ms(record.registeredAt) > at) return reasons;
  if (!isBound(record, at)) reasons.push('INVITATION_NOT_ACCEPTED');
  return reasons;
}

/** Why a grant for the target is not in force at `at` (the most telling reason per grant). */
function grantDenial(grant: Grant, at: number): string {
  if (reached(grant.revoked?.at, at)) return 'GRANT_REVOKED';
  if (ms(grant.validFrom) > at) return 'GRANT_NOT_YET_VALID';
  return 'GRANT_EXPIRED';
}

/**
 * R-READ-5: may the member use the service (with the employer code) or hold the role at `at`?
 * Without an employer code the question is about the service as such: any grant for it counts.
 */
export function effectiveAccess(subject: AccessSubject, target: AccessTarget, employerCode: string | undefined, at: Date | number): AccessAnswer {
  const t = +at;
  const { organization: org, member, memberId } = subject;
  const record = org.members[memberId];
  const reasons = standingDenials(org, record, t);
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

/**
 * R-LOG-1: may the member log in at `at`? Denied with every reason: organization headless or terminated,
 * member deactivated / deleted / blocked / left / external end passed, invitation not accepted, person-only,
 * no valid grant, role or appointment. `no-system-access` members are allowed to their profile only.
 */
export function loginEligibility(subject: Omit<AccessSubject, 'member'> & { member?: MemberState }, at: Date | number): LoginAnswer {
  const t = +at;
  const { organization: org, member, memberId } = subject;
  const record = org.members[memberId];
  const reasons = standingDenials(org, record, t);
  if (!record || ms(record.registeredAt) > t) return { allowed: false, reasons, profileOnly: false };
  const type = typeAt(record, t);
  if (type === 'person-only') reasons.push('PERSON_ONLY');
  if (reasons.length > 0) return { allowed: false, reasons, profileOnly: false };
  if (type === 'no-system-access' || reached(record.accessRemoved?.at, t)) return { allowed: true, reasons: [], profileOnly: true };
  const hasGrant = Object.values(member?.grants ?? {}).some((g) => grantValidAt(g, t));
  const hasAppointment = org.appointments.some((a) => a.memberId === memberId && appointmentValidAt(a, t));
  if (!hasGrant && !hasAppointment) return { allowed: false, reasons: ['NO_VALID_GRANT'], profileOnly: false };
  return { allowed: true, reasons: [], profileOnly: false };
}
