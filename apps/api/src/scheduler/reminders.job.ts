import { Injectable } from '@nestjs/common';
import { DueWorkJob } from './due-work.job.js';
import { DueWorkScanner } from './due-work.scanner.js';
import { SystemCommands } from './system-commands.js';

/**
 * R-TIME-2: reminders `REMINDER_DAYS` before a grant, role, appointment or external end date expires. The domain
 * records each (`ReminderSent`) and refuses a second; the notifications follow from those events.
 */
@Injectable()
export class RemindersJob extends DueWorkJob {
  readonly name = 'send-reminders';
  protected readonly owns = new Set(['SendGrantReminder', 'SendOrganizationReminder'] as const);
  protected readonly scope = { members: true, orders: false };

  constructor(scanner: DueWorkScanner, commands: SystemCommands) {
    super(scanner, commands);
  }
}
