import { StreamNotFoundError, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent } from './event-store.port.js';
import type { EventTable } from './event-table.js';
import { toRecordedEvent } from './stored-event.js';

/** Rows fetched per query; an iteration holds no lock between pages. */
export const READ_PAGE_SIZE = 256;

/**
 * Reads one stream page by page.
 * @throws StreamNotFoundError (on the first `next()`) when the stream has no events.
 */
export async function* readStreamFromTable(
  table: EventTable,
  stream: string,
  options: ReadStreamOptions = {},
): AsyncGenerator<RecordedEvent> {
  const direction = options.direction ?? 'forwards';
  const last = table.lastRevision(stream);
  if (last === undefined) throw new StreamNotFoundError(stream);
  let from = options.from ?? (direction === 'forwards' ? 0n : last);
  let left = options.limit ?? Number.POSITIVE_INFINITY;
  while (left > 0 && from >= 0n) {
    const wanted = Math.min(READ_PAGE_SIZE, left);
    const page = table.readStreamPage(stream, from, direction, wanted);
    for (const row of page) yield toRecordedEvent(row);
    const tail = page.at(-1);
    if (page.length < wanted || tail === undefined) return;
    left -= page.length;
    from = direction === 'forwards' ? tail.revision + 1n : tail.revision - 1n;
  }
}

/** Reads the whole log after `fromPosition`, page by page, in position order. */
export async function* readAllFromTable(table: EventTable, options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
  let after = options.fromPosition ?? 0n;
  let left = options.limit ?? Number.POSITIVE_INFINITY;
  while (left > 0) {
    const wanted = Math.min(READ_PAGE_SIZE, left);
    const page = table.readAllPage(after, wanted);
    for (const row of page) yield toRecordedEvent(row);
    const tail = page.at(-1);
    if (page.length < wanted || tail === undefined) return;
    left -= page.length;
    after = tail.position;
  }
}
