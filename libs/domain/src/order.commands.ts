import type { CatalogState } from './catalog.decider.js';
import type { DecisionContext } from './event.js';
import type { MemberState } from './member.state.js';
import type { OrganizationState } from './organization.state.js';

/** Commands on an `order-<uuid>` stream. */
export type OrderCommand =
  /** R-ORD-1: an orderer orders a service; an agent-orderer an agent assignment. */
  | { type: 'PlaceOrder'; orderId: string; service: string; kind?: 'service' | 'agent-assignment'; note?: string }
  /** R-ORD-4: a case-handler-agent registers a customer's application to connect to the agent's service. */
  | { type: 'RegisterConnectionApplication'; orderId: string; service: string; applicantOrganizationId: string; note?: string }
  | { type: 'AttestOrder'; orderId: string }
  | { type: 'RejectOrder'; orderId: string; reason: string }
  /** Job: an order not attested within 30 days lapses (R-ORD-3). */
  | { type: 'LapseOrder'; orderId: string };

export type OrderCommandType = OrderCommand['type'];

/** What decideOrder needs: the organization (authority) and the caller's member state (its business roles). */
export interface OrderContext extends DecisionContext {
  organization: OrganizationState;
  /** The caller's own member stream state: its roles decide (orderer, attestant, case-handler-agent). */
  actorMember?: MemberState;
  /** PlaceOrder: the service must be in the catalog. */
  catalog?: CatalogState;
}
