import { DynamicModule, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { Jobs } from '../clock/jobs.js';
import type { AppConfig } from '../config/app-config.js';
import { NotificationsJob } from '../notifications/notifications.job.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { DueWorkScanner } from './due-work.scanner.js';
import { ExpiryJob } from './expiry.job.js';
import { JobInterval } from './job-interval.js';
import { MemberEndingsJob } from './member-endings.job.js';
import { MemberEndingsProcessManager } from './member-endings.process-manager.js';
import { OrderLapseJob } from './order-lapse.job.js';
import { RemindersJob } from './reminders.job.js';
import { SchedulerCheckpoints } from './scheduler-checkpoints.js';
import { SystemCommands } from './system-commands.js';
import { WorkIndex } from './work-index.js';

/**
 * Registers the jobs in the order a round runs them: first the process manager catches up with what commands
 * did (its reactions carry their causes), then what time made due (each job ends what it starts itself), then
 * the notifications of all of it.
 */
@Injectable()
class JobRegistration implements OnModuleInit {
  constructor(
    private readonly jobs: Jobs,
    private readonly endings: MemberEndingsJob,
    private readonly expiry: ExpiryJob,
    private readonly reminders: RemindersJob,
    private readonly lapses: OrderLapseJob,
    private readonly processManager: MemberEndingsProcessManager,
    private readonly notifications: NotificationsJob,
  ) {}

  onModuleInit(): void {
    for (const job of [this.processManager, this.endings, this.expiry, this.reminders, this.lapses, this.notifications]) this.jobs.register(job);
  }
}

/**
 * Time and its consequences, in processes with the `scheduler` role: the jobs (R-TIME-2/4, R-MEM-6…8, R-ORD-3)
 * on an interval, the member-endings process manager (R-MEM-3…8, R-SHR-5) and the notification outbox (R-NOT-1).
 */
@Module({})
export class SchedulerModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.roles.has('scheduler')) return { module: SchedulerModule };
    return {
      module: SchedulerModule,
      imports: [ScheduleModule.forRoot(), NotificationsModule],
      providers: [
        WorkIndex,
        SchedulerCheckpoints,
        SystemCommands,
        DueWorkScanner,
        MemberEndingsJob,
        ExpiryJob,
        RemindersJob,
        OrderLapseJob,
        MemberEndingsProcessManager,
        JobInterval,
        JobRegistration,
      ],
    };
  }
}
