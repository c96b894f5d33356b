import { foldMemberInto, initialMember, type MemberState } from '@behorighet/domain';
import { defineInPlaceProjection } from '../projection.js';
import type { ReadDocument } from '../read-store.port.js';
import { MEMBER_EVENT_TYPES, memberEvent } from './domain-events.js';

/** One document per member stream with the domain's folded `MemberState` (grants, shares, logins), found by organization. */
export interface MemberStateDocument extends ReadDocument {
  organizationId: string;
  memberId: string;
  state: MemberState;
}

export const MEMBER_STATES = 'member_states';

export const memberStateProjection = defineInPlaceProjection<MemberStateDocument>({
  kind: 'in-place',
  name: MEMBER_STATES,
  version: 1,
  indexes: [{ name: 'byOrganization', fields: ['organizationId'] }],
  handles: MEMBER_EVENT_TYPES,
  route(event) {
    const domain = memberEvent(event);
    return domain ? [domain.data.memberId] : [];
  },
  // The state is this read model's own: the domain's fold applied to it in place (see InPlaceProjection). Every
  // member event names its member and organization, which the first one sets on the state for good.
  create(id, event) {
    const domain = memberEvent(event);
    if (!domain) return null;
    const state = initialMember();
    foldMemberInto(state, domain);
    return { organizationId: state.organizationId, memberId: id, state };
  },
  apply(document, event) {
    const domain = memberEvent(event);
    if (domain) foldMemberInto(document.state, domain);
  },
});
