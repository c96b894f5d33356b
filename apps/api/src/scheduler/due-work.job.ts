import { randomUUID } from 'node:crypto';
import type { DueWork } from '@behorighet/domain';
import type { Job } from '../clock/jobs.js';
import { systemContext } from '../write-model/request-context.js';
import type { DueWorkScanner } from './due-work.scanner.js';
import type { SystemCommands } from './system-commands.js';

type DueCommandType = DueWork['command']['type'];

/**
 * A job over the domain's due work: every command of the kinds it owns is issued as `{ system: name }`.
 * One correlation id per run ties the run's events together; the causation names the job and its instant.
 */
export abstract class DueWorkJob implements Job {
  abstract readonly name: string;
  /** The due commands this job issues. */
  protected abstract readonly owns: ReadonlySet<DueCommandType>;
  /** Whether the job needs the member streams' work, the orders' work, or both. */
  protected abstract readonly scope: { members: boolean; orders: boolean };

  constructor(
    private readonly scanner: DueWorkScanner,
    private readonly commands: SystemCommands,
  ) {}

  async run(now: Date): Promise<{ done: number }> {
    const ctx = systemContext(this.name, { correlationId: randomUUID(), causationId: `job:${this.name}@${now.toISOString()}` });
    let done = 0;
    for await (const { organizationId, work } of this.scanner.scan(now, this.scope)) {
      for (const item of work) {
        if (!this.owns.has(item.command.type)) continue;
        if ((await this.commands.run(organizationId, item, ctx)) === 'done') done += 1;
      }
    }
    return { done };
  }
}
