import { defineProjection, memberEvent, type ReadDocument } from '@behorighet/read-models';
import { appendGrantEvent, EMPTY_GRANT_LOG, type GrantLog } from './grant-encoding.js';

/**
 * One organization's grant events, encoded (grant-encoding.ts); its `_id` is the organization id.
 * Read it through `decodeGrantLog` (grant-decoding.ts), which gives the domain's `Grant` objects.
 */
export interface AccessHistoryDocument extends ReadDocument, GrantLog {
  organizationId: string;
}

export const ACCESS_HISTORY = 'access_history';

const GRANT_EVENTS = ['GrantIssued', 'GrantExtended', 'GrantRevoked', 'GrantExpired'] as const;

/**
 * The member side of access intervals (R-READ-3, R-READ-4): per organization, every grant any member
 * held, as compact records decoded on reading into the `Grant` objects `evolveMember` folds. The intervals
 * are derived on reading, with the organization's folded state (`organization_states`), by the domain's
 * `accessIntervals`/`effectiveAccess` (access-history.reader.ts): an interval also depends on
 * organization-wide facts (headless, terminated, the member's own standing) that a per-document `evolve`
 * cannot see, and storing derived intervals would re-derive every member's intervals at each organization
 * event.
 *
 * One document per organization, not per member and service: the history keeps every grant ever issued,
 * and a document costs the store a few hundred bytes of its own (id, position, map and index entries) —
 * more than a grant's record. An organization's grants are what every question reads together anyway.
 */
export const accessHistoryProjection = defineProjection<AccessHistoryDocument>({
  name: ACCESS_HISTORY,
  indexes: [],
  handles: GRANT_EVENTS,
  route(event) {
    const organizationId = (memberEvent(event)?.data as { organizationId?: unknown } | undefined)?.organizationId;
    return typeof organizationId === 'string' ? [organizationId] : [];
  },
  evolve(document, event, id) {
    const domain = memberEvent(event);
    if (!domain) return document;
    const log = appendGrantEvent(document ?? EMPTY_GRANT_LOG, domain);
    return { organizationId: id, grantIds: log.grantIds, memberIds: log.memberIds, names: log.names, records: log.records, lastAt: log.lastAt };
  },
});
