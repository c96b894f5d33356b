import {
  ANY,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  isSystemStream,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventStoreDBClient,
  type Position,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventMetadata,
  type ExpectedRevision,
  type RecordedEvent,
} from './event-store.port.js';

/** The part of the EventStoreDB client the adapter uses; tests hand in a recording fake of exactly this. */
export type EsdbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

const EXPECTED: Record<Exclude<ExpectedRevision, bigint>, AppendExpectedRevision> = {
  any: ANY,
  'no-stream': NO_STREAM,
  'stream-exists': STREAM_EXISTS,
};

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  return typeof expected === 'bigint' ? expected : EXPECTED[expected];
}

/** The server answers u64::MAX (or nothing) where it has no position for a record. */
const NO_POSITION = 2n ** 64n - 1n;

/**
 * The port's single bigint position is EventStoreDB's commit position. For events appended over
 * gRPC (implicit transactions) commit and prepare positions are the same log offset, unique per
 * event and increasing in `$all` order, but not gap-free: consumers may only compare them.
 */
export function commitPositionOf(position: Position | undefined): bigint | undefined {
  if (position === undefined || position.commit < 0n || position.commit >= NO_POSITION) return undefined;
  return position.commit;
}

/** Where a forward read of `$all` starts so that it includes everything after `after` (it may repeat `after` itself). */
export function readPositionAfter(after: bigint): ReadPosition {
  return after <= 0n ? START : { commit: after, prepare: after };
}

/** Events the server writes for itself (`$stats`, `$metadata`, links `$>`, …) never reach the port. */
export function isSystemEvent(event: Pick<EsdbRecordedEvent, 'type' | 'streamId'>): boolean {
  return event.type.startsWith('$') || isSystemStream(event.streamId);
}

/** A read or subscription answer: the event (absent for an unresolved link) and, on `$all`, its commit position. */
export interface EsdbResolved {
  event?: EsdbRecordedEvent;
  commitPosition?: bigint;
}

/** The port's view of a read answer; `undefined` for system events and unresolved links, which the port never shows. */
export function toRecordedEvent(resolved: EsdbResolved): RecordedEvent | undefined {
  const event = resolved.event;
  if (event === undefined || isSystemEvent(event)) return undefined;
  const position = commitPositionOf(event.position) ?? commitPositionOf(positionOf(resolved.commitPosition));
  if (position === undefined) {
    throw new Error(
      `EventStoreDB sent event ${event.id} of ${event.streamId} without a log position; ` +
        'this adapter needs a server that reports positions on every read (22.6 or later)',
    );
  }
  return {
    id: event.id,
    stream: event.streamId,
    revision: event.revision,
    position,
    type: event.type,
    data: event.data,
    metadata: toMetadata(event.id, event.metadata),
    recordedAt: event.created,
  };
}

function positionOf(commit: bigint | undefined): Position | undefined {
  return commit === undefined ? undefined : { commit, prepare: commit };
}

/** The client parses JSON metadata itself and hands back raw bytes when it could not; ours is always a JSON object. */
function toMetadata(id: string, metadata: unknown): EventMetadata {
  if (metadata === undefined || metadata === null) return {};
  const parsed: unknown = metadata instanceof Uint8Array ? parseJson(id, metadata) : metadata;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError(`EventStoreDB event ${id}: metadata is not a JSON object`);
  }
  return parsed as EventMetadata;
}

function parseJson(id: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch (error) {
    throw new TypeError(`EventStoreDB event ${id}: metadata is not JSON (${(error as Error).message})`, { cause: error });
  }
}

/** Maps the client's errors onto the port's; anything else passes unchanged. */
export function toPortError(error: unknown, stream: string, expected?: ExpectedRevision): unknown {
  if (error instanceof EsdbWrongExpectedVersionError) {
    return new WrongExpectedVersionError(stream, expected ?? 'any', toActualRevision(error.actualVersion));
  }
  if (error instanceof EsdbStreamNotFoundError) return new StreamNotFoundError(stream);
  return error;
}

export function toActualRevision(current: CurrentRevision): bigint | 'no-stream' {
  return current === NO_STREAM || (typeof current === 'bigint' && current < 0n) ? 'no-stream' : current;
}
