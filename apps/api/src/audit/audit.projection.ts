import { upcast, type By, type CatalogEvent, type MemberEvent, type OrderEvent, type OrganizationEvent } from '@behorighet/domain';
import { defineProjection, type ReadDocument } from '@behorighet/read-models';

/**
 * One event of the log as the audit history shows it (R-READ-2): who (`actor`), when (`occurredAt`),
 * what (`type`, `data`), about whom (`subject`, the target member). Written once, never changed.
 */
export interface AuditEntry extends ReadDocument {
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

/** One shared string per type name, so a million entries do not hold a million copies of 'UserLoggedIn'. */
const TYPE_NAMES: ReadonlyMap<string, string> = new Map(AUDITED_TYPES.map((type) => [type, type]));

/** Entry ids are log positions padded to 20 digits: `_id` order is log order, so pages run oldest first. */
export function auditId(position: bigint): string {
  return position.toString().padStart(20, '0');
}

export function actorIdOf(by: By | null | undefined): string | null {
  if (!by) return null;
  if (by.memberId !== undefined) return by.memberId;
  if (by.subject !== undefined) return by.subject;
  return by.system !== undefined ? `system:${by.system}` : null;
}

export const AUDIT = 'audit';

/** R-READ-2: every event of the log, indexed by organization alone and with its subject, actor or type. */
export const auditProjection = defineProjection<AuditEntry>({
  name: AUDIT,
  indexes: [
    { name: 'byOrganization', fields: ['organizationId'] },
    { name: 'byOrganizationSubject', fields: ['organizationId', 'subject'] },
    { name: 'byOrganizationActor', fields: ['organizationId', 'actorId'] },
    { name: 'byOrganizationType', fields: ['organizationId', 'type'] },
  ],
  handles: AUDITED_TYPES,
  route: (event) => [auditId(event.position)],
  evolve(_document, event) {
    const data = upcast(event.type, event.data) as Record<string, unknown>;
    const actor = (data.by as By | undefined) ?? null;
    return {
      organizationId: text(data.organizationId),
      type: TYPE_NAMES.get(event.type) ?? event.type,
      occurredAt: text(data.occurredAt),
      actor,
      actorId: actorIdOf(actor),
      subject: text(data.memberId),
      data,
    };
  },
});

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
