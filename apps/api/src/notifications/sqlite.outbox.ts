import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { openSqliteFile, SqliteCheckpoints } from '../scheduler/sqlite-checkpoints.js';
import type { Outbox, OutboxCounts, OutboxNotification, PendingNotification } from './outbox.port.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS notifications (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  event_id TEXT NOT NULL,
  event_position INTEGER NOT NULL,
  recipient_email TEXT NOT NULL,
  recipient_name TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  delivered_at TEXT,
  receipt TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS notifications_pending ON notifications (next_attempt_at, event_position) WHERE delivered_at IS NULL;
`;

interface Row {
  id: string;
  kind: string;
  event_id: string;
  event_position: bigint;
  recipient_email: string;
  recipient_name: string;
  subject: string;
  body: string;
  created_at: string;
  attempts: bigint;
}

/** The outbox in `<dataDir>/notifications.sqlite` (WAL, fsync on commit); also opened by the sender's crash test. */
export class SqliteOutbox implements Outbox {
  private readonly checkpoints: SqliteCheckpoints;
  private readonly statements;

  private constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.checkpoints = new SqliteCheckpoints(db);
    this.statements = {
      insert: db.prepare(
        `INSERT INTO notifications (id, kind, event_id, event_position, recipient_email, recipient_name, subject, body, created_at)
         VALUES (@id, @kind, @eventId, @eventPosition, @email, @name, @subject, @text, @createdAt) ON CONFLICT (id) DO NOTHING`,
      ),
      due: db
        .prepare<[number, number], Row>(
          `SELECT * FROM notifications WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY event_position, id LIMIT ?`,
        )
        .safeIntegers(true),
      delivered: db.prepare<[string, string, string]>('UPDATE notifications SET delivered_at = ?, receipt = ? WHERE id = ? AND delivered_at IS NULL'),
      failed: db.prepare<[string, number, string]>(
        'UPDATE notifications SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND delivered_at IS NULL',
      ),
      counts: db.prepare<[], { total: number; delivered: number }>('SELECT count(*) AS total, count(delivered_at) AS delivered FROM notifications'),
    };
  }

  static open(dataDir: string): SqliteOutbox {
    return new SqliteOutbox(openSqliteFile(join(dataDir, 'notifications.sqlite')));
  }

  add(notifications: readonly OutboxNotification[], checkpoint: { name: string; position: bigint }): number {
    return this.db.transaction(() => {
      let added = 0;
      for (const n of notifications) {
        const row = { ...n, email: n.to.email, name: n.to.name };
        added += this.statements.insert.run(row).changes;
      }
      this.checkpoints.set(checkpoint.name, checkpoint.position);
      return added;
    })();
  }

  checkpoint(name: string): bigint {
    return this.checkpoints.get(name);
  }

  due(now: number, limit: number): PendingNotification[] {
    return this.statements.due.all(now, limit).map((r) => ({
      id: r.id,
      kind: r.kind,
      eventId: r.event_id,
      eventPosition: r.event_position,
      to: { email: r.recipient_email, name: r.recipient_name },
      subject: r.subject,
      text: r.body,
      createdAt: r.created_at,
      attempts: Number(r.attempts),
    }));
  }

  markDelivered(id: string, at: Date, receipt: string): void {
    this.statements.delivered.run(at.toISOString(), receipt, id);
  }

  markFailed(id: string, error: string, retryAt: number): void {
    this.statements.failed.run(error, retryAt, id);
  }

  counts(): OutboxCounts {
    const { total, delivered } = this.statements.counts.get() as { total: number; delivered: number };
    return { total, delivered, pending: total - delivered };
  }

  close(): void {
    this.db.close();
  }
}
