import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { AppendOptions, AppendResult, ExpectedRevision, NewEvent, PageSubscription, SubscribeOptions } from './event-store.port.js';
import { appendToTable } from './event-table.js';
import { GroupCommit, type Settled } from './group-commit.js';
import { openEventsDatabase } from './sqlite.schema.js';
import { SqliteTable } from './sqlite.table.js';
import { prepareEvents, type PreparedEvent } from './stored-event.js';
import { ReadAhead, ReadAheadSubscription } from './sqlite-read-ahead.js';
import { LOG_PAGE_SIZE, TableEventStore } from './table-event-store.js';

export interface SqliteEventStoreOptions {
  /** The directory of `events.sqlite` (the app passes `DATA_DIR`); created when missing. */
  dataDir: string;
  /** How often a caught-up subscription looks for other processes' commits, in ms. Default 100. */
  pollIntervalMs?: number;
  /** Most appends committed in one transaction. Default 1024. */
  maxBatchSize?: number;
  /** How long a commit waits for another process's write lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
  /** WAL pages before an automatic checkpoint. Default 1000 (SQLite's default). */
  walAutocheckpointPages?: number;
  /**
   * A paged subscription starting at least this many events behind the head reads that stretch in a thread of its
   * own (see sqlite-read-ahead.ts). Default 20,000: below that, starting the thread costs more than it saves.
   */
  readAheadFrom?: number;
}

const READ_AHEAD_FROM = 20_000;

interface AppendJob {
  stream: string;
  events: PreparedEvent[];
  expected: ExpectedRevision;
}

/**
 * The default, embedded event log: one SQLite file in WAL mode, fsynced at every commit,
 * with group commit (appends arriving during a commit share the next transaction). Several
 * processes may open the same file: SQLite's write lock serializes their commits and
 * subscriptions poll for the commits of the others.
 */
export class SqliteEventStore extends TableEventStore {
  private readonly groupCommit: GroupCommit<AppendJob, AppendResult>;
  private readonly commitBatch: (jobs: AppendJob[]) => Settled<AppendResult>[];
  private readonly counters = { commits: 0, appends: 0 };

  private constructor(
    private readonly db: Database.Database,
    /** The database file. */
    readonly path: string,
    pollIntervalMs: number,
    maxBatchSize: number,
    private readonly readAheadFrom: number,
    table = new SqliteTable(db),
  ) {
    super(table, pollIntervalMs);
    // Nested better-sqlite3 transactions are savepoints: a failing append rolls back only itself.
    const appendOne = db.transaction((job: AppendJob, recordedAt: string) =>
      appendToTable(table, job.stream, job.events, job.expected, recordedAt),
    );
    const batch = db.transaction((jobs: AppendJob[]) => {
      const recordedAt = new Date().toISOString();
      return jobs.map((job): Settled<AppendResult> => {
        try {
          return { ok: true, value: appendOne(job, recordedAt) };
        } catch (error) {
          return { ok: false, error };
        }
      });
    });
    // IMMEDIATE takes the write lock up front, so the revision checks read what the commit writes over.
    this.commitBatch = (jobs) => batch.immediate(jobs);
    this.groupCommit = new GroupCommit((jobs) => this.commit(jobs), maxBatchSize);
  }

  /**
   * Opens `<dataDir>/events.sqlite`, creating it when missing.
   * @throws EventStoreCorruptedError when the file fails its integrity check.
   */
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const path = join(options.dataDir, 'events.sqlite');
    const db = openEventsDatabase(path, {
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      walAutocheckpointPages: options.walAutocheckpointPages ?? 1000,
    });
    return new SqliteEventStore(db, path, options.pollIntervalMs ?? 100, options.maxBatchSize ?? 1024, options.readAheadFrom ?? READ_AHEAD_FROM);
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    return this.groupCommit.submit({ stream, events: prepareEvents(stream, events), expected: options.expectedRevision });
  }

  /** Far behind the head, the stretch up to it is read ahead by a thread; see `readAheadFrom`. */
  override subscribeToAllPages(options: SubscribeOptions = {}): PageSubscription {
    this.assertOpen();
    const from = options.fromPosition ?? 0n;
    const until = this.table.headPosition();
    if (until - from < BigInt(this.readAheadFrom)) return super.subscribeToAllPages(options);
    return this.follow(
      (catchUp) =>
        new ReadAheadSubscription(new ReadAhead({ path: this.path, after: from, until, pageSize: LOG_PAGE_SIZE }), catchUp, from, this.logPageAfter),
    );
  }

  /** Closing commits the appends still queued, ends the subscriptions, then closes the file. */
  protected override async beforeClose(): Promise<void> {
    this.groupCommit.flushAll();
  }

  protected override async afterClose(): Promise<void> {
    this.db.close();
  }

  /** Transactions committed and appends answered by this instance (for benchmarks and tests). */
  stats(): { commits: number; appends: number } {
    return { ...this.counters };
  }

  private commit(jobs: AppendJob[]): Settled<AppendResult>[] {
    const outcomes = this.commitBatch(jobs);
    this.counters.commits += 1;
    this.counters.appends += jobs.length;
    if (outcomes.some((outcome) => outcome.ok)) this.commits.notify();
    return outcomes;
  }

}
