/** A scheduled job: finds due work and issues ordinary commands. Must be idempotent. */
export interface Job {
  name: string;
  run(now: Date): Promise<{ done: number }>;
}

/** The jobs loaded in this process; the scheduler runs them on an interval, the test clock on demand. */
export class Jobs {
  private readonly jobs: Job[] = [];

  register(job: Job): void {
    this.jobs.push(job);
  }

  /** Runs every job once, in registration order, and reports what each did. */
  async runAll(now: Date): Promise<Record<string, number>> {
    const report: Record<string, number> = {};
    for (const job of this.jobs) report[job.name] = (await job.run(now)).done;
    return report;
  }
}
