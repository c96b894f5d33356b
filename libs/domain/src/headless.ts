import { isActiveMember } from './member-status.js';
import type { Appointment, OrganizationState } from './organization.state.js';
import { ms, reached, within } from './time.js';

/** Organization-level reasons why nobody can log in or use anything (R-ORG-4). */
export type OrganizationReason = 'ORGANIZATION_UNKNOWN' | 'AGREEMENT_TERMINATED' | 'ORGANIZATION_HEADLESS';

/** True when the appointment is in force at `at`: within its validity and not ended. */
export function appointmentValidAt(appointment: Appointment, at: number): boolean {
  return within(at, appointment.validFrom, appointment.validUntil) && !reached(appointment.ended?.at, at);
}

export function agreementActiveAt(org: OrganizationState, at: number): boolean {
  return org.agreement.some((p) => within(at, p.from, p.until));
}

/** The main responsibles whose authority holds at `at`: valid appointment, member active and not stripped of access. */
export function mainResponsiblesAt(org: OrganizationState, at: number): Appointment[] {
  return org.appointments.filter((a) => {
    if (a.role !== 'main-responsible' || !appointmentValidAt(a, at)) return false;
    const member = org.members[a.memberId];
    return isActiveMember(member, at) && !reached(member.accessRemoved?.at, at);
  });
}

/** R-ORG-3/4, R-MEM-7: headless = no main responsible with a valid appointment (dismissed, expired, employment ended…). */
export function isHeadless(org: OrganizationState, at: Date | number): boolean {
  return mainResponsiblesAt(org, +at).length === 0;
}

/** Every organization-level reason that denies all login and access at `at` (empty = the organization works). */
export function organizationDenials(org: OrganizationState, at: number): OrganizationReason[] {
  if (org.status !== 'registered' || ms(org.registeredAt) > at) return ['ORGANIZATION_UNKNOWN'];
  const reasons: OrganizationReason[] = [];
  if (!agreementActiveAt(org, at)) reasons.push('AGREEMENT_TERMINATED');
  if (isHeadless(org, at)) reasons.push('ORGANIZATION_HEADLESS');
  return reasons;
}

export interface OrganizationWarning {
  code: 'NO_MAIN_RESPONSIBLE' | 'TOO_MANY_MAIN_RESPONSIBLES' | 'AGREEMENT_TERMINATED';
  count?: number;
}

/** The overview's warnings (R-ORG-3): zero or more than two main responsibles; a terminated agreement. */
export function warnings(org: OrganizationState, at: Date | number): OrganizationWarning[] {
  const t = +at;
  const count = mainResponsiblesAt(org, t).length;
  const result: OrganizationWarning[] = [];
  if (count === 0) result.push({ code: 'NO_MAIN_RESPONSIBLE', count });
  if (count > 2) result.push({ code: 'TOO_MANY_MAIN_RESPONSIBLES', count });
  if (org.status === 'registered' && !agreementActiveAt(org, t)) result.push({ code: 'AGREEMENT_TERMINATED' });
  return result;
}
