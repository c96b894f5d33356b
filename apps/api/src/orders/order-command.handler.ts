import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, decideOrder, orderStream, powersOf } from '@behorighet/domain';
import type { OrderCommand, OrderContext } from '@behorighet/domain';
import { Clock } from '../clock/clock.js';
import { actorOf, answer, CommandAnswer } from '../common/command-answer.js';
import { ChangeOrganization } from '../organizations/organization-command.handler.js';
import { actorTag, Aggregates } from '../write-model/aggregates.js';
import { CommandRunner, metadataFor } from '../write-model/command-runner.js';
import { orderFold } from '../write-model/folds.js';
import type { RequestContext } from '../write-model/request-context.js';

/** Any command on an order stream (R-ORD-1…4). */
export class ChangeOrder extends Command<CommandAnswer> {
  constructor(
    readonly organizationId: string,
    readonly command: OrderCommand,
    readonly ctx: RequestContext,
    readonly createdId?: string,
  ) {
    super();
  }
}

@CommandHandler(ChangeOrder)
export class ChangeOrderHandler implements ICommandHandler<ChangeOrder> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly aggregates: Aggregates,
    private readonly clock: Clock,
    private readonly commands: CommandBus,
  ) {}

  async execute({ organizationId, command, ctx, createdId }: ChangeOrder): Promise<CommandAnswer> {
    const now = this.clock.now();
    const organization = await this.aggregates.organization(organizationId);
    const callerId = organization.status === 'registered' ? powersOf(organization, ctx.caller.subject, now).memberId : undefined;
    // A job (`{ system }`, e.g. the lapse of R-ORD-3) is no member; the domain decides what it may do.
    const system = ctx.caller.system !== undefined && organization.status === 'registered';
    if (!callerId && !system) throw new DomainError('NOT_A_MEMBER', 'the caller is not a member of this organization');
    if (command.type !== 'PlaceOrder' && command.type !== 'RegisterConnectionApplication') {
      const existing = await this.aggregates.order(command.orderId);
      // Orders of another organization are unknown here (R-SEC-2).
      if (existing.status !== 'none' && existing.organizationId !== organizationId) throw new DomainError('ORDER_NOT_FOUND', 'no such order');
    }
    const context: OrderContext = {
      now,
      actor: actorOf(ctx.caller),
      organization,
      ...(callerId ? { actorMember: await this.aggregates.member(callerId) } : {}),
      ...(command.type === 'PlaceOrder' || command.type === 'RegisterConnectionApplication' ? { catalog: await this.aggregates.catalog() } : {}),
    };
    const outcome = await this.runner.run({
      stream: orderStream(command.orderId),
      fold: orderFold,
      decide: (state) => decideOrder(command, state, context),
      metadata: () => metadataFor(ctx, actorTag(organization, ctx.caller, now), createdId),
    });
    if (command.type === 'AttestOrder' && outcome.events.some((e) => e.type === 'OrderAttested')) {
      return this.subscribe(organizationId, command.orderId, ctx);
    }
    return answer(outcome, createdId);
  }

  /** An attested service order takes effect: the organization subscribes (R-ORD-1). */
  private async subscribe(organizationId: string, orderId: string, ctx: RequestContext): Promise<CommandAnswer> {
    const order = await this.aggregates.order(orderId);
    if (order.kind !== 'service') return answer({ position: await this.runner.headPosition() });
    return this.commands.execute(
      new ChangeOrganization(organizationId, { type: 'SubscribeService', service: order.service, orderId }, { ...ctx, causationId: `order:${orderId}` }),
    );
  }
}
