import { randomUUID } from 'node:crypto';
import {
  WrongExpectedVersionError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '../event-store.port.js';

/** A store under test and how to dispose of it (delete its files, disconnect). */
export interface EventStoreUnderTest {
  store: EventStore;
  cleanup(): Promise<void>;
}

/** Makes a fresh store for each test. */
export type EventStoreFactory = () => Promise<EventStoreUnderTest>;

export interface EventStoreContractOptions {
  /**
   * The store starts empty and nothing but the test writes to it (the embedded adapters):
   * also checks that positions are exactly 1, 2, 3, … and the head of an empty store is 0.
   * Leave it off for a shared server such as EventStoreDB, whose positions are not gap-free.
   */
  isolated?: boolean;
}

/** What each part of the contract gets: the current store and unique stream names. */
export interface ContractContext {
  readonly options: EventStoreContractOptions;
  store(): EventStore;
  /** A stream name no other test (or earlier run against a shared server) uses. */
  newStream(label: string): string;
  /** The prefix of every stream this run creates, to pick its events out of `$all`. */
  readonly prefix: string;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Events with fresh ids and a `seq` in their data. */
export function newEvents(count: number, type = 'ThingHappened', from = 0): NewEvent<{ seq: number }>[] {
  return Array.from({ length: count }, (_, i) => ({ id: randomUUID(), type, data: { seq: from + i } }));
}

export async function expectWrongVersion(
  attempt: Promise<unknown>,
  actual: bigint | 'no-stream',
): Promise<WrongExpectedVersionError> {
  const error = await attempt.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  const wrong = error as WrongExpectedVersionError;
  expect(wrong.actual).toBe(actual);
  expect(wrong.code).toBe('CONCURRENT_MODIFICATION');
  return wrong;
}

export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function expectStrictlyIncreasing(events: readonly RecordedEvent[]): void {
  for (let i = 1; i < events.length; i += 1) {
    expect((events[i] as RecordedEvent).position > (events[i - 1] as RecordedEvent).position).toBe(true);
  }
}

export function seqs(events: readonly Pick<RecordedEvent, 'data'>[]): number[] {
  return events.map((event) => (event.data as { seq: number }).seq);
}
