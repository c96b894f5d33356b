import { spec } from '../../testing/src/decider-spec.js';
import { orderDecider, organizationDecider } from './deciders.js';
import type { Actor } from './event.js';
import type { MemberState } from './member.state.js';
import type { OrderEvent } from './order.events.js';
import { agreementNoticeRecipients } from './reports.js';
import { actor, by, catalog, JOB, memberState, memEv, NOW, ORG, orgState, PEOPLE, T0, world } from './scenario.fixture.js';
import type { BusinessRole } from './vocabulary.js';

const order = spec(orderDecider);
const now = NOW;
const at = NOW.toISOString();
const organization = orgState();
const roles = (memberId: string, ...rs: BusinessRole[]) => memberState(rs.map((role, i) => memEv.grant(memberId, `${memberId}-r${i}`, { role })));
const members: Record<string, MemberState> = {
  [PEOPLE.anna.memberId]: roles(PEOPLE.anna.memberId, 'orderer', 'attestant'),
  [PEOPLE.bo.memberId]: roles(PEOPLE.bo.memberId, 'attestant', 'agent-orderer', 'case-handler-agent'),
  [PEOPLE.carl.memberId]: roles(PEOPLE.carl.memberId, 'contact-person'),
};
const ctx = (who: 'anna' | 'bo' | 'carl' | 'mr', when = now) => ({
  now: when,
  actor: actor(who) as Actor,
  organization,
  catalog: catalog(),
  actorMember: members[PEOPLE[who].memberId] ?? memberState([]),
});
const place = { type: 'PlaceOrder' as const, orderId: 'o-1', service: 'archive', note: 'for the archive project' };
const placed: OrderEvent = {
  type: 'OrderPlaced',
  data: { organizationId: ORG, orderId: 'o-1', kind: 'service', service: 'archive', lapsesAt: '2025-03-03T00:00:00.000Z', schemaVersion: 1, occurredAt: at, by: by('anna') },
};

