export { MEMBER_EVENT_TYPES, ORGANIZATION_EVENT_TYPES, memberEvent, organizationEvent } from './domain-events.js';
export { ORGANIZATION_STATES, organizationStateProjection, type OrganizationStateDocument } from './organization-state.projection.js';
export { MEMBER_STATES, memberStateProjection, type MemberStateDocument } from './member-state.projection.js';
export { MEMBERSHIPS, membershipsProjection, type MembershipDocument } from './memberships.projection.js';
