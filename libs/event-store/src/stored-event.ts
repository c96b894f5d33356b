import { newEventId } from './event-id.js';
import type { LogEvent, NewEvent, RecordedEvent } from './event-store.port.js';

/** A new event with its id settled and its payloads serialized, ready for any adapter's write. */
export interface PreparedEvent {
  id: string;
  /** The store made the id up: it cannot be stored already, so the idempotency lookup is skipped. */
  generatedId: boolean;
  type: string;
  data: string;
  metadata: string;
}

/** An event as the embedded adapters keep it: JSON text, like the `events` table's columns. */
export interface StoredEventRow extends Omit<PreparedEvent, 'generatedId'> {
  stream: string;
  revision: bigint;
  position: bigint;
  recordedAt: string;
}

/**
 * Validates and serializes the events of one append before it joins a batch, so that a bad
 * payload fails only its own append. Events are stored as JSON text: what is read back is
 * exactly what `JSON.parse(JSON.stringify(x))` gives, in every adapter.
 */
export function prepareEvents(stream: string, events: readonly NewEvent[]): PreparedEvent[] {
  if (typeof stream !== 'string' || stream.length === 0) throw new TypeError('a stream name must be a non-empty string');
  if (events.length === 0) throw new RangeError(`append to ${stream} carries no events`);
  const ids = new Set<string>();
  return events.map((event) => {
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new TypeError(`append to ${stream}: every event needs a non-empty type`);
    }
    const id = event.id ?? newEventId();
    if (ids.has(id)) throw new RangeError(`append to ${stream} carries event id ${id} twice`);
    ids.add(id);
    return {
      id,
      generatedId: event.id === undefined,
      type: event.type,
      data: JSON.stringify(event.data) ?? 'null',
      metadata: JSON.stringify(event.metadata ?? {}),
    };
  });
}

export function toRecordedEvent(row: StoredEventRow): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    recordedAt: new Date(row.recordedAt),
  };
}

/** The parts of a stored event a `LogEvent` carries; only `data` is parsed. */
export function toLogEvent(position: bigint, stream: string, type: string, data: string): LogEvent {
  return { position, stream, type, data: JSON.parse(data) as unknown };
}
