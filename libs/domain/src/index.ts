/** @behorighet/domain — every product rule as pure deciders and evaluators. No I/O, no clock, no randomness. */
export * from './errors.js';
export * from './event.js';
export * from './time.js';
export * from './streams.js';
export * from './vocabulary.js';
export * from './upcasters.js';
export * from './org-number.js';

export * from './catalog.events.js';
export * from './catalog.decider.js';

export * from './organization.events.js';
export * from './organization.commands.js';
export * from './organization.state.js';
export { decideOrganization } from './organization.decider.js';
export { evolveOrganization, foldOrganizationInto } from './organization.evolve.js';

export * from './member.events.js';
export * from './member.commands.js';
export * from './member.state.js';
export { decideMember } from './member.decider.js';
export { evolveMember, foldMemberInto } from './member.evolve.js';
export { isOpenGrant } from './grants.decider.js';

export * from './authority.js';
export * from './guards.js';
export * from './member-status.js';
export * from './headless.js';
export * from './share-rights.js';
export * from './access.js';
export * from './deciders.js';

export * from './order.state.js';
export * from './order.events.js';
export * from './order.commands.js';
export { decideOrder, evolveOrder } from './order.decider.js';

export * from './reports.js';
export * from './access-intervals.js';
export * from './due-work.js';
