import { Injectable } from '@nestjs/common';
import { DueWorkJob } from './due-work.job.js';
import { DueWorkScanner } from './due-work.scanner.js';
import { SystemCommands } from './system-commands.js';

/** R-ORD-3: an order not attested within 30 days lapses (the history shows it at the lapse instant). */
@Injectable()
export class OrderLapseJob extends DueWorkJob {
  readonly name = 'lapse-orders';
  protected readonly owns = new Set(['LapseOrder'] as const);
  protected readonly scope = { members: false, orders: true };

  constructor(scanner: DueWorkScanner, commands: SystemCommands) {
    super(scanner, commands);
  }
}
