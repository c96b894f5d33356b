import {
  catalogDecider,
  memberDecider,
  orderDecider,
  organizationDecider,
  type CatalogState,
  type MemberState,
  type OrderState,
  type OrganizationState,
} from '@behorighet/domain';
import type { Fold } from './write-model.js';

/** The folds of each stream kind, one instance each: the write-model cache keys its entries by them. */
function foldOf<S>(decider: { initialState(): S; evolve(state: S, event: never): S }): Fold<S> {
  return { initial: decider.initialState, evolve: decider.evolve as Fold<S>['evolve'] };
}

export const catalogFold: Fold<CatalogState> = foldOf(catalogDecider);
export const organizationFold: Fold<OrganizationState> = foldOf(organizationDecider);
export const memberFold: Fold<MemberState> = foldOf(memberDecider);
export const orderFold: Fold<OrderState> = foldOf(orderDecider);
