import { Injectable } from '@nestjs/common';
import { DomainError, loginEligibility, powersOf, unitInScope, type LoginAnswer, type MemberRecord, type OrganizationState } from '@behorighet/domain';
import type { Caller } from '../auth/caller.js';
import { Clock } from '../clock/clock.js';
import { Aggregates } from '../write-model/aggregates.js';

/**
 * R-LOG-1 as a question: may the member log in now? Answered from the write model (R-SEC-1) through the
 * domain's `loginEligibility`, so the portal's question and a recorded login attempt always agree.
 */
@Injectable()
export class LoginEligibilityQuery {
  constructor(private readonly aggregates: Aggregates, private readonly clock: Clock) {}

  async ask(organizationId: string, memberId: string, caller: Caller): Promise<LoginAnswer> {
    const now = this.clock.now();
    const organization = await this.aggregates.organization(organizationId);
    const record = organization.status === 'registered' ? organization.members[memberId] : undefined;
    if (!record || !mayAsk(organization, record, caller, now)) {
      // Only those who may ask learn whether the organization or member exists (R-SEC-2).
      if (!caller.operator) throw new DomainError('NOT_A_MEMBER', 'the caller may not see this member');
      throw new DomainError(organization.status === 'registered' ? 'MEMBER_NOT_FOUND' : 'ORGANIZATION_NOT_FOUND');
    }
    // A deleted member stays answerable (denied, MEMBER_DELETED), like its login attempts.
    return loginEligibility({ organization, member: await this.aggregates.member(memberId), memberId }, now);
  }
}

/**
 * Who may ask: the operator; the member's own person (bound, or named by its pending invitation), whatever
 * its standing; the organization's main responsibles and delegates; administrators for members in their scope.
 */
function mayAsk(organization: OrganizationState, record: MemberRecord, caller: Caller, now: Date): boolean {
  if (caller.operator) return true;
  if ((record.subject ?? record.invitedSubject) === caller.subject) return true;
  const powers = powersOf(organization, caller.subject, now);
  if (!powers.role) return false;
  return powers.role !== 'administrator' || unitInScope(organization, powers.scopeUnitId, record.unitId);
}
