import { foldOrganizationInto, initialOrganization, type OrganizationState } from '@behorighet/domain';
import { defineInPlaceProjection } from '../projection.js';
import type { ReadDocument } from '../read-store.port.js';
import { ORGANIZATION_EVENT_TYPES, organizationEvent } from './domain-events.js';

/**
 * One document per organization holding the domain's own folded state, so that the queries answer with
 * the domain's evaluators (`warnings`, `authoritiesOf`, `effectiveAccess`, `inactiveMembers`…) and
 * never disagree with the write side. The state keeps dated marks, so it answers for past instants too.
 */
export interface OrganizationStateDocument extends ReadDocument {
  organizationId: string;
  state: OrganizationState;
}

export const ORGANIZATION_STATES = 'organization_states';

export const organizationStateProjection = defineInPlaceProjection<OrganizationStateDocument>({
  kind: 'in-place',
  name: ORGANIZATION_STATES,
  version: 1,
  indexes: [],
  handles: ORGANIZATION_EVENT_TYPES,
  route(event) {
    const domain = organizationEvent(event);
    return domain ? [domain.data.organizationId] : [];
  },
  // The state is this read model's own: the domain's fold applied to it in place (see InPlaceProjection).
  create(id, event) {
    const domain = organizationEvent(event);
    if (!domain) return null;
    const state = initialOrganization();
    foldOrganizationInto(state, domain);
    return { organizationId: id, state };
  },
  apply(document, event) {
    const domain = organizationEvent(event);
    if (domain) foldOrganizationInto(document.state, domain);
  },
});
