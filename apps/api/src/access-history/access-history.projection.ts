import { evolveMember, initialMember, targetKey, type Grant } from '@behorighet/domain';
import { defineProjection, memberEvent, type ReadDocument } from '@behorighet/read-models';

/** One member's grants for one service or role (`service:<key>` / `role:<name>`), folded by the domain's evolveMember. */
export interface GrantHistoryDocument extends ReadDocument {
  organizationId: string;
  memberId: string;
  target: string;
  grants: Readonly<Record<string, Grant>>;
}

export const ACCESS_HISTORY = 'access_history';

const GRANT_EVENTS = ['GrantIssued', 'GrantExtended', 'GrantRevoked', 'GrantExpired'] as const;

export function grantHistoryId(memberId: string, target: string): string {
  return `${memberId}|${target}`;
}

/**
 * The member side of access intervals (R-READ-3, R-READ-4): per member and service/role, the grants as the
 * domain folds them, indexed by organization and target so that a question about one service reads only
 * its grant holders. The intervals are derived on reading, with the organization's folded state
 * (`organization_states`), by the domain's `accessIntervals`/`effectiveAccess` (access-history.reader.ts):
 * an interval also depends on organization-wide facts (headless, terminated, the member's own standing) that
 * a per-document `evolve` cannot see, and storing derived intervals would re-derive every member's
 * intervals at each organization event.
 */
export const accessHistoryProjection = defineProjection<GrantHistoryDocument>({
  name: ACCESS_HISTORY,
  indexes: [
    { name: 'byOrganizationTarget', fields: ['organizationId', 'target'] },
    { name: 'byOrganization', fields: ['organizationId'] },
  ],
  handles: GRANT_EVENTS,
  route(event) {
    const data = memberEvent(event)?.data as { memberId?: string; service?: string; role?: string } | undefined;
    return typeof data?.memberId === 'string' ? [grantHistoryId(data.memberId, targetKey(data))] : [];
  },
  evolve(document, event) {
    const domain = memberEvent(event);
    if (!domain) return document;
    const { memberId, organizationId } = domain.data;
    const before = { ...initialMember(), memberId, organizationId, grants: (document?.grants ?? {}) as Record<string, Grant> };
    const { grants } = evolveMember(before, domain);
    return { organizationId, memberId, target: targetKey(domain.data as { service?: string; role?: string }), grants };
  },
});
