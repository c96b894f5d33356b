import type { Event } from './event.js';
import type { OrderKind } from './order.state.js';

type OfOrder = { organizationId: string; orderId: string; kind: OrderKind; service: string; applicantOrganizationId?: string };

/** Events of the `order-<uuid>` stream (R-ORD-1…4). `by` of OrderPlaced is the orderer (or the agent's case handler). */
export type OrderEvent =
  | Event<'OrderPlaced', OfOrder & { note?: string; lapsesAt: string }>
  /** Four eyes (R-ORD-2): `orderedBy` is the orderer, `by` the attestant, never the same person. */
  | Event<'OrderAttested', OfOrder & { orderedBy: { subject?: string; memberId?: string } }>
  | Event<'OrderRejected', OfOrder & { reason: string }>
  /** R-ORD-3: occurredAt is the order's lapse instant (placed + 30 days). */
  | Event<'OrderLapsed', OfOrder & { placedAt: string }>;

export type OrderEventType = OrderEvent['type'];
