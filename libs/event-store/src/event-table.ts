import { decideAppend, type StoredEventRef } from './append-decision.js';
import type { AppendResult, ExpectedRevision, LogEvent } from './event-store.port.js';
import type { PreparedEvent, StoredEventRow } from './stored-event.js';

/**
 * The synchronous storage both embedded adapters provide (an array, a SQLite connection).
 * Appending, reading and subscribing are written once, over this, so the adapters differ
 * only in how they store rows and make them durable.
 */
export interface EventTable {
  /** The stream's last revision, `undefined` when it has no events. */
  lastRevision(stream: string): bigint | undefined;
  findById(id: string): StoredEventRef | undefined;
  /** Stores the row at the next global position (allocated under the write lock) and returns that position. */
  insert(row: Omit<StoredEventRow, 'position'>): bigint;
  /** Up to `limit` events of a stream from revision `from` (inclusive), in `direction` order. */
  readStreamPage(stream: string, from: bigint, direction: 'forwards' | 'backwards', limit: number): StoredEventRow[];
  /** Up to `limit` events with a position greater than `after`, in position order. */
  readAllPage(after: bigint, limit: number): StoredEventRow[];
  /** `readAllPage` as log events: only the columns they carry are read, and only `data` is parsed. */
  readLogPage(after: bigint, limit: number): LogEvent[];
  /** The events at `positions`, in the order asked; undefined where a position holds none. */
  readAt(positions: readonly bigint[]): (StoredEventRow | undefined)[];
  /** `readAt` as log events (only their columns read, only `data` parsed). */
  readLogAt(positions: readonly bigint[]): (LogEvent | undefined)[];
  headPosition(): bigint;
}

/**
 * One append under the table's write lock: the expected-revision and idempotency check,
 * then the rows. Throws before writing anything when the check fails.
 */
export function appendToTable(
  table: EventTable,
  stream: string,
  events: readonly PreparedEvent[],
  expected: ExpectedRevision,
  recordedAt: string,
): AppendResult {
  const decision = decideAppend({
    stream,
    expected,
    current: table.lastRevision(stream),
    ids: events.map((event) => event.id),
    lookup: (id, index) => (events[index]?.generatedId ? undefined : table.findById(id)),
  });
  if (decision.kind === 'idempotent') return decision.result;
  let revision = decision.firstRevision;
  let position = 0n;
  for (const { id, type, data, metadata } of events) {
    position = table.insert({ id, type, data, metadata, stream, revision, recordedAt });
    revision += 1n;
  }
  return { nextRevision: revision - 1n, position };
}
