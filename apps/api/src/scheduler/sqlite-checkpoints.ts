import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Opens (creating when missing) a small SQLite file for this process's own bookkeeping: WAL, fsync on commit. */
export function openSqliteFile(path: string): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Named log positions kept in a SQLite file, so a follower resumes where it left off after a restart.
 * Writes go through the caller's database, so a checkpoint can commit in one transaction with what it covers.
 */
export class SqliteCheckpoints {
  private readonly read: Database.Statement<[string], { position: bigint }>;
  private readonly write: Database.Statement<[string, bigint]>;

  constructor(db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) STRICT');
    this.read = db.prepare<[string], { position: bigint }>('SELECT position FROM checkpoints WHERE name = ?').safeIntegers(true);
    // Never backwards: a follower that resumed from an older checkpoint must not undo a newer one.
    this.write = db.prepare<[string, bigint]>(
      'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = max(position, excluded.position)',
    );
  }

  get(name: string): bigint {
    return this.read.get(name)?.position ?? 0n;
  }

  set(name: string, position: bigint): void {
    this.write.run(name, position);
  }
}
