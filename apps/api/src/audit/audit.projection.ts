import { upcast, type By, type CatalogEvent, type MemberEvent, type OrderEvent, type OrganizationEvent } from '@behorighet/domain';
import type { LogEvent } from '@behorighet/event-store';
import type { PositionEntry, PositionProjection } from '@behorighet/read-models';

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
export function auditEntryOf(event: LogEvent): AuditEntry {
  const data = auditData(event);
  const actor = actorOf(data);
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

/** An event's data as the audit reads it (upcast to the current schema: the identity while every event is at v1). */
function auditData(event: LogEvent): Record<string, unknown> {
  return upcast(event.type, event.data) as Record<string, unknown>;
}

function actorOf(data: Record<string, unknown>): By | null {
  return (data.by as By | undefined) ?? null;
}

export const AUDIT = 'audit';

/** The tags of an audit entry, each what a query filter checks: `type`, `member` (the subject), `actor` (`actorId`). */
export const AUDIT_TAGS = ['type', 'member', 'actor'] as const;

/** The list of the events of no organization (the platform's catalog); an organization's list is its id. */
export const PLATFORM_LIST = 'platform';

/**
 * R-READ-2: every event of the log, one entry each in its organization's list, tagged with its type, subject
 * and actor — an index of log positions, the events themselves read from the log when a page is shown. The
 * log is the audit trail; this read model only says where to look.
 */
export const auditProjection: PositionProjection = {
  kind: 'positions',
  name: AUDIT,
  // Its shape changed on 2026-11-23 (entries: an index of log positions with tags). 1 is this first stored version:
  // no version was stored before, so a read model from before that change (no version) is rebuilt all the same.
  version: 1,
  handles: AUDITED_TYPES,
  tags: AUDIT_TAGS,
  entry(event): PositionEntry {
    // The same fields, read the same way, as `auditEntryOf` gives the query's check, without building the whole entry.
    const data = auditData(event);
    return {
      list: text(data.organizationId) ?? PLATFORM_LIST,
      tags: { type: event.type, member: text(data.memberId) ?? undefined, actor: actorIdOf(actorOf(data)) ?? undefined },
    };
  },
};

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
