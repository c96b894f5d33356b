import type { RecordedEvent } from '@behorighet/event-store';
import { scheduledOrganizations, shareHolders } from './work-index.projections.js';

let position = 0n;
const event = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e${++position}`,
  stream: 'any',
  revision: 0n,
  position,
  type,
  data,
  metadata: {},
  recordedAt: new Date(0),
});

function project<D>(projection: { route(e: RecordedEvent): readonly unknown[]; evolve(doc: D | null, e: RecordedEvent, id: string): unknown }, events: RecordedEvent[]) {
  const docs = new Map<string, D>();
  for (const e of events) {
    for (const id of projection.route(e) as string[]) docs.set(id, projection.evolve(docs.get(id) ?? null, e, id) as D);
  }
  return Object.fromEntries(docs);
}

describe('the scheduler\'s work index', () => {
  it('R-ORD-3 lists every organization with its orders still waiting for a decision', () => {
    const docs = project(scheduledOrganizations, [
      event('OrganizationRegistered', { organizationId: 'o1' }),
      event('OrganizationRegistered', { organizationId: 'o2' }),
      event('OrderPlaced', { organizationId: 'o1', orderId: 'a' }),
      event('OrderPlaced', { organizationId: 'o1', orderId: 'b' }),
      event('OrderPlaced', { organizationId: 'o1', orderId: 'c' }),
      event('OrderAttested', { organizationId: 'o1', orderId: 'a' }),
      event('OrderLapsed', { organizationId: 'o1', orderId: 'c' }),
    ]);
    expect(docs).toEqual({ o1: { organizationId: 'o1', openOrders: ['b'] }, o2: { organizationId: 'o2', openOrders: [] } });
  });

  it('R-SHR-5 knows on which owners\' streams a member holds shares', () => {
    const docs = project(shareHolders, [
      event('AccessShared', { organizationId: 'o1', memberId: 'owner-1', holderMemberId: 'h' }),
      event('AccessShared', { organizationId: 'o1', memberId: 'owner-2', holderMemberId: 'h' }),
      event('AccessShared', { organizationId: 'o1', memberId: 'owner-1', holderMemberId: 'h' }),
    ]);
    expect(docs).toEqual({ h: { holderMemberId: 'h', organizationId: 'o1', owners: ['owner-1', 'owner-2'] } });
  });
});
