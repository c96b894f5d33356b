import type { EventStore } from '@behorighet/event-store';
import { HistoryBuilder } from './history-builder.js';

export interface HistoryAppend {
  stream: string;
  events: Array<{ type: string; data: unknown }>;
}

export interface HistoryOptions {
  /** About this many events (the last command may add a few more). */
  events: number;
  seed?: number;
  /** Default: one organization per 500 events, at least 2. */
  organizations?: number;
  /** The first instant; default 2021-01-01. */
  start?: string;
  /** The span the history covers; default 4 years, so grants expire, get extended and end. */
  years?: number;
}

/**
 * A realistic, deterministic history made by deciding domain commands (so every event is one the system
 * would write): organizations with main responsibles, units and codes; invitations and acceptances; grants of
 * services and roles, extensions, revocations; employment ends and their automatic endings; administrators;
 * headless stretches and terminated agreements; many logins; and the scheduler's expiries and reminders,
 * each run when its organization is next touched. Yields one append per accepted command, in time order.
 * When every organization is stuck (headless, terminated, nobody left to invite), the operator repairs them after a
 * while; should even that be refused, it throws an Error saying what is stuck rather than spin or end short.
 */
export function* realisticHistory(options: HistoryOptions): Generator<HistoryAppend> {
  const history = new HistoryBuilder(options);
  yield* history.run();
}

/**
 * Appends a history in its order, `inFlight` appends at a time (an embedded store commits those together);
 * resolves with the head position.
 */
export async function appendHistory(store: EventStore, history: Iterable<HistoryAppend>, inFlight = 256): Promise<bigint> {
  let waiting: Promise<unknown>[] = [];
  let command = 0;
  for (const { stream, events } of history) {
    // Metadata as the API writes it (who, which request), so stored rows have their usual size.
    const metadata = { actor: 'history', correlationId: `history-${(command += 1)}`, causationId: `request:${command}` };
    waiting.push(store.append(stream, events.map((event) => ({ ...event, metadata })), { expectedRevision: 'any' }));
    if (waiting.length >= inFlight) {
      await Promise.all(waiting);
      waiting = [];
    }
  }
  await Promise.all(waiting);
  return store.headPosition();
}
