import type { Event } from './event.js';
import type { AdminLevel, AppointmentEndCause, AuthorityRole, MemberType } from './vocabulary.js';

type Org = { organizationId: string };
type OfMember = Org & { memberId: string };

/**
 * Events of the `organization-<uuid>` stream: the organization, its agreement, units, employer codes,
 * subscriptions, authorities and the member roster with each member's lifecycle.
 */
export type OrganizationEvent =
  | Event<'OrganizationRegistered', Org & { name: string; orgNumber: string; groupId?: string }>
  | Event<'AgreementTerminated', Org & { reason?: string }>
  | Event<'AgreementRenewed', Org>
  | Event<'UnitCreated', Org & { unitId: string; name: string; parentId?: string }>
  | Event<'EmployerCodeAdded', Org & { code: string }>
  | Event<'EmployerCodeClosed', Org & { code: string }>
  | Event<'ServiceSubscribed', Org & { service: string; orderId?: string }>
  /** A member without invitation: a person-only member, or a main responsible registered by the operator (subject bound). */
  | Event<'MemberRegistered', OfMember & { type: MemberType; name: string; email?: string; subject?: string; unitId?: string; employedBy?: string }>
  | Event<
      'UserInvited',
      OfMember & { type: MemberType; name: string; email: string; subject?: string; unitId?: string; endsAt?: string; resellerOrgId?: string; message?: string }
    >
  | Event<'InvitationResent', OfMember & { email: string; message?: string }>
  | Event<'InvitationAccepted', OfMember & { subject: string }>
  /** Effective now or at a future `effectiveAt` (R-MEM-6). */
  | Event<'EmploymentEnded', OfMember & { effectiveAt: string; reason?: string }>
  | Event<'AccessRemoved', OfMember & { previousType: MemberType; type: 'no-system-access'; reason?: string }>
  | Event<'UserDeactivated', OfMember & { previousType: MemberType; type: 'person-only'; reason?: string }>
  | Event<'MemberDeleted', OfMember & { reason?: string }>
  | Event<'MemberBlocked', OfMember & { reason: 'external-end-date'; endsAt: string }>
  | Event<'AdminAppointed', OfMember & { role: AuthorityRole; level?: AdminLevel; unitId?: string; validFrom: string; validUntil: string; employedBy?: string }>
  | Event<'AdminDismissed', OfMember & { role: AuthorityRole; level?: AdminLevel; cause: AppointmentEndCause; reason?: string }>
  | Event<'AdminAppointmentExtended', OfMember & { role: AuthorityRole; level?: AdminLevel; previousValidUntil: string; validUntil: string }>
  | Event<'AdminAppointmentExpired', OfMember & { role: AuthorityRole; level?: AdminLevel; validUntil: string }>
  /** R-TIME-2 for appointments and external end dates; the member and the main responsibles are told. */
  | Event<'ReminderSent', OfMember & { about: 'appointment' | 'external-end'; role?: AuthorityRole; daysBefore: number; expiresAt: string }>;

export type OrganizationEventType = OrganizationEvent['type'];
export type OrganizationEventOf<T extends OrganizationEventType> = Extract<OrganizationEvent, { type: T }>;
