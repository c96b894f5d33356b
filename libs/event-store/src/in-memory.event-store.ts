import type { StoredEventRef } from './append-decision.js';
import type { AppendOptions, AppendResult, LogEvent, NewEvent } from './event-store.port.js';
import { appendToTable, type EventTable } from './event-table.js';
import { prepareEvents, toLogEvent, type StoredEventRow } from './stored-event.js';
import { TableEventStore } from './table-event-store.js';

/** Rows in arrays: position p sits at index p - 1, a stream's revision r at index r. */
class MemoryTable implements EventTable {
  private readonly rows: StoredEventRow[] = [];
  private readonly streams = new Map<string, StoredEventRow[]>();
  private readonly byId = new Map<string, StoredEventRow>();

  lastRevision(stream: string): bigint | undefined {
    return this.streams.get(stream)?.at(-1)?.revision;
  }

  findById(id: string): StoredEventRef | undefined {
    return this.byId.get(id);
  }

  insert(row: Omit<StoredEventRow, 'position'>): bigint {
    const stored = { ...row, position: BigInt(this.rows.length + 1) };
    this.rows.push(stored);
    this.byId.set(stored.id, stored);
    const stream = this.streams.get(stored.stream) ?? [];
    stream.push(stored);
    this.streams.set(stored.stream, stream);
    return stored.position;
  }

  readStreamPage(stream: string, from: bigint, direction: 'forwards' | 'backwards', limit: number): StoredEventRow[] {
    const rows = this.streams.get(stream) ?? [];
    const start = Number(from);
    if (direction === 'forwards') return rows.slice(start, start + limit);
    const end = Math.min(start, rows.length - 1);
    return rows.slice(Math.max(0, end - limit + 1), end + 1).reverse();
  }

  readAllPage(after: bigint, limit: number): StoredEventRow[] {
    const start = Number(after);
    return this.rows.slice(start, start + limit);
  }

  readLogPage(after: bigint, limit: number): LogEvent[] {
    return this.readAllPage(after, limit).map((row) => toLogEvent(row.position, row.stream, row.type, row.data));
  }

  readAt(positions: readonly bigint[]): (StoredEventRow | undefined)[] {
    return positions.map((position) => (position >= 1n ? this.rows[Number(position) - 1] : undefined));
  }

  readLogAt(positions: readonly bigint[]): (LogEvent | undefined)[] {
    return this.readAt(positions).map((row) => (row === undefined ? undefined : toLogEvent(row.position, row.stream, row.type, row.data)));
  }

  headPosition(): bigint {
    return BigInt(this.rows.length);
  }
}

/**
 * The event log in memory, for unit tests. Same rules as the SQLite store (they share the
 * append decision, the reads and the subscription); nothing survives the process.
 */
export class InMemoryEventStore extends TableEventStore {
  constructor() {
    super(new MemoryTable());
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const prepared = prepareEvents(stream, events);
    const result = appendToTable(this.table, stream, prepared, options.expectedRevision, new Date().toISOString());
    this.commits.notify();
    return result;
  }
}
