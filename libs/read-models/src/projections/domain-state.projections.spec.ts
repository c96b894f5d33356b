import fc from 'fast-check';
import { InMemoryEventStore } from '@behorighet/event-store';
import { memberStream, organizationStream, type MemberEvent, type OrganizationEvent } from '@behorighet/domain';
import { scenario } from '../../../domain/src/simulation.arbitraries.js';
import { simulate, type Simulation } from '../../../domain/src/simulation.fixture.js';
import { world } from '../../../domain/src/scenario.fixture.js';
import { MemoryReadStore } from '../memory.read-store.js';
import { ProjectionRunner } from '../projection-runner.js';
import type { ReadModelProjection } from '../projection.js';
import type { ReadStore } from '../read-store.port.js';
import { recordingLogger } from '../testing/counting.projection.js';
import { MEMBER_STATES, memberStateProjection, type MemberStateDocument } from './member-state.projection.js';
import { MEMBERSHIPS, membershipsProjection, type MembershipDocument } from './memberships.projection.js';
import { ORGANIZATION_STATES, organizationStateProjection, type OrganizationStateDocument } from './organization-state.projection.js';

const PROJECTIONS: ReadModelProjection[] = [organizationStateProjection, memberStateProjection, membershipsProjection];

/**
 * The memory store without its in-place path: the organization and member states go through the generic batch as
 * whole documents (`evolvingOf`), as they do on MongoDB.
 */
function wholeDocumentStore(): ReadStore {
  return Object.assign(new MemoryReadStore(), { applyInPlace: undefined });
}

const STORES = [
  ['the memory store, folding in place', () => new MemoryReadStore()],
  ['a store taking whole documents', wholeDocumentStore],
] as const;

/** The simulation's events in the order they were decided, each on its stream (as the command side appends them). */
async function logOf(sim: Simulation): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  const initial = world();
  const decided = sim.decisions.flatMap((d) => d.events);
  for (const event of [...initial, ...decided] as Array<OrganizationEvent | MemberEvent>) {
    await store.append(streamOf(event), [{ type: event.type, data: event.data }], { expectedRevision: 'any' });
  }
  return store;
}

function streamOf(event: OrganizationEvent | MemberEvent): string {
  const onMember = 'grantId' in event.data || 'shareId' in event.data || event.type === 'UserLoggedIn' || event.type === 'LoginDenied';
  return onMember ? memberStream((event.data as { memberId: string }).memberId) : organizationStream(event.data.organizationId);
}

async function project(events: InMemoryEventStore, readStore: ReadStore, fromPosition?: bigint): Promise<void> {
  const head = await events.headPosition();
  for (const projection of PROJECTIONS) {
    const runner = new ProjectionRunner({ projection, events, readStore, logger: recordingLogger(), ...(fromPosition === undefined ? {} : { fromPosition }) });
    await runner.start();
    await runner.waitFor(head, 5_000);
    await runner.stop();
  }
}

describe('read models holding the domain states', () => {
  it.each(STORES)('R-READ-6 fold every organization and member stream to exactly the states the write side folds (%s)', async (_store, newStore) => {
    await fc.assert(
      fc.asyncProperty(scenario, async (steps) => {
        const sim = simulate(steps);
        const events = await logOf(sim);
        const readStore = newStore();
        await project(events, readStore);

        const org = await readStore.get<OrganizationStateDocument>(ORGANIZATION_STATES, sim.org.organizationId);
        expect(org?.state).toEqual(sim.org);
        for (const [memberId, state] of Object.entries(sim.members)) {
          const member = await readStore.get<MemberStateDocument>(MEMBER_STATES, memberId);
          expect(member).toMatchObject({ organizationId: sim.org.organizationId, memberId });
          expect(member?.state).toEqual(state);
        }
        const byOrg = await readStore.find<MemberStateDocument>(MEMBER_STATES, { organizationId: sim.org.organizationId }, { limit: 1000 });
        expect(byOrg.items.map((d) => d.memberId).sort()).toEqual(Object.keys(sim.members).sort());
      }),
      { numRuns: 25, seed: 7 },
    );
  });

  it('R-READ-6 every event delivered twice gives the same read models (digest), folded in place or as whole documents', async () => {
    const [steps] = fc.sample(scenario, { numRuns: 1, seed: 11 });
    const events = await logOf(simulate(steps!));
    const readStore = new MemoryReadStore();
    await project(events, readStore);
    const once = await readStore.digest();
    await project(events, readStore, 0n);
    expect(await readStore.digest()).toEqual(once);
    expect(Object.keys(once).sort()).toEqual([MEMBER_STATES, MEMBERSHIPS, ORGANIZATION_STATES].sort());

    const whole = wholeDocumentStore();
    await project(events, whole);
    expect(await whole.digest()).toEqual(once);
  });

  it('keeps one membership per bound subject, and drops it when the member is deleted (R-MEM-5)', async () => {
    const sim = simulate(fc.sample(scenario, { numRuns: 1, seed: 3 })[0]!);
    const readStore = new MemoryReadStore();
    await project(await logOf(sim), readStore);
    for (const member of Object.values(sim.org.members)) {
      const found = member.subject ? await readStore.find<MembershipDocument>(MEMBERSHIPS, { subject: member.subject }) : { items: [] };
      const expected = member.subject && !member.deleted ? [{ subject: member.subject, organizationId: sim.org.organizationId, memberId: member.memberId }] : [];
      expect(found.items.map(({ subject, organizationId, memberId }) => ({ subject, organizationId, memberId }))).toEqual(expected);
    }
  });
});
