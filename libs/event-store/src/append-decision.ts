import { WrongExpectedVersionError, type AppendResult, type ExpectedRevision } from './event-store.port.js';

/** Where an event id is already stored. */
export interface StoredEventRef {
  stream: string;
  revision: bigint;
  position: bigint;
}

export type AppendDecision =
  | { kind: 'write'; firstRevision: bigint }
  | { kind: 'idempotent'; result: AppendResult };

export interface AppendCheck {
  stream: string;
  expected: ExpectedRevision;
  /** The stream's last revision, `undefined` when it has no events. */
  current: bigint | undefined;
  /** The ids of the events to append, in order. */
  ids: readonly string[];
  /** Where the id at `index` is stored already, if anywhere. */
  lookup(id: string, index: number): StoredEventRef | undefined;
}

/**
 * The expected-revision and idempotency rules every embedded adapter applies inside its
 * write lock, following EventStoreDB: an append whose ids are all new must find the stream
 * at `expected`; an append whose ids are exactly the events already written at the position
 * `expected` names is a retry and answers the first result; any other reuse of ids conflicts.
 * @throws WrongExpectedVersionError carrying the stream's actual revision.
 */
export function decideAppend(check: AppendCheck): AppendDecision {
  const { stream, expected, current, ids } = check;
  const found = ids.map((id, index) => check.lookup(id, index));
  if (found.every((ref) => ref === undefined)) {
    if (!isAt(expected, current)) throw conflict(check);
    return { kind: 'write', firstRevision: current === undefined ? 0n : current + 1n };
  }
  const first = found[0];
  const last = found[found.length - 1];
  const sameRun = found.every(
    (ref, i) => ref !== undefined && ref.stream === stream && ref.revision === (first?.revision ?? 0n) + BigInt(i),
  );
  if (sameRun && first && last && startsWhereExpected(expected, first.revision)) {
    return { kind: 'idempotent', result: { nextRevision: last.revision, position: last.position } };
  }
  throw conflict(check);
}

function isAt(expected: ExpectedRevision, current: bigint | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return current === undefined;
    case 'stream-exists':
      return current !== undefined;
    default:
      return current === expected;
  }
}

/** Whether an earlier append whose first event landed at `firstRevision` was made with `expected`. */
function startsWhereExpected(expected: ExpectedRevision, firstRevision: bigint): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return firstRevision === 0n;
    case 'stream-exists':
      return firstRevision > 0n;
    default:
      return firstRevision === expected + 1n;
  }
}

function conflict({ stream, expected, current }: AppendCheck): WrongExpectedVersionError {
  return new WrongExpectedVersionError(stream, expected, current ?? 'no-stream');
}
