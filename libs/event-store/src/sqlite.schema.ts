import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { EventStoreCorruptedError } from './event-store.errors.js';

/** The whole log is one table; see libs/event-store/README.md for how to read it. */
export const EVENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL UNIQUE,
  stream      TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream, revision)
) STRICT;
CREATE INDEX IF NOT EXISTS events_by_type ON events (type);
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
`;

const SCHEMA_VERSION = 1;

export interface OpenOptions {
  /** How long a write waits for another process's write lock, in ms. */
  busyTimeoutMs: number;
  /** WAL size, in pages, at which a commit copies the WAL back into the database file. */
  walAutocheckpointPages: number;
}

/**
 * Opens (or creates) the events database durably configured, after an integrity check.
 * @throws EventStoreCorruptedError when the file is damaged or is not a database.
 */
export function openEventsDatabase(path: string, options: OpenOptions): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: options.busyTimeoutMs });
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`${path}: SQLite refused WAL mode (journal_mode is ${String(mode)})`);
    // Each commit is acknowledged only after its WAL frames are fsynced.
    db.pragma('synchronous = FULL');
    db.pragma(`wal_autocheckpoint = ${options.walAutocheckpointPages}`);
    const problems = db.prepare('PRAGMA quick_check').pluck().all() as string[];
    if (problems.length !== 1 || problems[0] !== 'ok') throw new EventStoreCorruptedError(path, problems);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`${path} has schema version ${version}; this build reads up to ${SCHEMA_VERSION}`);
    }
    if (version < SCHEMA_VERSION) {
      db.exec(EVENTS_SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
    return db;
  } catch (error) {
    db?.close();
    if (isCorruption(error)) throw new EventStoreCorruptedError(path, [`${error.code}: ${error.message}`]);
    throw error;
  }
}

/**
 * By code, not `instanceof`: the native addon keeps the SqliteError class (and realm) of the
 * first module instance that loaded it, which is not this one under Jest's per-file VMs.
 */
function isCorruption(error: unknown): error is { code: string; message: string } {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}
