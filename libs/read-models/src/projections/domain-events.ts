import type { LogEvent } from '@behorighet/event-store';
import { upcast, type MemberEvent, type MemberEventType, type OrganizationEvent, type OrganizationEventType } from '@behorighet/domain';

/** Every event type of an `organization-<uuid>` stream (see libs/domain/src/organization.events.ts). */
export const ORGANIZATION_EVENT_TYPES: readonly OrganizationEventType[] = [
  'OrganizationRegistered',
  'AgreementTerminated',
  'AgreementRenewed',
  'UnitCreated',
  'EmployerCodeAdded',
  'EmployerCodeClosed',
  'ServiceSubscribed',
  'MemberRegistered',
  'UserInvited',
  'InvitationResent',
  'InvitationAccepted',
  'EmploymentEnded',
  'AccessRemoved',
  'UserDeactivated',
  'MemberDeleted',
  'MemberBlocked',
  'AdminAppointed',
  'AdminDismissed',
  'AdminAppointmentExtended',
  'AdminAppointmentExpired',
  'ReminderSent',
];

/** Every event type of a `member-<uuid>` stream (see libs/domain/src/member.events.ts). */
export const MEMBER_EVENT_TYPES: readonly MemberEventType[] = [
  'GrantIssued',
  'GrantExtended',
  'GrantRevoked',
  'GrantExpired',
  'ReminderSent',
  'AccessShared',
  'ShareRevoked',
  'WorkspaceSwitched',
  'UserLoggedIn',
  'LoginDenied',
];

// `ReminderSent` exists in both kinds of stream: the stream, not the type, says which fold an event belongs to.
const ORGANIZATION_STREAM = 'organization-';
const MEMBER_STREAM = 'member-';

/** The stored event as the organization fold expects it (data upcast to the current schema), or undefined for other streams. */
export function organizationEvent(event: LogEvent): OrganizationEvent | undefined {
  if (!event.stream.startsWith(ORGANIZATION_STREAM)) return undefined;
  return { type: event.type, data: upcast(event.type, event.data) } as OrganizationEvent;
}

/** The stored event as the member fold expects it, or undefined for other streams. */
export function memberEvent(event: LogEvent): MemberEvent | undefined {
  if (!event.stream.startsWith(MEMBER_STREAM)) return undefined;
  return { type: event.type, data: upcast(event.type, event.data) } as MemberEvent;
}
