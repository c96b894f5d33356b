import { defineProjection } from '../projection.js';
import type { ReadDocument } from '../read-store.port.js';
import { organizationEvent } from './domain-events.js';

/** A person's membership: the member bound to a subject (e-ID), found by subject for `GET /v1/me`. */
export interface MembershipDocument extends ReadDocument {
  subject: string;
  organizationId: string;
  memberId: string;
}

export const MEMBERSHIPS = 'memberships_by_subject';

/**
 * A membership exists from the binding of the subject (a main responsible's registration, or the
 * acceptance of an invitation) until the member is deleted (R-MEM-5). Its standing at an instant
 * (left, blocked, roles) is the organization state's to answer.
 */
export const membershipsProjection = defineProjection<MembershipDocument>({
  name: MEMBERSHIPS,
  version: 1,
  indexes: [{ name: 'bySubject', fields: ['subject'] }],
  handles: ['MemberRegistered', 'InvitationAccepted', 'MemberDeleted'],
  route(event) {
    const domain = organizationEvent(event);
    return domain && 'memberId' in domain.data ? [domain.data.memberId] : [];
  },
  evolve(document, event, id) {
    const domain = organizationEvent(event);
    switch (domain?.type) {
      case 'MemberRegistered':
      case 'InvitationAccepted':
        return domain.data.subject === undefined ? document : { subject: domain.data.subject, organizationId: domain.data.organizationId, memberId: id };
      case 'MemberDeleted':
        return null;
      default:
        return document;
    }
  },
});
