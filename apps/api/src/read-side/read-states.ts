import { Inject, Injectable } from '@nestjs/common';
import { initialMember, initialOrganization, type MemberState, type OrganizationState } from '@behorighet/domain';
import {
  MEMBER_STATES,
  MEMBERSHIPS,
  ORGANIZATION_STATES,
  READ_STORE,
  type MemberStateDocument,
  type MembershipDocument,
  type OrganizationStateDocument,
  type ReadStore,
} from '@behorighet/read-models';

/** The read models holding the domain's states: what the overview, reports and access queries read. */
export const STATE_READ_MODELS = [ORGANIZATION_STATES, MEMBER_STATES] as const;

const PAGE = 1000;

/** Loads the domain states the projections keep, so the queries can hand them to the domain's evaluators. */
@Injectable()
export class ReadStates {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  /** The organization as projected; an empty (unregistered) state until its first event is projected. */
  async organization(organizationId: string): Promise<OrganizationState> {
    const document = await this.store.get<OrganizationStateDocument>(ORGANIZATION_STATES, organizationId);
    return document?.state ?? initialOrganization();
  }

  async member(memberId: string): Promise<MemberState> {
    const document = await this.store.get<MemberStateDocument>(MEMBER_STATES, memberId);
    return document?.state ?? initialMember();
  }

  /** Every member stream's state of the organization, by member id (page by page through the index). */
  async members(organizationId: string): Promise<Record<string, MemberState>> {
    const members: Record<string, MemberState> = {};
    let after: string | undefined;
    do {
      const page = await this.store.find<MemberStateDocument>(MEMBER_STATES, { organizationId }, { limit: PAGE, after });
      for (const document of page.items) members[document.memberId] = document.state;
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
    return members;
  }

  /** The member stream states among `memberIds`, by member id (absent: no member event yet). */
  async membersById(memberIds: readonly string[]): Promise<Record<string, MemberState>> {
    const found = await this.store.getMany<MemberStateDocument>(MEMBER_STATES, memberIds);
    return Object.fromEntries([...found.values()].map((document) => [document.memberId, document.state]));
  }

  /** Every membership bound to the subject. */
  async memberships(subject: string): Promise<MembershipDocument[]> {
    const found: MembershipDocument[] = [];
    let after: string | undefined;
    do {
      const page = await this.store.find<MembershipDocument>(MEMBERSHIPS, { subject }, { limit: PAGE, after });
      found.push(...page.items);
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
    return found;
  }
}
