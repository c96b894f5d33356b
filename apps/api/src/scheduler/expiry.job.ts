import { Injectable } from '@nestjs/common';
import { DueWorkJob } from './due-work.job.js';
import { DueWorkScanner } from './due-work.scanner.js';
import { SystemCommands } from './system-commands.js';

/** R-TIME-1, R-TIME-4: grants, roles and admin appointments expire at their end; the history shows it at that instant. */
@Injectable()
export class ExpiryJob extends DueWorkJob {
  readonly name = 'expire-access';
  protected readonly owns = new Set(['ExpireGrant', 'ExpireAppointment'] as const);
  protected readonly scope = { members: true, orders: false };

  constructor(scanner: DueWorkScanner, commands: SystemCommands) {
    super(scanner, commands);
  }
}
