import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideOrganization, organizationStream } from '@behorighet/domain';
import type { OrganizationCommand, OrganizationContext, OrganizationEvent } from '@behorighet/domain';
import { Clock } from '../clock/clock.js';
import { actorOf, answer, CommandAnswer } from '../common/command-answer.js';
import { actorTag, Aggregates } from '../write-model/aggregates.js';
import { CommandRunner, metadataFor } from '../write-model/command-runner.js';
import { organizationFold } from '../write-model/folds.js';
import type { RequestContext } from '../write-model/request-context.js';

/** Any command on an organization stream: the organization, its roster, its administrators. */
export class ChangeOrganization extends Command<CommandAnswer> {
  constructor(
    readonly organizationId: string,
    readonly command: OrganizationCommand,
    readonly ctx: RequestContext,
    /** The id the command creates, answered with 201. */
    readonly createdId?: string,
  ) {
    super();
  }
}

@CommandHandler(ChangeOrganization)
export class ChangeOrganizationHandler implements ICommandHandler<ChangeOrganization> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly aggregates: Aggregates,
    private readonly clock: Clock,
  ) {}

  async execute({ organizationId, command, ctx, createdId }: ChangeOrganization): Promise<CommandAnswer> {
    const now = this.clock.now();
    const context: OrganizationContext = { now, actor: actorOf(ctx.caller), ...(await this.contextFor(command, organizationId)) };
    // The id answered is the member's when the main responsible was already one (its existing id), else the new one.
    let decided: OrganizationEvent[] = [];
    const outcome = await this.runner.run({
      stream: organizationStream(organizationId),
      fold: organizationFold,
      decide: (state) => (decided = decideOrganization(command, state, context)),
      metadata: (state) => metadataFor(ctx, actorTag(state, ctx.caller, now), resultId(command, decided, createdId)),
    });
    return answer(outcome, resultId(command, decided, createdId));
  }

  /** The other aggregates this command's rules read (R-ORG-2 employer group, R-MEM-1 reseller, the catalog). */
  private async contextFor(command: OrganizationCommand, organizationId: string): Promise<Partial<OrganizationContext>> {
    switch (command.type) {
      case 'SubscribeService':
        return {
          catalog: await this.aggregates.catalog(),
          ...(command.orderId ? { order: await this.aggregates.order(command.orderId) } : {}),
        };
      case 'RegisterMainResponsible': {
        if (!command.employedBy || command.employedBy === organizationId) return {};
        // An unknown employer belongs to no group: the domain answers NOT_IN_GROUP (R-ORG-2).
        const employer = await this.aggregates.organization(command.employedBy);
        return { employer: { organizationId: command.employedBy, groupId: employer.status === 'registered' ? employer.groupId : undefined } };
      }
      case 'InviteUser':
        return command.resellerOrgId ? { resellerOrganization: await this.aggregates.organization(command.resellerOrgId) } : {};
      default:
        return {};
    }
  }
}

/** The id a command answers: a main responsible who was already a member keeps its member id. */
function resultId(command: OrganizationCommand, events: OrganizationEvent[], createdId: string | undefined): string | undefined {
  if (command.type !== 'RegisterMainResponsible') return createdId;
  const appointed = events.find((e) => e.type === 'AdminAppointed');
  return appointed?.data.memberId ?? createdId;
}
