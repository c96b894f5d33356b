import { Injectable } from '@nestjs/common';
import {
  catalogStream,
  memberStream,
  orderStream,
  organizationStream,
  powersOf,
  type CatalogState,
  type MemberState,
  type OrderState,
  type OrganizationState,
} from '@behorighet/domain';
import type { Caller } from '../auth/caller.js';
import { catalogFold, memberFold, orderFold, organizationFold } from './folds.js';
import { WriteModel } from './write-model.js';

/** Loads the states a decision needs as context, always from the event log (R-SEC-1: never from a read model). */
@Injectable()
export class Aggregates {
  constructor(private readonly writeModel: WriteModel) {}

  async organization(organizationId: string): Promise<OrganizationState> {
    return (await this.writeModel.load(organizationStream(organizationId), organizationFold)).state;
  }

  async catalog(): Promise<CatalogState> {
    return (await this.writeModel.load(catalogStream(), catalogFold)).state;
  }

  async member(memberId: string): Promise<MemberState> {
    return (await this.writeModel.load(memberStream(memberId), memberFold)).state;
  }

  async order(orderId: string): Promise<OrderState> {
    return (await this.writeModel.load(orderStream(orderId), orderFold)).state;
  }
}

/** The pseudonymous actor tag for metadata: `system:<job>`, the caller's member id in this organization, else its platform role. */
export function actorTag(org: OrganizationState, caller: Caller, now: Date): string {
  if (caller.system !== undefined) return `system:${caller.system}`;
  const memberId = org.status === 'registered' ? powersOf(org, caller.subject, now).memberId : undefined;
  if (memberId) return `member:${memberId}`;
  return caller.operator ? 'platform-operator' : 'anonymous';
}
