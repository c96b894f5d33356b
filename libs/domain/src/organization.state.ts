import type { By } from './event.js';
import type { AdminLevel, AppointmentEndCause, AuthorityRole, MemberType } from './vocabulary.js';

/** A dated act on a member or appointment: when, by whom, why. State keeps these, not flags, to answer for past instants. */
export interface Mark {
  at: string;
  by: By;
  reason?: string;
}

export interface MemberRecord {
  memberId: string;
  name: string;
  email?: string;
  /** The current type; `typeHistory` answers for past instants. */
  type: MemberType;
  typeHistory: Array<{ type: MemberType; from: string }>;
  unitId?: string;
  /** The person's identity, bound at registration (main responsibles) or on accepting the invitation. */
  subject?: string;
  boundAt?: string;
  /** The subject an invitation named in advance; only that person may accept. */
  invitedSubject?: string;
  registeredAt: string;
  registeredBy: By;
  invitation?: { invitedAt: string; message?: string; resentAt: string[]; acceptedAt?: string };
  /** External members' end date (R-MEM-8). */
  endsAt?: string;
  resellerOrgId?: string;
  employedBy?: string;
  employmentEnd?: Mark & { effectiveAt: string };
  accessRemoved?: Mark;
  deactivated?: Mark;
  deleted?: Mark;
  blocked?: Mark;
}

/** One admin appointment (main responsible, delegate or administrator) with its whole life. */
export interface Appointment {
  memberId: string;
  role: AuthorityRole;
  level?: AdminLevel;
  /** Scope: a unit and its descendants; undefined = the whole organization. */
  unitId?: string;
  validFrom: string;
  /** The latest validity end (extensions only happen while valid, so it answers for every past instant). */
  validUntil: string;
  appointedAt: string;
  appointedBy: By;
  extensions: Array<{ at: string; by: By; validUntil: string }>;
  ended?: Mark & { cause: AppointmentEndCause | 'expired' };
}

export interface Unit {
  unitId: string;
  name: string;
  parentId?: string;
  createdAt: string;
}

export interface EmployerCode {
  code: string;
  addedAt: string;
  closedAt?: string;
}

/** A period in which the agreement was active; `until` is set when it was terminated. */
export interface AgreementPeriod {
  from: string;
  until?: string;
  terminatedBy?: By;
  reason?: string;
}

/**
 * The state of one organization stream. `status` tags whether it exists; an unregistered
 * organization has empty collections.
 */
export interface OrganizationState {
  status: 'unregistered' | 'registered';
  organizationId: string;
  name: string;
  orgNumber: string;
  groupId?: string;
  registeredAt: string;
  agreement: AgreementPeriod[];
  units: Record<string, Unit>;
  employerCodes: Record<string, EmployerCode>;
  subscriptions: Record<string, { service: string; subscribedAt: string; orderId?: string }>;
  members: Record<string, MemberRecord>;
  /** Every appointment ever made, in order; a member holds at most one un-ended appointment. */
  appointments: Appointment[];
  /** Reminder keys (see `reminderKey`) → when sent. */
  reminders: Record<string, string>;
}

export function initialOrganization(): OrganizationState {
  return {
    status: 'unregistered',
    organizationId: '',
    name: '',
    orgNumber: '',
    registeredAt: '',
    agreement: [],
    units: {},
    employerCodes: {},
    subscriptions: {},
    members: {},
    appointments: [],
    reminders: {},
  };
}

/** Identifies one reminder: what expires, at which instant, how many days before. Extending resets reminders. */
export function reminderKey(about: string, id: string, expiresAt: string, daysBefore: number): string {
  return `${about}:${id}:${expiresAt}:${daysBefore}`;
}
