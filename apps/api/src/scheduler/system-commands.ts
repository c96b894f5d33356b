import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { isDomainError, type DueWork, type ErrorCode } from '@behorighet/domain';
import { WrongExpectedVersionError } from '@behorighet/event-store';
import { ChangeMember } from '../members/member-command.handler.js';
import { ChangeOrder } from '../orders/order-command.handler.js';
import { ChangeOrganization } from '../organizations/organization-command.handler.js';
import type { RequestContext } from '../write-model/request-context.js';

/** What became of one command a job or process manager issued. */
export type SystemOutcome = 'done' | 'settled' | 'refused';

/**
 * Answers meaning that the work is not (or no longer) to be done: another instance or an earlier run did it,
 * the state moved on, or it is not yet due. Jobs are idempotent, so these are no errors.
 */
const SETTLED: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'NOT_DUE',
  'GRANT_ENDED',
  'APPOINTMENT_ENDED',
  'ORDER_NOT_PENDING',
  'MEMBER_NOT_FOUND',
  'CAUSE_NOT_ESTABLISHED',
]);

/**
 * Issues due work as ordinary commands through the existing handlers (load, decide, append with the revision
 * seen), as the system actor in `ctx`. The domain decides; two instances running at once are safe because the
 * expected revision lets only one of them write.
 */
@Injectable()
export class SystemCommands {
  private readonly logger = new Logger('SystemCommands');

  constructor(private readonly commands: CommandBus) {}

  async run(organizationId: string, work: DueWork, ctx: RequestContext): Promise<SystemOutcome> {
    try {
      await this.commands.execute(commandOf(organizationId, work, ctx));
      return 'done';
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return 'settled';
      if (isDomainError(error) && SETTLED.has(error.code)) return 'settled';
      // Any other refusal is a fault in the due-work rules; the other items of the run still go ahead.
      if (isDomainError(error)) {
        this.logger.error(`${ctx.caller.system}: ${work.command.type} in organization ${organizationId} refused: ${error.code} ${error.message}`);
        return 'refused';
      }
      throw error;
    }
  }
}

function commandOf(organizationId: string, work: DueWork, ctx: RequestContext): ChangeOrganization | ChangeMember | ChangeOrder {
  switch (work.stream) {
    case 'organization':
      return new ChangeOrganization(organizationId, work.command, ctx);
    case 'member':
      return new ChangeMember(organizationId, work.command, ctx);
    case 'order':
      return new ChangeOrder(organizationId, work.command, ctx);
  }
}
