import { Readable } from 'node:stream';
import {
  StreamNotFoundError,
  UnavailableError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendResult,
  type AppendToStreamOptions,
  type EventData,
  type EventType,
  type Filter,
  type ReadAllOptions,
  type ReadPosition,
  type ReadStreamOptions,
  type ResolvedEvent,
  type StreamingRead,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import type { EsdbClient } from './esdb.mapping.js';

export type RecordedCall =
  | { method: 'appendToStream'; stream: string; events: EventData[]; options?: AppendToStreamOptions }
  | { method: 'readStream'; stream: string; options?: ReadStreamOptions }
  | { method: 'readAll'; options?: ReadAllOptions }
  | { method: 'subscribeToAll'; options?: SubscribeToAllOptions }
  | { method: 'dispose' };

/**
 * A test double of the EventStoreDB client methods the adapter calls (typed by the real client,
 * so it breaks when they change). It records every call, answers appends as scripted, and serves
 * reads and subscriptions from `log`, a `$all` the test writes (system events included), the way
 * the server does: reads and subscriptions start *at* a given position (inclusive), streams that
 * have no event fail with the client's `StreamNotFoundError`, and `dropSubscriptions` makes the
 * n-th subscription fail with `UnavailableError` after delivering a number of events.
 */
export class RecordingEsdbClient implements EsdbClient {
  readonly calls: RecordedCall[] = [];
  readonly log: AllStreamResolvedEvent[] = [];
  /** Answers (or errors) for the next appends, first first. */
  readonly appendAnswers: Array<AppendResult | Error> = [];
  /** Per subscribe call, in order: after how many delivered events it fails, and with what (default `UnavailableError`). */
  readonly dropSubscriptions: Array<number | { after: number; error: Error } | undefined> = [];
  cancelledReads = 0;
  unsubscribed = 0;
  private readonly waiters = new Set<() => void>();

  /** Adds an event to `$all` and wakes the live subscriptions. */
  publish(...answers: AllStreamResolvedEvent[]): void {
    this.log.push(...answers);
    this.wake();
  }

  appendToStream = async (stream: string, events: EventData | EventData[], options?: AppendToStreamOptions) => {
    this.calls.push({ method: 'appendToStream', stream, events: Array.isArray(events) ? events : [events], options });
    const answer = this.appendAnswers.shift();
    if (answer === undefined) throw new Error('RecordingEsdbClient: no append answer scripted');
    if (answer instanceof Error) throw answer;
    return answer;
  };

  readStream = <E extends EventType = EventType>(stream: string, options?: ReadStreamOptions) => {
    this.calls.push({ method: 'readStream', stream, options });
    const backwards = options?.direction === 'backwards';
    const from = options?.fromRevision ?? (backwards ? 'end' : 'start');
    const events = this.log.filter(({ event }) => event?.streamId === stream);
    const selected = (backwards ? [...events].reverse() : events).filter(({ event }) => {
      if (from === 'start' || from === 'end') return true;
      return backwards ? event!.revision <= from : event!.revision >= from;
    });
    const answers = selected.slice(0, Number(options?.maxCount ?? Number.MAX_SAFE_INTEGER));
    const failure = events.length === 0 ? new StreamNotFoundError(undefined, stream) : undefined;
    return this.readable(answers, failure) as unknown as StreamingRead<ResolvedEvent<E>>;
  };

  readAll = (options?: ReadAllOptions): StreamingRead<AllStreamResolvedEvent> => {
    this.calls.push({ method: 'readAll', options });
    const from = options?.fromPosition ?? 'start';
    const backwards = options?.direction === 'backwards';
    const ordered = backwards ? [...this.log].reverse() : this.log;
    const selected = ordered.filter((answer) => {
      if (from === 'start' || from === 'end') return true;
      return backwards ? commitOf(answer) <= from.commit : commitOf(answer) >= from.commit;
    });
    const answers = selected.slice(0, Number(options?.maxCount ?? Number.MAX_SAFE_INTEGER));
    return this.readable(answers) as unknown as StreamingRead<AllStreamResolvedEvent>;
  };

  subscribeToAll = (options?: SubscribeToAllOptions): AllStreamSubscription => {
    this.calls.push({ method: 'subscribeToAll', options });
    const drop = this.dropSubscriptions.shift();
    const stop = { requested: false };
    const source = Readable.from(this.serve(options?.fromPosition ?? 'start', options?.filter, drop, stop), {
      objectMode: true,
      highWaterMark: 1,
    });
    const unsubscribe = async (): Promise<void> => {
      this.unsubscribed += 1;
      stop.requested = true;
      this.wake();
    };
    return Object.assign(source, { unsubscribe }) as unknown as AllStreamSubscription;
  };

  dispose = async (): Promise<void> => {
    this.calls.push({ method: 'dispose' });
  };

  private async *serve(
    from: ReadPosition,
    filter: Filter | undefined,
    drop: RecordingEsdbClient['dropSubscriptions'][number],
    stop: { requested: boolean },
  ) {
    const dropAfter = typeof drop === 'object' ? drop.after : drop;
    const failure = typeof drop === 'object' ? drop.error : new UnavailableError(undefined, 'connection to the server was lost');
    let index = from === 'end' ? this.log.length : 0;
    let delivered = 0;
    while (!stop.requested) {
      const answer = this.log[index];
      if (answer === undefined) {
        await new Promise<void>((resolve) => this.waiters.add(resolve));
        continue;
      }
      index += 1;
      if (typeof from === 'object' && commitOf(answer) < from.commit) continue;
      if (filter !== undefined && !passes(filter, answer)) continue;
      if (delivered === dropAfter) throw failure;
      delivered += 1;
      yield answer;
    }
  }

  private readable(answers: AllStreamResolvedEvent[], failure?: Error): Readable & { cancel(): Promise<void> } {
    const source = Readable.from(
      (async function* () {
        yield* answers;
        if (failure) throw failure;
      })(),
      { objectMode: true },
    );
    const cancel = async (): Promise<void> => {
      this.cancelledReads += 1;
      source.destroy();
    };
    return Object.assign(source, { cancel });
  }

  private wake(): void {
    for (const resolve of this.waiters) resolve();
    this.waiters.clear();
  }
}

function commitOf(answer: AllStreamResolvedEvent): bigint {
  return answer.event?.position.commit ?? answer.commitPosition ?? 0n;
}

/** The server's filter: a regex or prefixes over the event type or stream name. */
function passes(filter: Filter, answer: AllStreamResolvedEvent): boolean {
  const subject = filter.filterOn === 'eventType' ? answer.event?.type : answer.event?.streamId;
  if (subject === undefined) return false;
  return 'regex' in filter ? new RegExp(filter.regex).test(subject) : filter.prefixes.some((p) => subject.startsWith(p));
}

/** An event as `$all` holds it; commit and prepare positions are equal, as for every gRPC append. */
export function esdbEvent(fields: {
  stream: string;
  revision: bigint;
  position: bigint;
  type: string;
  id?: string;
  data?: unknown;
  metadata?: unknown;
  created?: Date;
}): AllStreamResolvedEvent {
  const position = { commit: fields.position, prepare: fields.position };
  return {
    event: {
      streamId: fields.stream,
      id: fields.id ?? `00000000-0000-4000-8000-${fields.position.toString(16).padStart(12, '0')}`,
      isJson: true,
      revision: fields.revision,
      type: fields.type,
      created: fields.created ?? new Date(Date.UTC(2025, 0, 1)),
      data: (fields.data ?? {}) as Record<string, unknown>,
      metadata: fields.metadata as Record<string, unknown> | undefined,
      position,
    },
    commitPosition: fields.position,
  };
}