describe('order decider', () => {
  it('R-ORD-1 an orderer places an order for a service; it lapses after 30 days unless attested', () => {
    order.given([]).when(place, ctx('anna')).then([
      {
        type: 'OrderPlaced',
        data: { organizationId: ORG, orderId: 'o-1', kind: 'service', service: 'archive', note: 'for the archive project', lapsesAt: '2025-03-03T00:00:00.000Z', schemaVersion: 1, occurredAt: at, by: by('anna') },
      },
    ]);
    order.given([]).when({ ...place, kind: 'agent-assignment' }, ctx('bo')).thenMatch([{ type: 'OrderPlaced', data: { kind: 'agent-assignment' } }]);
    order.given([]).when(place, ctx('bo')).thenFails('ROLE_REQUIRED');
    order.given([]).when({ ...place, service: 'payroll' }, ctx('anna')).thenFails('ALREADY_SUBSCRIBED');
    order.given([]).when({ ...place, service: 'nope' }, ctx('anna')).thenFails('UNKNOWN_SERVICE');
  });

  it('R-ORD-1 an attestant approves it, after which the organization subscribes to the service', () => {
    const attested = order.given([placed]).when({ type: 'AttestOrder', orderId: 'o-1' }, ctx('bo')).thenMatch([
      { type: 'OrderAttested', data: { orderId: 'o-1', service: 'archive', orderedBy: { subject: PEOPLE.anna.subject, memberId: PEOPLE.anna.memberId }, by: by('bo') } },
    ]);
    const orderState = [placed, ...attested].reduce(orderDecider.evolve, orderDecider.initialState());
    spec(organizationDecider).given(world()).when({ type: 'SubscribeService', service: 'archive', orderId: 'o-1' }, { now, actor: actor('bo'), catalog: catalog(), order: orderState }).thenMatch([
      { type: 'ServiceSubscribed', data: { service: 'archive', orderId: 'o-1', by: by('bo') } },
    ]);
    const pending = orderDecider.evolve(orderDecider.initialState(), placed);
    spec(organizationDecider).given(world()).when({ type: 'SubscribeService', service: 'archive', orderId: 'o-1' }, { now, actor: actor('bo'), catalog: catalog(), order: pending }).thenFails('ORDER_NOT_PENDING');
  });

  it('R-ORD-2 the attestant must be another person than the orderer, even when that person holds both roles', () => {
    order.given([placed]).when({ type: 'AttestOrder', orderId: 'o-1' }, ctx('anna')).thenFails('SAME_PERSON_ATTESTATION');
    order.given([placed]).when({ type: 'AttestOrder', orderId: 'o-1' }, ctx('carl')).thenFails('ROLE_REQUIRED');
  });

  it('R-ORD-3 an order can be rejected with a reason; without one it is refused', () => {
    order.given([placed]).when({ type: 'RejectOrder', orderId: 'o-1', reason: 'not in budget' }, ctx('bo')).thenMatch([
      { type: 'OrderRejected', data: { reason: 'not in budget', by: by('bo') } },
    ]);
    order.given([placed]).when({ type: 'RejectOrder', orderId: 'o-1', reason: ' ' }, ctx('bo')).thenFails('REASON_REQUIRED');
    const rejected = order.given([placed]).when({ type: 'RejectOrder', orderId: 'o-1', reason: 'no' }, ctx('bo')).thenMatch([{}]);
    order.given([placed, ...rejected]).when({ type: 'AttestOrder', orderId: 'o-1' }, ctx('bo')).thenFails('ORDER_NOT_PENDING');
  });

  it('R-ORD-3 an order not attested within 30 days lapses and can no longer be attested', () => {
    const late = new Date('2025-03-04T00:00:00Z');
    order.given([placed]).when({ type: 'LapseOrder', orderId: 'o-1' }, { ...ctx('bo', late), actor: JOB }).thenMatch([
      { type: 'OrderLapsed', data: { orderId: 'o-1', placedAt: at, occurredAt: '2025-03-03T00:00:00.000Z' } },
    ]);
    order.given([placed]).when({ type: 'LapseOrder', orderId: 'o-1' }, { ...ctx('bo'), actor: JOB }).thenFails('NOT_DUE');
    order.given([placed]).when({ type: 'AttestOrder', orderId: 'o-1' }, ctx('bo', late)).thenFails('ORDER_LAPSED');
  });

  it('R-ORD-4 a case-handler-agent registers a customer\'s connection application; an attestant at the agent approves it', () => {
    const apply = { type: 'RegisterConnectionApplication' as const, orderId: 'o-2', service: 'payroll', applicantOrganizationId: 'org-customer' };
    const registered = order.given([]).when(apply, ctx('bo')).thenMatch([
      { type: 'OrderPlaced', data: { kind: 'connection-application', service: 'payroll', applicantOrganizationId: 'org-customer', by: by('bo') } },
    ]);
    order.given(registered).when({ type: 'AttestOrder', orderId: 'o-2' }, ctx('anna')).thenMatch([
      { type: 'OrderAttested', data: { kind: 'connection-application', applicantOrganizationId: 'org-customer' } },
    ]);
    order.given(registered).when({ type: 'AttestOrder', orderId: 'o-2' }, ctx('bo')).thenFails('SAME_PERSON_ATTESTATION');
    order.given([]).when(apply, ctx('anna')).thenFails('ROLE_REQUIRED');
    order.given([]).when({ ...apply, service: 'archive' }, ctx('bo')).thenFails('SERVICE_NOT_SUBSCRIBED');
  });

  it('R-ORD-5 a contact person receives agreement notices and can view but not order or attest', () => {
    expect(agreementNoticeRecipients(organization, members, NOW)).toEqual([PEOPLE.carl.memberId]);
    order.given([]).when(place, ctx('carl')).thenFails('ROLE_REQUIRED');
    order.given([placed]).when({ type: 'AttestOrder', orderId: 'o-1' }, ctx('carl')).thenFails('ROLE_REQUIRED');
    order.given([placed]).when({ type: 'RejectOrder', orderId: 'o-1', reason: 'x' }, ctx('carl')).thenFails('ROLE_REQUIRED');
    expect(T0 < at).toBe(true);
  });
});
