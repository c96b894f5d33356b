import {
  agreementNoticeRecipients,
  appointmentValidAt,
  isActiveMember,
  isHeadless,
  mainResponsiblesAt,
  ms,
  type MemberState,
  type OrganizationState,
} from '@behorighet/domain';
import type { Notice, NoticeFacts, PermissionChange, Subject } from './notice.js';

/** The organization around one event: just before it and just after it (the same for member and order events). */
export interface OrganizationAround {
  before: OrganizationState;
  after: OrganizationState;
  /** The member streams' states just before the event, where a rule needs them (see `needsMemberStates`). */
  members?: Record<string, MemberState | undefined>;
}

const AGREEMENT_CHANGES: Readonly<Record<string, 'terminated' | 'renewed'>> = { AgreementTerminated: 'terminated', AgreementRenewed: 'renewed' };

/** Whether the notices of an event of this type depend on the members' business roles (R-ORD-5: contact persons). */
export function needsMemberStates(type: string): boolean {
  return type in AGREEMENT_CHANGES;
}

type Data = Record<string, unknown> & { organizationId: string; memberId?: string; occurredAt: string };

/** Events that change the permissions of the member they name, and how (R-NOT-1). */
const CHANGES: Readonly<Record<string, PermissionChange>> = {
  GrantIssued: 'grant-issued',
  GrantExtended: 'grant-extended',
  GrantRevoked: 'grant-revoked',
  GrantExpired: 'grant-expired',
  AdminAppointed: 'appointed',
  AdminDismissed: 'dismissed',
  AdminAppointmentExtended: 'appointment-extended',
  AdminAppointmentExpired: 'appointment-expired',
  EmploymentEnded: 'employment-ended',
  AccessRemoved: 'access-removed',
  UserDeactivated: 'deactivated',
  MemberDeleted: 'deleted',
  MemberBlocked: 'blocked',
};

/**
 * Who is told what about one committed (and upcast) event. Pure: the same event and states always give the
 * same notices, so deriving them again after a crash changes nothing. Recipients without an e-mail address
 * (person-only members) are left out; one person gets one notice per event and kind.
 */
export function noticesFor(type: string, data: Data, org: OrganizationAround): Notice[] {
  const { before, after } = org;
  const at = data.occurredAt;
  const notices: Notice[] = [];
  const tell = (state: OrganizationState, memberId: string | undefined, facts: NoticeFacts) => {
    const member = memberId === undefined ? undefined : state.members[memberId];
    if (member?.email) notices.push({ to: { email: member.email, name: member.name }, organization: state.name, facts });
  };

  if (type === 'UserInvited' || type === 'InvitationResent') {
    const email = data.email as string;
    const name = (data.name as string | undefined) ?? after.members[data.memberId as string]?.name ?? email;
    const facts: NoticeFacts = {
      kind: 'invitation',
      organizationId: data.organizationId,
      memberId: data.memberId as string,
      resent: type === 'InvitationResent',
      ...(data.message ? { message: data.message as string } : {}),
    };
    notices.push({ to: { email, name }, organization: after.name, facts });
  }
  const change = CHANGES[type];
  if (change) tell(after, data.memberId, permissionChange(change, data));
  if (type === 'AccessShared' || type === 'ShareRevoked') {
    const owner = after.members[data.memberId as string]?.name ?? '';
    const change = type === 'AccessShared' ? 'share-received' : 'share-revoked';
    tell(after, data.holderMemberId as string, { kind: 'permission-changed', change, at, resource: data.resource as never, owner, ...pick(data, 'cause') });
  }
  if (type === 'ReminderSent') {
    const memberId = data.memberId as string;
    const member = after.members[memberId]?.name ?? '';
    const base = { kind: 'reminder' as const, about: data.about as 'grant', member, daysBefore: data.daysBefore as number, expiresAt: data.expiresAt as string };
    tell(after, memberId, { ...base, own: true, ...subjectOf(data) });
    for (const mr of mainResponsiblesAt(after, ms(at))) if (mr.memberId !== memberId) tell(after, mr.memberId, { ...base, own: false, ...subjectOf(data) });
  }
  if (type === 'EmploymentEnded') {
    const facts: NoticeFacts = { kind: 'leaver-report', leaver: after.members[data.memberId as string]?.name ?? '', effectiveAt: data.effectiveAt as string, ...pick(data, 'reason') };
    for (const mr of mainResponsiblesAt(before, ms(at))) if (mr.memberId !== data.memberId) tell(before, mr.memberId, facts);
  }
  const agreement = AGREEMENT_CHANGES[type];
  if (agreement && org.members) {
    // R-ORD-5: the contact persons, as they held the role while the agreement was in force (before a termination, after a renewal).
    const state = agreement === 'terminated' ? before : after;
    const facts: NoticeFacts = { kind: 'agreement-changed', change: agreement, at, ...pick(data, 'reason') };
    for (const memberId of agreementNoticeRecipients(state, org.members, ms(at))) tell(state, memberId, facts);
  }
  if (becameHeadless(type, before, after, ms(at))) {
    // One alert per headless episode, whichever of the events at its instant (an employment end and the dismissal it causes) shows it.
    const key = `headless:${after.organizationId}:${at}`;
    const start = notices.length;
    for (const memberId of headlessRecipients(after, ms(at))) tell(after, memberId, { kind: 'headless', at });
    for (const notice of notices.slice(start)) notice.key = key;
  }
  return unique(notices);
}

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
function headlessRecipients(org: OrganizationState, at: number): string[] {
  const active = (memberId: string) => isActiveMember(org.members[memberId], at);
  const authorities = org.appointments.filter((a) => a.role !== 'main-responsible' && appointmentValidAt(a, at) && active(a.memberId));
  if (authorities.length > 0) return authorities.map((a) => a.memberId);
  return Object.keys(org.members).filter(active);
}

function permissionChange(change: PermissionChange, data: Data): NoticeFacts {
  const at = change === 'employment-ended' ? (data.effectiveAt as string) : data.occurredAt;
  return { kind: 'permission-changed', change, at, ...subjectOf(data), ...pick(data, 'validUntil', 'cause', 'reason') };
}

function subjectOf(data: Data): Subject {
  const subject: Subject = {};
  if (typeof data.service === 'string') subject.service = data.service;
  if (typeof data.role === 'string') {
    if (data.role === 'main-responsible' || data.role === 'delegate' || data.role === 'administrator') subject.authority = data.role;
    else subject.role = data.role;
  }
  if (typeof data.level === 'number') subject.level = data.level;
  return subject;
}

function pick<K extends string>(data: Data, ...keys: K[]): Partial<Record<K, string>> {
  const picked: Partial<Record<K, string>> = {};
  for (const key of keys) if (typeof data[key] === 'string') picked[key] = data[key] as string;
  return picked;
}

function unique(notices: Notice[]): Notice[] {
  const seen = new Set<string>();
  return notices.filter((n) => {
    const key = `${n.to.email.toLowerCase()}\u0000${n.facts.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
