import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Clock } from '../clock/clock.js';
import { Jobs } from '../clock/jobs.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

const INTERVAL_NAME = 'scheduled-jobs';

/**
 * Runs every registered job each `JOBS_INTERVAL_MS` at the `Clock`'s instant. Off with `JOBS_ENABLED=0` (the jobs
 * still run on demand under the test clock). A tick that finds the previous one still running is skipped.
 */
@Injectable()
export class JobInterval implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private current: Promise<void> | undefined;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly jobs: Jobs,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { enabled, intervalMs } = this.config.jobs;
    if (!enabled || intervalMs === 0) {
      this.logger.log('scheduled jobs are off (JOBS_ENABLED=0); they run only on demand');
      return;
    }
    this.registry.addInterval(INTERVAL_NAME, setInterval(() => void this.tick(), intervalMs));
    this.logger.log(`scheduled jobs run every ${intervalMs} ms`);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.registry.doesExist('interval', INTERVAL_NAME)) this.registry.deleteInterval(INTERVAL_NAME);
    await this.current;
  }

  /** One round of every job; answers when done (a round already running is not started twice). */
  tick(): Promise<void> {
    if (this.current) return this.current;
    this.current = this.round().finally(() => (this.current = undefined));
    return this.current;
  }

  private async round(): Promise<void> {
    const now = this.clock.now();
    try {
      const report = await this.jobs.runAll(now);
      this.logger.debug(`jobs at ${now.toISOString()}: ${JSON.stringify(report)}`);
    } catch (error) {
      this.logger.error(`jobs at ${now.toISOString()} failed`, error instanceof Error ? error.stack : error);
    }
  }
}
