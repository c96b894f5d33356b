import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Actor } from '@behorighet/domain';
import type { Caller } from '../auth/caller.js';
import type { Outcome } from '../write-model/command-runner.js';

/** What every command answers: the id it created (201) and the log position it wrote, as a string (R-READ-7). */
export class CommandAnswer {
  @ApiPropertyOptional({ format: 'uuid', description: 'The id of what the command created.' })
  id?: string;

  @ApiProperty({ example: '42', description: 'Global log position written; pass it as ?minPosition= to read your write.' })
  position!: string;
}

export function answer(outcome: Pick<Outcome, 'position'>, id?: string): CommandAnswer {
  return { ...(id ? { id } : {}), position: outcome.position.toString() };
}

/** The domain's view of an authenticated caller, or `{ system }` for a job or process manager. */
export function actorOf(caller: Caller): Actor {
  if (caller.system !== undefined) return { system: caller.system };
  return { subject: caller.subject, operator: caller.operator };
}
