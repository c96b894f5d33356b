import { appointmentValidAt, organizationDenials, type OrganizationReason } from './headless.js';
import { memberBySubject } from './member-status.js';
import type { Appointment, MemberRecord, OrganizationState } from './organization.state.js';
import { ms, reached } from './time.js';
import type { AdminLevel, AuthorityRole } from './vocabulary.js';

/** Who a caller is in one organization at an instant (R-ADM-1…3, R-ORG-5). */
export interface Powers {
  /** The caller's active member in this organization, if any. */
  member?: MemberRecord;
  memberId?: string;
  /** The appointment in force, counted only when the organization works (not headless, agreement active). */
  appointment?: Appointment;
  role?: AuthorityRole;
  level?: AdminLevel;
  /** Scope unit; undefined = the whole organization (always so for main responsibles and delegates). */
  scopeUnitId?: string;
  /** Organization-level reasons that void every member's powers at this instant (R-ORG-4). */
  blockedBy: OrganizationReason[];
}

/**
 * The caller's powers in `org` at `at`: its member (bound to `subject`, active), and its appointment
 * if valid at `at` and the organization is neither headless nor terminated.
 */
export function powersOf(org: OrganizationState, subject: string, at: Date | number): Powers {
  const t = +at;
  const blockedBy = organizationDenials(org, t);
  const member = memberBySubject(org.members, subject, t);
  if (!member) return { blockedBy };
  const base: Powers = { member, memberId: member.memberId, blockedBy };
  if (blockedBy.length > 0 || reached(member.accessRemoved?.at, t)) return base;
  const appointment = appointmentAt(org, member.memberId, t);
  if (!appointment) return base;
  const wholeOrg = appointment.role !== 'administrator';
  return { ...base, appointment, role: appointment.role, level: appointment.level, scopeUnitId: wholeOrg ? undefined : appointment.unitId };
}

/** The member's appointment in force at `at`. */
export function appointmentAt(org: OrganizationState, memberId: string, at: number): Appointment | undefined {
  return org.appointments.findLast((a) => a.memberId === memberId && appointmentValidAt(a, at));
}

/** The member's un-ended appointment at `now` (in force or starting later); a member holds at most one. */
export function openAppointment(org: OrganizationState, memberId: string, now: number): Appointment | undefined {
  return org.appointments.findLast((a) => a.memberId === memberId && !a.ended && ms(a.validUntil) > now);
}

/** True when `unitId` lies in the subtree of `scopeUnitId` (undefined scope = whole organization; a member without unit is only in the whole-org scope). */
export function unitInScope(org: OrganizationState, scopeUnitId: string | undefined, unitId: string | undefined): boolean {
  if (scopeUnitId === undefined) return true;
  const seen = new Set<string>();
  for (let current = unitId; current !== undefined && !seen.has(current); current = org.units[current]?.parentId) {
    if (current === scopeUnitId) return true;
    seen.add(current);
  }
  return false;
}

/** Main responsibles and delegates act with full powers (R-ORG-5); administrators by level. */
export function actsAsMainResponsible(powers: Powers): boolean {
  return powers.role === 'main-responsible' || powers.role === 'delegate';
}

/** R-GRT-2 / R-ADM-2: may edit members and issue grants (main responsible, delegate, L1–L3). */
export function canEditMembers(powers: Powers): boolean {
  return actsAsMainResponsible(powers) || (powers.role === 'administrator' && (powers.level ?? 4) <= 3);
}

/** R-ADM-2: the administrator levels the caller may appoint (L1 → 1–4, L2 → 3–4, L3/L4 → none). */
export function appointableLevels(powers: Powers): AdminLevel[] {
  if (actsAsMainResponsible(powers) || (powers.role === 'administrator' && powers.level === 1)) return [1, 2, 3, 4];
  if (powers.role === 'administrator' && powers.level === 2) return [3, 4];
  return [];
}
