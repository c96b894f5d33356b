import { foldMemberInto, initialMember, type MemberState } from '@behorighet/domain';
import { defineProjection } from '../projection.js';
import type { ReadDocument } from '../read-store.port.js';
import { MEMBER_EVENT_TYPES, memberEvent } from './domain-events.js';

/** One document per member stream with the domain's folded `MemberState` (grants, shares, logins), found by organization. */
export interface MemberStateDocument extends ReadDocument {
  organizationId: string;
  memberId: string;
  state: MemberState;
}

export const MEMBER_STATES = 'member_states';

export const memberStateProjection = defineProjection<MemberStateDocument>({
  name: MEMBER_STATES,
  version: 1,
  indexes: [{ name: 'byOrganization', fields: ['organizationId'] }],
  handles: MEMBER_EVENT_TYPES,
  route(event) {
    const domain = memberEvent(event);
    return domain ? [domain.data.memberId] : [];
  },
  evolve(document, event, id) {
    const domain = memberEvent(event);
    if (!domain) return document;
    // The state is this read model's own (built by this fold, or loaded for this batch): folded in place.
    const state = document?.state ?? initialMember();
    foldMemberInto(state, domain);
    return { organizationId: state.organizationId, memberId: id, state };
  },
});
