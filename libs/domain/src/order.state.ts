import type { By } from './event.js';

/** R-ORD-1/R-ORD-4: a service order, an agent assignment order, or a customer's connection application at an agent. */
export type OrderKind = 'service' | 'agent-assignment' | 'connection-application';

export interface OrderState {
  status: 'none' | 'placed' | 'attested' | 'rejected' | 'lapsed';
  orderId: string;
  organizationId: string;
  kind: OrderKind;
  service: string;
  /** The connecting customer organization (connection applications only). */
  applicantOrganizationId?: string;
  note?: string;
  placedAt: string;
  /** placedAt + 30 days (R-ORD-3). */
  lapsesAt: string;
  /** The orderer (or the case handler who registered an application). */
  orderedBy: By;
  decidedAt?: string;
  decidedBy?: By;
  reason?: string;
}

export function initialOrder(): OrderState {
  return { status: 'none', orderId: '', organizationId: '', kind: 'service', service: '', placedAt: '', lapsesAt: '', orderedBy: {} };
}
