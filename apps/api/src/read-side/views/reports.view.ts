import {
  appointmentValidAt,
  inactiveMembers,
  isActiveMember,
  isOpenGrant,
  unitInScope,
  type MemberState,
  type OrganizationState,
} from '@behorighet/domain';
import { daysLeft, endsWithin } from './member-facts.js';

export interface Scope {
  /** The write model's organization: its unit tree decides the scope. */
  organization: OrganizationState;
  unitId: string | undefined;
}

export interface InactivityItem {
  memberId: string;
  name: string;
  kind: 'no-login' | 'invitation-not-accepted';
  lastLoginAt?: string;
  invitedAt?: string;
}

/** R-TIME-5: the domain's `inactiveMembers` (no login for `months` months, invitations never accepted), in the caller's scope. */
export function inactivityReport(
  organization: OrganizationState,
  members: Record<string, MemberState | undefined>,
  scope: Scope,
  now: Date,
  months: number,
): InactivityItem[] {
  return inactiveMembers(organization, members, now, months)
    .map((entry) => ({ entry, record: organization.members[entry.memberId]! }))
    .filter(({ record }) => unitInScope(scope.organization, scope.unitId, record.unitId))
    .map(({ entry, record }) => ({ ...entry, name: record.name }));
}

export interface ExpiringItem {
  memberId: string;
  name: string;
  /** What ends: a grant (service or role), an admin appointment, or an external member's end date (R-TIME-2). */
  kind: 'grant' | 'appointment' | 'external-end';
  grantId?: string;
  service?: string;
  role?: string;
  level?: number;
  expiresAt: string;
  daysLeft: number;
}

/**
 * What ends within `days` days of `now` for active members in the scope: open grants and roles, appointments
 * in force, external end dates — the things R-TIME-2 reminds about.
 */
export function expiringReport(
  organization: OrganizationState,
  members: Record<string, MemberState | undefined>,
  scope: Scope,
  now: Date,
  days: number,
): ExpiringItem[] {
  const t = +now;
  const items: ExpiringItem[] = [];
  const active = Object.values(organization.members).filter((m) => isActiveMember(m, t) && unitInScope(scope.organization, scope.unitId, m.unitId));
  for (const record of active) {
    const base = { memberId: record.memberId, name: record.name };
    for (const grant of Object.values(members[record.memberId]?.grants ?? {})) {
      if (isOpenGrant(grant, t) && endsWithin(grant.validUntil, t, days)) {
        items.push({ ...base, kind: 'grant', grantId: grant.grantId, ...grant.target, expiresAt: grant.validUntil, daysLeft: daysLeft(grant.validUntil, t) });
      }
    }
    for (const appointment of organization.appointments) {
      if (appointment.memberId !== record.memberId || !appointmentValidAt(appointment, t) || !endsWithin(appointment.validUntil, t, days)) continue;
      const level = appointment.level === undefined ? {} : { level: appointment.level };
      items.push({ ...base, kind: 'appointment', role: appointment.role, ...level, expiresAt: appointment.validUntil, daysLeft: daysLeft(appointment.validUntil, t) });
    }
    if (endsWithin(record.endsAt, t, days)) items.push({ ...base, kind: 'external-end', expiresAt: record.endsAt!, daysLeft: daysLeft(record.endsAt!, t) });
  }
  return items;
}

/** The sort and cursor key of an expiring item: soonest first. */
export function expiringKey(item: ExpiringItem): string {
  return `${item.expiresAt}|${item.memberId}|${item.kind}|${item.grantId ?? item.role ?? ''}`;
}
