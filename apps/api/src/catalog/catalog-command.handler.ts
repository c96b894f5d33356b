import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { catalogStream, decideCatalog } from '@behorighet/domain';
import type { CatalogCommand } from '@behorighet/domain';
import { Clock } from '../clock/clock.js';
import { actorOf, answer, CommandAnswer } from '../common/command-answer.js';
import { CommandRunner, metadataFor } from '../write-model/command-runner.js';
import type { RequestContext } from '../write-model/request-context.js';
import { catalogFold } from '../write-model/folds.js';

/** A change to the platform's catalog of services and packages (operator only; the domain decides). */
export class ChangeCatalog extends Command<CommandAnswer> {
  constructor(readonly command: CatalogCommand, readonly ctx: RequestContext) {
    super();
  }
}

@CommandHandler(ChangeCatalog)
export class ChangeCatalogHandler implements ICommandHandler<ChangeCatalog> {
  constructor(private readonly runner: CommandRunner, private readonly clock: Clock) {}

  async execute({ command, ctx }: ChangeCatalog): Promise<CommandAnswer> {
    const outcome = await this.runner.run(
      {
        stream: catalogStream(),
        fold: catalogFold,
        decide: (state) => decideCatalog(command, state, { now: this.clock.now(), actor: actorOf(ctx.caller) }),
        metadata: () => metadataFor(ctx, ctx.caller.operator ? 'platform-operator' : 'anonymous'),
      },
    );
    return answer(outcome);
  }
}
