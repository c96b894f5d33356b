import { appointmentValidAt, isActiveMember, isHeadless, type OrganizationState } from '@behorighet/domain';
import type { NoticeFacts, PermissionChange, Subject } from './notice.js';

/** An event's (upcast) data as the notice rules read it. */
export type EventData = Record<string, unknown> & { organizationId: string; memberId?: string; occurredAt: string };

/** Appointment endings that may only record what time already did (an expiry, an employment end applied at its time). */
const APPOINTMENT_ENDINGS = new Set(['AdminDismissed', 'AdminAppointmentExpired']);

/**
 * R-ORG-4, R-MEM-7: the event left the organization without a valid main responsible. An appointment ending dated
 * at the instant its appointment ran out is compared with the moment before, when the authority still held.
 */
export function becameHeadless(type: string, before: OrganizationState, after: OrganizationState, at: number): boolean {
  if (before.status !== 'registered' || after.status !== 'registered' || !isHeadless(after, at)) return false;
  return !isHeadless(before, at) || (APPOINTMENT_ENDINGS.has(type) && !isHeadless(before, at - 1));
}

/** Who learns that nobody can log in: the remaining delegates and administrators, else every active member. */
export function headlessRecipients(org: OrganizationState, at: number): string[] {
  const active = (memberId: string) => isActiveMember(org.members[memberId], at);
  const authorities = org.appointments.filter((a) => a.role !== 'main-responsible' && appointmentValidAt(a, at) && active(a.memberId));
  if (authorities.length > 0) return authorities.map((a) => a.memberId);
  return Object.keys(org.members).filter(active);
}

export function permissionChange(change: PermissionChange, data: EventData): NoticeFacts {
  const at = change === 'employment-ended' ? (data.effectiveAt as string) : data.occurredAt;
  return { kind: 'permission-changed', change, at, ...subjectOf(data), ...pick(data, 'validUntil', 'cause', 'reason') };
}

/** What a grant or appointment event is about: a service, a business role, or an authority with its level. */
export function subjectOf(data: EventData): Subject {
  const subject: Subject = {};
  if (typeof data.service === 'string') subject.service = data.service;
  if (typeof data.role === 'string') {
    if (data.role === 'main-responsible' || data.role === 'delegate' || data.role === 'administrator') subject.authority = data.role;
    else subject.role = data.role;
  }
  if (typeof data.level === 'number') subject.level = data.level;
  return subject;
}

/** The named string fields of the data that are present. */
export function pick<K extends string>(data: EventData, ...keys: K[]): Partial<Record<K, string>> {
  const picked: Partial<Record<K, string>> = {};
  for (const key of keys) if (typeof data[key] === 'string') picked[key] = data[key] as string;
  return picked;
}
