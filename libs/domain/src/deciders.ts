import { decideOrder, evolveOrder, initialOrder } from './order.decider.js';
import { decideCatalog, evolveCatalog, initialCatalog } from './catalog.decider.js';
import { decideMember } from './member.decider.js';
import { evolveMember } from './member.evolve.js';
import { initialMember } from './member.state.js';
import { decideOrganization } from './organization.decider.js';
import { evolveOrganization } from './organization.evolve.js';
import { initialOrganization } from './organization.state.js';

/** Each stream kind's decider as one object: `decide`, `evolve`, `initialState` (for generic runners and specs). */
export const catalogDecider = { decide: decideCatalog, evolve: evolveCatalog, initialState: initialCatalog };
export const organizationDecider = { decide: decideOrganization, evolve: evolveOrganization, initialState: initialOrganization };
export const memberDecider = { decide: decideMember, evolve: evolveMember, initialState: initialMember };
export const orderDecider = { decide: decideOrder, evolve: evolveOrder, initialState: initialOrder };
