/** The outcome of one job in a batch: a batch never fails a job for another job's error. */
export type Settled<Result> = { ok: true; value: Result } | { ok: false; error: unknown };

interface Pending<Job, Result> {
  job: Job;
  resolve(value: Result): void;
  reject(error: unknown): void;
}

/**
 * Group commit for a synchronous storage engine. Jobs submitted while the event loop is busy
 * (including during the previous commit, which blocks it) wait in a queue; once per loop turn
 * (`setImmediate`, so after pending I/O callbacks have queued their work) the whole queue runs
 * in one `commitBatch` call, i.e. one transaction and one fsync for many appends.
 */
export class GroupCommit<Job, Result> {
  private queue: Pending<Job, Result>[] = [];
  private scheduled = false;

  constructor(
    /** Runs the jobs in one transaction and answers one outcome per job, in order; throws if the transaction failed. */
    private readonly commitBatch: (jobs: Job[]) => Settled<Result>[],
    private readonly maxBatchSize: number,
  ) {}

  submit(job: Job): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flushQueued());
      }
    });
  }

  /** Commits everything queued now, synchronously (used at close). */
  flushAll(): void {
    while (this.queue.length > 0) this.flushOnce();
  }

  private flushQueued(): void {
    this.scheduled = false;
    this.flushOnce();
    if (this.queue.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flushQueued());
    }
  }

  private flushOnce(): void {
    const batch = this.queue.splice(0, this.maxBatchSize);
    if (batch.length === 0) return;
    let outcomes: Settled<Result>[];
    try {
      outcomes = this.commitBatch(batch.map((pending) => pending.job));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) pending.resolve(outcome.value);
      else pending.reject(outcome ? outcome.error : new Error('group commit lost an outcome'));
    });
  }
}
