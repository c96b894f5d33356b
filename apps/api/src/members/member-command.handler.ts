import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, decideMember, memberStream, powersOf, requireMember, requireRegistered } from '@behorighet/domain';
import type { MemberCommand, MemberContext, OrganizationState } from '@behorighet/domain';
import { Clock } from '../clock/clock.js';
import { actorOf, answer, CommandAnswer } from '../common/command-answer.js';
import { actorTag, Aggregates } from '../write-model/aggregates.js';
import { CommandRunner, metadataFor, type Outcome } from '../write-model/command-runner.js';
import { memberFold } from '../write-model/folds.js';
import type { RequestContext } from '../write-model/request-context.js';

/** Any command on a member stream: grants and roles, shares of the member's resources, logins. */
export class ChangeMember extends Command<CommandAnswer> {
  constructor(
    readonly organizationId: string,
    readonly command: MemberCommand,
    readonly ctx: RequestContext,
    readonly createdId?: string,
  ) {
    super();
  }
}

/** Load the organization (authority, roster) → decide on the member stream → append. */
@Injectable()
export class MemberDecisions {
  constructor(
    private readonly runner: CommandRunner,
    private readonly aggregates: Aggregates,
    private readonly clock: Clock,
  ) {}

  async run(organizationId: string, command: MemberCommand, ctx: RequestContext, createdId?: string): Promise<Outcome> {
    const now = this.clock.now();
    const organization = await this.aggregates.organization(organizationId);
    // Only a member of the organization learns whether a member id exists in it (R-SEC-2). A login attempt
    // is the exception: the domain records it, allowed or denied, for the member's own person.
    // Jobs and process managers (`{ system }`) act on the organization's own records; the domain decides what they may do.
    const system = ctx.caller.system !== undefined;
    if (!system && command.type !== 'RecordLogin' && (organization.status !== 'registered' || !powersOf(organization, ctx.caller.subject, now).member)) {
      throw new DomainError('NOT_A_MEMBER', 'the caller is not a member of this organization');
    }
    // The member stream is reached only through its organization: an id of another tenant is unknown here.
    // A deleted member's login attempt is still recorded (denied, MEMBER_DELETED: R-LOG-1), and its access still ends (R-MEM-5).
    requireRegistered(organization);
    if (command.type === 'RecordLogin' || system) {
      if (!organization.members[command.memberId]) throw new DomainError('MEMBER_NOT_FOUND', 'no such member in this organization');
    } else {
      requireMember(organization, command.memberId);
    }
    const context: MemberContext = {
      now,
      actor: actorOf(ctx.caller),
      organization,
      ...(command.type === 'IssueGrant' ? { catalog: await this.aggregates.catalog() } : {}),
      ...(command.type === 'SwitchWorkspace' ? { actorMember: await this.callerMember(organization, ctx, now) } : {}),
    };
    return this.runner.run({
      stream: memberStream(command.memberId),
      fold: memberFold,
      decide: (state) => decideMember(command, state, context),
      metadata: () => metadataFor(ctx, actorTag(organization, ctx.caller, now), createdId),
    });
  }

  private async callerMember(organization: OrganizationState, ctx: RequestContext, now: Date) {
    const memberId = powersOf(organization, ctx.caller.subject, now).memberId;
    if (!memberId) throw new DomainError('NOT_A_MEMBER', 'the caller is not a member of this organization');
    return this.aggregates.member(memberId);
  }
}

@CommandHandler(ChangeMember)
export class ChangeMemberHandler implements ICommandHandler<ChangeMember> {
  constructor(private readonly decisions: MemberDecisions) {}

  async execute({ organizationId, command, ctx, createdId }: ChangeMember): Promise<CommandAnswer> {
    return answer(await this.decisions.run(organizationId, command, ctx, createdId), createdId);
  }
}
