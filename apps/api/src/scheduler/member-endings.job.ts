import { Injectable } from '@nestjs/common';
import { DueWorkJob } from './due-work.job.js';
import { DueWorkScanner } from './due-work.scanner.js';
import { SystemCommands } from './system-commands.js';

/**
 * R-MEM-6…8: external members blocked at their end date, future-dated employment ends applied at their
 * effective time, and the automatic endings (grants, own and held shares) of every lifecycle fact in effect —
 * the backstop of the member-endings process manager for whatever it has not done yet.
 */
@Injectable()
export class MemberEndingsJob extends DueWorkJob {
  readonly name = 'apply-member-endings';
  protected readonly owns = new Set(['BlockExternalMember', 'ApplyEmploymentEnd', 'EndMemberAccess', 'RevokeHeldShares'] as const);
  protected readonly scope = { members: true, orders: false };

  constructor(scanner: DueWorkScanner, commands: SystemCommands) {
    super(scanner, commands);
  }
}
