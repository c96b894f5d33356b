import { Injectable } from '@nestjs/common';
import { DomainError, powersOf, unitInScope, type MemberRecord, type OrganizationState, type Powers } from '@behorighet/domain';
import type { Caller } from '../auth/caller.js';
import { Clock } from '../clock/clock.js';
import { Aggregates } from '../write-model/aggregates.js';

/** Who a query may show: the instant it answers for and the caller's scope (undefined = the whole organization). */
export interface ReadGrant {
  now: Date;
  /** The organization as the write model holds it: the authority for scope decisions (its unit tree). */
  organization: OrganizationState;
  scopeUnitId: string | undefined;
  powers: Powers | undefined;
}

/**
 * Decides who may read what, from the write model (R-SEC-1), through the domain's `powersOf`; a caller
 * without the power learns nothing, not even whether the organization exists (404 NOT_A_MEMBER, R-SEC-2).
 */
@Injectable()
export class QueryAccess {
  constructor(private readonly aggregates: Aggregates, private readonly clock: Clock) {}

  /** Main responsibles, delegates and administrators L1–L4 (within their scope); the operator too when `operator` (whole organization). */
  async administrators(organizationId: string, caller: Caller, options: { operator?: boolean } = {}): Promise<ReadGrant> {
    const { now, organization } = await this.load(organizationId);
    if (options.operator && caller.operator) return this.operatorGrant(now, organization);
    const powers = organization.status === 'registered' ? powersOf(organization, caller.subject, now) : undefined;
    if (!powers?.role) throw notVisible();
    return { now, organization, scopeUnitId: powers.scopeUnitId, powers };
  }

  /** Any active member of the organization (R-ADM-4), or the operator. */
  async members(organizationId: string, caller: Caller): Promise<ReadGrant> {
    const { now, organization } = await this.load(organizationId);
    if (caller.operator) return this.operatorGrant(now, organization);
    const powers = organization.status === 'registered' ? powersOf(organization, caller.subject, now) : undefined;
    if (!powers?.member) throw notVisible();
    return { now, organization, scopeUnitId: undefined, powers };
  }

  /**
   * R-READ-5: about one member — the member's own person, the organization's main responsibles, delegates
   * and administrators (for members in their scope), or the operator (who may also ask about unknown ones).
   */
  async aboutMember(organizationId: string, memberId: string, caller: Caller): Promise<ReadGrant> {
    const { now, organization } = await this.load(organizationId);
    if (caller.operator) return { now, organization, scopeUnitId: undefined, powers: undefined };
    const record: MemberRecord | undefined = organization.status === 'registered' ? organization.members[memberId] : undefined;
    if (!record) throw notVisible();
    if ((record.subject ?? record.invitedSubject) === caller.subject) return { now, organization, scopeUnitId: undefined, powers: undefined };
    const powers = powersOf(organization, caller.subject, now);
    if (!powers.role || !unitInScope(organization, powers.scopeUnitId, record.unitId)) throw notVisible();
    return { now, organization, scopeUnitId: powers.scopeUnitId, powers };
  }

  private async load(organizationId: string): Promise<{ now: Date; organization: OrganizationState }> {
    const now = this.clock.now();
    return { now, organization: await this.aggregates.organization(organizationId) };
  }

  private operatorGrant(now: Date, organization: OrganizationState): ReadGrant {
    if (organization.status !== 'registered') throw new DomainError('ORGANIZATION_NOT_FOUND', 'no such organization');
    return { now, organization, scopeUnitId: undefined, powers: undefined };
  }
}

function notVisible(): DomainError {
  return new DomainError('NOT_A_MEMBER', 'the caller may not see this organization');
}
