import { effectiveAccess } from './access.js';
import { DomainError, ensure } from './errors.js';
import { byOf, compact, meta } from './event.js';
import { actorPowers, requireRegistered, requireSystem, requireText } from './guards.js';
import type { OrderCommand, OrderContext } from './order.commands.js';
import type { OrderEvent } from './order.events.js';
import { initialOrder, type OrderKind, type OrderState } from './order.state.js';
import { addDays, iso, ms, ORDER_LAPSE_DAYS } from './time.js';
import type { BusinessRole } from './vocabulary.js';

export { initialOrder };

export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  const d = event.data;
  switch (event.type) {
    case 'OrderPlaced':
      return {
        status: 'placed',
        orderId: d.orderId,
        organizationId: d.organizationId,
        kind: d.kind,
        service: d.service,
        applicantOrganizationId: d.applicantOrganizationId,
        note: event.data.note,
        placedAt: d.occurredAt,
        lapsesAt: event.data.lapsesAt,
        orderedBy: d.by,
      };
    case 'OrderAttested':
      return { ...state, status: 'attested', decidedAt: d.occurredAt, decidedBy: d.by };
    case 'OrderRejected':
      return { ...state, status: 'rejected', decidedAt: d.occurredAt, decidedBy: d.by, reason: event.data.reason };
    case 'OrderLapsed':
      return { ...state, status: 'lapsed', decidedAt: d.occurredAt, decidedBy: d.by };
    default:
      return state;
  }
}

/** Orders and attestation: R-ORD-1…5. */
export function decideOrder(command: OrderCommand, state: OrderState, context: OrderContext): OrderEvent[] {
  const org = context.organization;
  requireRegistered(org);
  const now = +context.now;
  if (state.status !== 'none' && state.organizationId !== org.organizationId) throw new Error('context.organization is not the order\'s organization');
  switch (command.type) {
    case 'PlaceOrder':
    case 'RegisterConnectionApplication': {
      ensure(state.status === 'none', 'ALREADY_EXISTS', 'the order already exists');
      const application = command.type === 'RegisterConnectionApplication';
      const kind: OrderKind = application ? 'connection-application' : (command.kind ?? 'service');
      const roles: BusinessRole[] = kind === 'service' ? ['orderer', 'case-handler-connection'] : kind === 'agent-assignment' ? ['agent-orderer'] : ['case-handler-agent'];
      const powers = requireRole(context, roles);
      if (!context.catalog) throw new Error('placing an order needs context.catalog');
      ensure(context.catalog.services[command.service], 'UNKNOWN_SERVICE', `unknown service ${command.service}`, { field: 'service' });
      if (application) {
        ensure(org.subscriptions[command.service], 'SERVICE_NOT_SUBSCRIBED', 'the agent does not offer this service');
        ensure(command.applicantOrganizationId !== org.organizationId, 'INVALID_INPUT', 'the applicant is another organization');
      } else {
        ensure(!org.subscriptions[command.service], 'ALREADY_SUBSCRIBED', `already subscribed to ${command.service}`);
      }
      const data = compact({
        organizationId: org.organizationId,
        orderId: command.orderId,
        kind,
        service: command.service,
        applicantOrganizationId: application ? requireText(command.applicantOrganizationId, 'applicantOrganizationId') : undefined,
        note: command.note,
        lapsesAt: iso(addDays(now, ORDER_LAPSE_DAYS)),
      });
      return [{ type: 'OrderPlaced', data: { ...data, ...meta(byOf(context.actor, powers.memberId), now) } }];
    }
    case 'AttestOrder': {
      requirePending(state, now);
      const powers = actorPowers(org, context);
      const samePerson = powers.memberId === state.orderedBy.memberId || powers.member.subject === state.orderedBy.subject;
      ensure(!samePerson, 'SAME_PERSON_ATTESTATION', 'the attestant must be another person than the orderer');
      requireRole(context, ['attestant']);
      const orderedBy = compact({ subject: state.orderedBy.subject, memberId: state.orderedBy.memberId });
      return [{ type: 'OrderAttested', data: { ...orderData(state), orderedBy, ...meta(byOf(context.actor, powers.memberId), now) } }];
    }
    case 'RejectOrder': {
      requirePending(state, now);
      const powers = requireRole(context, ['attestant']);
      const reason = command.reason?.trim();
      ensure(reason, 'REASON_REQUIRED', 'a rejection needs a reason', { field: 'reason' });
      return [{ type: 'OrderRejected', data: { ...orderData(state), reason, ...meta(byOf(context.actor, powers.memberId), now) } }];
    }
    case 'LapseOrder': {
      requireSystem(context);
      if (state.status !== 'placed') return [];
      ensure(ms(state.lapsesAt) <= now, 'NOT_DUE', 'the order is younger than 30 days');
      return [{ type: 'OrderLapsed', data: { ...orderData(state), placedAt: state.placedAt, ...meta(byOf(context.actor), state.lapsesAt) } }];
    }
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled order command ${JSON.stringify(unhandled)}`);
    }
  }
}

function orderData(state: OrderState) {
  return compact({
    organizationId: state.organizationId,
    orderId: state.orderId,
    kind: state.kind,
    service: state.service,
    applicantOrganizationId: state.applicantOrganizationId,
  });
}

function requirePending(state: OrderState, now: number): void {
  ensure(state.status !== 'none', 'ORDER_NOT_FOUND', 'no such order');
  ensure(state.status === 'placed', 'ORDER_NOT_PENDING', `the order is ${state.status}`);
  ensure(now < ms(state.lapsesAt), 'ORDER_LAPSED', 'the order was not attested within 30 days');
}

/** The caller must hold one of the business roles now (evaluated like any access, R-READ-5). */
function requireRole(context: OrderContext, roles: BusinessRole[]) {
  const powers = actorPowers(context.organization, context);
  const member = context.actorMember;
  if (!member) throw new Error('order commands need context.actorMember (the caller\'s member state)');
  const subject = { organization: context.organization, member, memberId: powers.memberId };
  const holds = roles.some((role) => effectiveAccess(subject, { role }, undefined, context.now).allowed);
  if (!holds) throw new DomainError('ROLE_REQUIRED', `the caller needs the role ${roles.join(' or ')}`, { roles });
  return powers;
}
