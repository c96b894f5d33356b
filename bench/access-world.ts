// The bench world folded through the domain's own deciders, in process: the states `effectiveAccess` reads
// (organization roster + member grants), and optionally every event they came from (the history for the API).
import {
  catalogStream,
  decideCatalog,
  decideMember,
  decideOrganization,
  evolveCatalog,
  evolveMember,
  evolveOrganization,
  initialCatalog,
  initialMember,
  initialOrganization,
  memberStream,
  organizationStream,
  type CatalogState,
  type MemberState,
  type OrganizationState,
} from '@behorighet/domain';
import { worldSteps, type WorldPlan } from './world.js';

export interface FoldedWorld {
  catalog: CatalogState;
  organizations: Map<string, OrganizationState>;
  members: Map<string, MemberState>;
  events: number;
}

/** Receives each decision's events with their stream; awaited, so a sink writing to a store applies back-pressure. */
export type EventSink = (stream: string, events: Array<{ type: string; data: unknown }>) => void | Promise<void>;

/** Decides and folds every step of the plan at `now`; throws the domain's error if a step is refused. */
export async function foldWorld(plan: WorldPlan, now: Date, sink?: EventSink): Promise<FoldedWorld> {
  let catalog = initialCatalog();
  const organizations = new Map<string, OrganizationState>();
  const members = new Map<string, MemberState>();
  let events = 0;
  for (const step of worldSteps(plan)) {
    const context = { now, actor: step.actor };
    if (step.kind === 'catalog') {
      const decided = decideCatalog(step.command, catalog, context);
      for (const event of decided) catalog = evolveCatalog(catalog, event);
      events += decided.length;
      await sink?.(catalogStream(), decided);
    } else if (step.kind === 'organization') {
      let org = organizations.get(step.organizationId) ?? initialOrganization();
      const decided = decideOrganization(step.command, org, { ...context, catalog });
      for (const event of decided) org = evolveOrganization(org, event);
      organizations.set(step.organizationId, org);
      events += decided.length;
      await sink?.(organizationStream(step.organizationId), decided);
    } else {
      const organization = organizations.get(step.organizationId)!;
      let member = members.get(step.command.memberId) ?? initialMember();
      const decided = decideMember(step.command, member, { ...context, organization, catalog });
      for (const event of decided) member = evolveMember(member, event);
      members.set(step.command.memberId, member);
      events += decided.length;
      await sink?.(memberStream(step.command.memberId), decided);
    }
  }
  return { catalog, organizations, members, events };
}
