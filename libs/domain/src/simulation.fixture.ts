/**
 * A simulation harness for property tests (not exported from the index): interprets random steps as commands
 * of random actors at an advancing clock, applies the accepted ones to the states, and keeps a log of every
 * decision with the actor's powers at that moment.
 */
import { powersOf, type Powers } from './authority.js';
import type { CatalogState } from './catalog.decider.js';
import { DomainError } from './errors.js';
import { isSystem, type Actor } from './event.js';
import { dueWork } from './due-work.js';
import { decideMember } from './member.decider.js';
import type { MemberCommand } from './member.commands.js';
import type { MemberEvent } from './member.events.js';
import { evolveMember } from './member.evolve.js';
import { initialMember, type MemberState } from './member.state.js';
import { decideOrganization } from './organization.decider.js';
import type { OrganizationCommand } from './organization.commands.js';
import type { OrganizationEvent } from './organization.events.js';
import { evolveOrganization } from './organization.evolve.js';
import type { OrganizationState } from './organization.state.js';
import { catalog, JOB, NOW, OPERATOR, orgState, world } from './scenario.fixture.js';

/** A step: a command (built from the clock, since instants in commands are relative to it) or a run of every due job. */
export type Step =
  | { kind: 'org'; actor: Actor; command: (now: Date) => OrganizationCommand; advanceMs: number }
  | { kind: 'member'; actor: Actor; command: (now: Date, members: Record<string, MemberState>) => MemberCommand; advanceMs: number }
  | { kind: 'jobs'; advanceMs: number };

export interface Decision {
  at: Date;
  actor: Actor;
  /** The actor's powers in the organization just before the decision. */
  powers: Powers | undefined;
  orgBefore: OrganizationState;
  events: Array<OrganizationEvent | MemberEvent>;
}

export interface Simulation {
  org: OrganizationState;
  members: Record<string, MemberState>;
  orgEvents: OrganizationEvent[];
  memberEvents: MemberEvent[];
  decisions: Decision[];
  now: Date;
  refused: number;
  /** Refusals by DomainError code (to see what a generator mostly produces). */
  refusals: Record<string, number>;
}

export function simulate(steps: Step[], catalogState: CatalogState = catalog()): Simulation {
  const orgEvents = world();
  const sim: Simulation = { org: orgState(orgEvents), members: {}, orgEvents: [...orgEvents], memberEvents: [], decisions: [], now: NOW, refused: 0, refusals: {} };
  for (const step of steps) {
    sim.now = new Date(+sim.now + step.advanceMs);
    if (step.kind === 'jobs') {
      for (const work of dueWork(sim.org, sim.members, sim.now)) {
        if (work.stream === 'organization') attempt(sim, JOB, () => decideOrganization(work.command, sim.org, { now: sim.now, actor: JOB }));
        else if (work.stream === 'member') attempt(sim, JOB, () => decideMember(work.command, memberOf(sim, work.memberId), { now: sim.now, actor: JOB, organization: sim.org, catalog: catalogState }));
      }
    } else if (step.kind === 'org') {
      attempt(sim, step.actor, () => decideOrganization(step.command(sim.now), sim.org, { now: sim.now, actor: step.actor, catalog: catalogState }));
    } else {
      const context = { now: sim.now, actor: step.actor, organization: sim.org, catalog: catalogState, actorMember: actorMember(sim, step.actor) };
      const command = step.command(sim.now, sim.members);
      attempt(sim, step.actor, () => decideMember(command, memberOf(sim, command.memberId), context));
    }
  }
  return sim;
}

function memberOf(sim: Simulation, memberId: string): MemberState {
  return sim.members[memberId] ?? initialMember();
}

function actorMember(sim: Simulation, actor: Actor): MemberState {
  if (isSystem(actor)) return initialMember();
  const memberId = powersOf(sim.org, actor.subject, sim.now).memberId;
  return memberId ? memberOf(sim, memberId) : initialMember();
}

/** Runs one decision; a DomainError is a refusal, any other error a bug that fails the property. */
function attempt(sim: Simulation, actor: Actor, decide: () => Array<OrganizationEvent | MemberEvent>): void {
  const orgBefore = sim.org;
  const powers = isSystem(actor) || actor === OPERATOR ? undefined : powersOf(sim.org, actor.subject, sim.now);
  let events: Array<OrganizationEvent | MemberEvent>;
  try {
    events = decide();
  } catch (error) {
    if (error instanceof DomainError) {
      sim.refused++;
      sim.refusals[error.code] = (sim.refusals[error.code] ?? 0) + 1;
      return;
    }
    throw error;
  }
  for (const event of events) {
    if (isMemberEvent(event)) {
      sim.members = { ...sim.members, [event.data.memberId]: evolveMember(memberOf(sim, event.data.memberId), event) };
      sim.memberEvents.push(event);
    } else {
      sim.org = evolveOrganization(sim.org, event);
      sim.orgEvents.push(event);
    }
  }
  if (events.length) sim.decisions.push({ at: sim.now, actor, powers, orgBefore, events });
}

const MEMBER_EVENT_TYPES = new Set([
  'GrantIssued', 'GrantExtended', 'GrantRevoked', 'GrantExpired', 'AccessShared', 'ShareRevoked', 'WorkspaceSwitched', 'UserLoggedIn', 'LoginDenied',
]);

function isMemberEvent(event: OrganizationEvent | MemberEvent): event is MemberEvent {
  return MEMBER_EVENT_TYPES.has(event.type) || (event.type === 'ReminderSent' && event.data.about === 'grant');
}
