import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { openSqliteFile, SqliteCheckpoints } from './sqlite-checkpoints.js';

/** The process managers' checkpoints, in `DATA_DIR/scheduler.sqlite`: durable across restarts. */
@Injectable()
export class SchedulerCheckpoints implements OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly checkpoints: SqliteCheckpoints;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.db = openSqliteFile(join(config.dataDir, 'scheduler.sqlite'));
    this.checkpoints = new SqliteCheckpoints(this.db);
  }

  get(name: string): bigint {
    return this.checkpoints.get(name);
  }

  set(name: string, position: bigint): void {
    this.checkpoints.set(name, position);
  }

  // After every module's onModuleDestroy, where the followers record their last positions.
  onApplicationShutdown(): void {
    this.db.close();
  }
}
