import type Database from 'better-sqlite3';
import type { StoredEventRef } from './append-decision.js';
import type { EventTable } from './event-table.js';
import type { LogEvent } from './event-store.port.js';
import { toLogEvent, type StoredEventRow } from './stored-event.js';

const COLUMNS = 'position, id, stream, revision, type, data, metadata, recorded_at AS recordedAt';
/** Positions looked up per statement by `readAt`. */
const READ_AT_CHUNK = 500;

/**
 * The `events` table through prepared statements. Integers come back as bigint
 * (`safeIntegers`), so positions and revisions never lose precision.
 */
export class SqliteTable implements EventTable {
  private readonly lastRevisionOf: Database.Statement<[string], bigint>;
  private readonly byId: Database.Statement<[string], StoredEventRef>;
  private readonly insertRow: Database.Statement<[string, string, bigint, string, string, string, string]>;
  private readonly forwards: Database.Statement<[string, bigint, number], StoredEventRow>;
  private readonly backwards: Database.Statement<[string, bigint, number], StoredEventRow>;
  private readonly afterPosition: Database.Statement<[bigint, number], StoredEventRow>;
  private readonly logAfterPosition: Database.Statement<[bigint, number], LogRow>;
  private readonly atPositions: Database.Statement<[string], StoredEventRow>;
  private readonly logAtPositions: Database.Statement<[string], LogRow>;
  private readonly head: Database.Statement<[], bigint | null>;

  constructor(db: Database.Database) {
    this.lastRevisionOf = db
      .prepare<[string], bigint>('SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1')
      .pluck()
      .safeIntegers();
    this.byId = db
      .prepare<[string], StoredEventRef>('SELECT stream, revision, position FROM events WHERE id = ?')
      .safeIntegers();
    this.insertRow = db
      .prepare<[string, string, bigint, string, string, string, string]>(
        'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .safeIntegers();
    this.forwards = db
      .prepare<[string, bigint, number], StoredEventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      )
      .safeIntegers();
    this.backwards = db
      .prepare<[string, bigint, number], StoredEventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      )
      .safeIntegers();
    this.afterPosition = db
      .prepare<[bigint, number], StoredEventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .safeIntegers();
    // Rows as arrays: a quarter of the stepping time of rows as objects with every column.
    this.logAfterPosition = db
      .prepare<[bigint, number], LogRow>('SELECT position, stream, type, data FROM events WHERE position > ? ORDER BY position LIMIT ?')
      .raw()
      .safeIntegers();
    // Positions as a JSON array: one statement for many rows (half the time of a lookup per position).
    this.atPositions = db
      .prepare<[string], StoredEventRow>(`SELECT ${COLUMNS} FROM events WHERE position IN (SELECT value FROM json_each(?)) ORDER BY position`)
      .safeIntegers();
    this.logAtPositions = db
      .prepare<[string], LogRow>('SELECT position, stream, type, data FROM events WHERE position IN (SELECT value FROM json_each(?)) ORDER BY position')
      .raw()
      .safeIntegers();
    this.head = db.prepare<[], bigint | null>('SELECT max(position) FROM events').pluck().safeIntegers();
  }

  lastRevision(stream: string): bigint | undefined {
    return this.lastRevisionOf.get(stream);
  }

  findById(id: string): StoredEventRef | undefined {
    return this.byId.get(id);
  }

  insert(row: Omit<StoredEventRow, 'position'>): bigint {
    const { lastInsertRowid } = this.insertRow.run(
      row.id,
      row.stream,
      row.revision,
      row.type,
      row.data,
      row.metadata,
      row.recordedAt,
    );
    // INTEGER PRIMARY KEY without AUTOINCREMENT takes max(position) + 1 inside the write
    // transaction; rows are never deleted, so positions stay gap-free in commit order.
    return BigInt(lastInsertRowid);
  }

  readStreamPage(stream: string, from: bigint, direction: 'forwards' | 'backwards', limit: number): StoredEventRow[] {
    return (direction === 'forwards' ? this.forwards : this.backwards).all(stream, from, limit);
  }

  readAllPage(after: bigint, limit: number): StoredEventRow[] {
    return this.afterPosition.all(after, limit);
  }

  readLogPage(after: bigint, limit: number): LogEvent[] {
    const rows = this.logAfterPosition.all(after, limit);
    const events = new Array<LogEvent>(rows.length);
    for (let i = 0; i < rows.length; i += 1) {
      const [position, stream, type, data] = rows[i] as LogRow;
      events[i] = toLogEvent(position, stream, type, data);
    }
    return events;
  }

  readAt(positions: readonly bigint[]): (StoredEventRow | undefined)[] {
    return rowsAt(positions, (list) => this.atPositions.all(list), (row) => row.position);
  }

  readLogAt(positions: readonly bigint[]): (LogEvent | undefined)[] {
    const rows = rowsAt(positions, (list) => this.logAtPositions.all(list), (row) => row[0]);
    return rows.map((row) => (row === undefined ? undefined : toLogEvent(row[0], row[1], row[2], row[3])));
  }

  headPosition(): bigint {
    return this.head.get() ?? 0n;
  }
}

type LogRow = [position: bigint, stream: string, type: string, data: string];

/**
 * The rows at `positions`, in the order asked (undefined where there is none): 500 positions per statement, given as a
 * JSON array; rows come back in position order, which is the order asked when the positions ascend.
 */
function rowsAt<R>(positions: readonly bigint[], query: (list: string) => R[], positionOf: (row: R) => bigint): (R | undefined)[] {
  const found: (R | undefined)[] = [];
  for (let start = 0; start < positions.length; start += READ_AT_CHUNK) {
    const chunk = positions.slice(start, start + READ_AT_CHUNK);
    const rows = query(`[${chunk.join(',')}]`);
    if (rows.length === chunk.length && isAscending(chunk)) {
      found.push(...rows);
      continue;
    }
    const byPosition = new Map(rows.map((row) => [positionOf(row), row]));
    for (const position of chunk) found.push(byPosition.get(position));
  }
  return found;
}

/** Strictly ascending: then the rows of an `ORDER BY position` query come in the order asked. */
function isAscending(positions: readonly bigint[]): boolean {
  for (let i = 1; i < positions.length; i += 1) if ((positions[i] as bigint) <= (positions[i - 1] as bigint)) return false;
  return true;
}
