import { upcast, type By, type CatalogEvent, type MemberEvent, type OrderEvent, type OrganizationEvent } from '@behorighet/domain';
import type { RecordedEvent } from '@behorighet/event-store';
import type { ListKey, PositionProjection } from '@behorighet/read-models';

/**
 * One event of the log as the audit history shows it (R-READ-2): who (`actor`), when (`occurredAt`),
 * what (`type`, `data`), about whom (`subject`, the target member). Read from the log itself.
 */
export interface AuditEntry {
  position: bigint;
  /** The tenant the event belongs to; null for the platform's catalog. Member and order events carry theirs. */
  organizationId: string | null;
  type: string;
  occurredAt: string | null;
  /** The event's `data.by`. */
  actor: By | null;
  /** What `?actor=` matches: the acting member's id, else the subject of an operator, else `system:<job>`. */
  actorId: string | null;
  /** The member the event is about (`data.memberId`), if any. */
  subject: string | null;
  data: Readonly<Record<string, unknown>>;
}

type DomainEventType = OrganizationEvent['type'] | MemberEvent['type'] | OrderEvent['type'] | CatalogEvent['type'];

/** Every event type of the domain; the check below fails to compile when a new one is not listed. */
export const AUDITED_TYPES = [
  'ServiceRegistered', 'PackageDefined',
  'OrganizationRegistered', 'AgreementTerminated', 'AgreementRenewed', 'UnitCreated', 'EmployerCodeAdded', 'EmployerCodeClosed',
  'ServiceSubscribed', 'MemberRegistered', 'UserInvited', 'InvitationResent', 'InvitationAccepted', 'EmploymentEnded', 'AccessRemoved',
  'UserDeactivated', 'MemberDeleted', 'MemberBlocked', 'AdminAppointed', 'AdminDismissed', 'AdminAppointmentExtended',
  'AdminAppointmentExpired', 'ReminderSent',
  'GrantIssued', 'GrantExtended', 'GrantRevoked', 'GrantExpired', 'AccessShared', 'ShareRevoked', 'WorkspaceSwitched',
  'UserLoggedIn', 'LoginDenied',
  'OrderPlaced', 'OrderAttested', 'OrderRejected', 'OrderLapsed',
] as const satisfies readonly DomainEventType[];

type Unaudited = Exclude<DomainEventType, (typeof AUDITED_TYPES)[number]>;
const _everyTypeAudited: [Unaudited] extends [never] ? true : Unaudited = true;

export function actorIdOf(by: By | null | undefined): string | null {
  if (!by) return null;
  if (by.memberId !== undefined) return by.memberId;
  if (by.subject !== undefined) return by.subject;
  return by.system !== undefined ? `system:${by.system}` : null;
}

/** The audit entry an event of the log makes. */
export function auditEntryOf(event: RecordedEvent): AuditEntry {
  const data = upcast(event.type, event.data) as Record<string, unknown>;
  const actor = (data.by as By | undefined) ?? null;
  return {
    position: event.position,
    organizationId: text(data.organizationId),
    type: event.type,
    occurredAt: text(data.occurredAt),
    actor,
    actorId: actorIdOf(actor),
    subject: text(data.memberId),
    data,
  };
}

export const AUDIT = 'audit';

/** The lists an audit query reads: an organization's events, and those about a member, by an actor, of a type. */
export const auditList = {
  organization: (organizationId: string): ListKey => [organizationId],
  member: (organizationId: string, memberId: string): ListKey => [organizationId, 'member', memberId],
  actor: (organizationId: string, actorId: string): ListKey => [organizationId, 'actor', actorId],
  type: (organizationId: string, type: string): ListKey => [organizationId, 'type', type],
  /** Events of no organization (the platform's catalog). */
  platform: ['platform'] as ListKey,
};

/**
 * R-READ-2: every event of the log, indexed by organization alone and with its subject, actor or type —
 * an index of log positions (a number per list entry), the events themselves read from the log when a
 * page is shown. The log is the audit trail; this read model only says where to look.
 */
export const auditProjection: PositionProjection = {
  kind: 'positions',
  name: AUDIT,
  handles: AUDITED_TYPES,
  keys(event) {
    // The entry the query will check, so that a list holds exactly the entries that match it.
    const { organizationId, type, subject, actorId } = auditEntryOf(event);
    if (organizationId === null) return [auditList.platform];
    const keys = [auditList.organization(organizationId), auditList.type(organizationId, type)];
    if (subject !== null) keys.push(auditList.member(organizationId, subject));
    if (actorId !== null) keys.push(auditList.actor(organizationId, actorId));
    return keys;
  },
};

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
