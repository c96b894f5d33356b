import { upcast } from '@behorighet/domain';
import { defineProjection, type ReadDocument } from '@behorighet/read-models';

/** Every organization, with its orders still waiting for a decision (the ones that may lapse, R-ORD-3). */
export interface ScheduledOrganization extends ReadDocument {
  organizationId: string;
  openOrders: string[];
}

/** A member holding shares, with the owners whose resources it holds (or held) shares of (R-SHR-5, R-MEM-6). */
export interface ShareHolder extends ReadDocument {
  holderMemberId: string;
  organizationId: string;
  owners: string[];
}

const ORDER_DECIDED = ['OrderAttested', 'OrderRejected', 'OrderLapsed'];

/**
 * Where the scheduler looks for due work: the organizations (whose states list their members) and
 * their open orders. Ids only; the jobs load the states themselves from the write model.
 */
export const scheduledOrganizations = defineProjection<ScheduledOrganization>({
  name: 'scheduler_organizations',
  version: 1,
  indexes: [],
  handles: ['OrganizationRegistered', 'OrderPlaced', ...ORDER_DECIDED],
  route(event) {
    const { organizationId } = upcast(event.type, event.data) as { organizationId?: string };
    return organizationId ? [organizationId] : [];
  },
  evolve(document, event, id) {
    const data = upcast(event.type, event.data) as { orderId?: string };
    const openOrders = document?.openOrders ?? [];
    if (event.type === 'OrderPlaced' && data.orderId && !openOrders.includes(data.orderId)) {
      return { organizationId: id, openOrders: [...openOrders, data.orderId] };
    }
    if (ORDER_DECIDED.includes(event.type)) return { organizationId: id, openOrders: openOrders.filter((o) => o !== data.orderId) };
    return { organizationId: id, openOrders };
  },
});

/** Who holds shares of whose resources: the owners' streams a leaver's held shares are revoked on. */
export const shareHolders = defineProjection<ShareHolder>({
  name: 'scheduler_share_holders',
  version: 1,
  indexes: [],
  handles: ['AccessShared'],
  route(event) {
    const { holderMemberId } = upcast(event.type, event.data) as { holderMemberId?: string };
    return holderMemberId ? [holderMemberId] : [];
  },
  evolve(document, event, id) {
    const { memberId, organizationId } = upcast(event.type, event.data) as { memberId: string; organizationId: string };
    const owners = document?.owners ?? [];
    return { holderMemberId: id, organizationId, owners: owners.includes(memberId) ? owners : [...owners, memberId] };
  },
});
