import { foldOrganizationInto, initialOrganization, type OrganizationState } from '@behorighet/domain';
import { defineProjection } from '../projection.js';
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

export const organizationStateProjection = defineProjection<OrganizationStateDocument>({
  name: ORGANIZATION_STATES,
  version: 1,
  indexes: [],
  handles: ORGANIZATION_EVENT_TYPES,
  route(event) {
    const domain = organizationEvent(event);
    return domain ? [domain.data.organizationId] : [];
  },
  evolve(document, event, id) {
    const domain = organizationEvent(event);
    if (!domain) return document;
    // The state is this read model's own (built by this fold, or loaded for this batch): folded in place.
    const state = document?.state ?? initialOrganization();
    foldOrganizationInto(state, domain);
    return { organizationId: id, state };
  },
});
