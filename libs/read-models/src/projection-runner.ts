import type { EventStore, RecordedEvent } from '@behorighet/event-store';
import { EventBuffer } from './event-buffer.js';
import type { Projection } from './projection.js';
import { ProjectionBatch } from './projection-batch.js';
import { PositionWaiters } from './position-waiters.js';
import { ProjectionFailedError, ProjectionStoppedError, ReadTimeoutError } from './read-models.errors.js';
import type { ReadDocument, ReadStore } from './read-store.port.js';

/** What the runner reports; Nest's `Logger` and `console` both fit. */
export interface RunnerLogger {
  log(message: string): void;
  error(message: string, error: unknown): void;
}

export interface ProjectionRunnerOptions<Doc extends ReadDocument> {
  projection: Projection<Doc>;
  events: EventStore;
  readStore: ReadStore;
  /** Most events per batch (one commit each); default 500. */
  batchSize?: number;
  /** Replay from here instead of the stored checkpoint (the writes stay guarded by position). */
  fromPosition?: bigint;
  /** Stop once the event at this position is applied: the read model as of that point in the log (R-READ-6). */
  untilPosition?: bigint;
  logger?: RunnerLogger;
}

export type RunnerState = 'idle' | 'catching-up' | 'live' | 'stopped' | 'failed';

/** Positions as strings (JSON has no bigint); fits the API's readiness probe. */
export interface RunnerStatus {
  name: string;
  state: RunnerState;
  position: string;
  head: string;
  lag: string;
  /** Caught up with the log as it was at start, and not failed or stopped. */
  ready: boolean;
  error?: { message: string; eventPosition?: string; eventType?: string };
}

/**
 * Keeps one projection's read model up to date: subscribes to the log from its checkpoint,
 * applies the events in order in batches and commits each batch with its checkpoint. When the
 * projection (or the store) throws, it logs the event's position, stops, and shows the error
 * in `status()`: an event is never skipped.
 */
export class ProjectionRunner<Doc extends ReadDocument = ReadDocument> {
  private state: RunnerState = 'idle';
  private reached = 0n;
  private headAtStart = 0n;
  private failure: ProjectionFailedError | undefined;
  private buffer: EventBuffer | undefined;
  private running: Promise<void> | undefined;
  private readonly waiters = new PositionWaiters();
  private readonly logger: RunnerLogger;
  private readonly batchSize: number;

  constructor(private readonly options: ProjectionRunnerOptions<Doc>) {
    this.logger = options.logger ?? console;
    this.batchSize = options.batchSize ?? 500;
  }

  get name(): string {
    return this.options.projection.name;
  }

  /** Declares the collection, opens the subscription and returns; the work goes on in the background. */
  async start(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`projection ${this.name} was already started`);
    const { projection, readStore, events } = this.options;
    await readStore.declare([{ name: projection.name, indexes: projection.indexes }]);
    this.reached = this.options.fromPosition ?? (await readStore.checkpoint(projection.name));
    const head = await events.headPosition();
    const until = this.options.untilPosition;
    this.headAtStart = until !== undefined && until < head ? until : head;
    if (until !== undefined && this.reached >= until) {
      this.state = 'stopped';
      this.logger.log(`projection ${this.name}: already at position ${this.reached}, past ${until} where it was asked to stop`);
      return;
    }
    this.state = this.reached >= this.headAtStart ? 'live' : 'catching-up';
    this.logger.log(`projection ${this.name}: starting after position ${this.reached}, log head ${this.headAtStart}`);
    const buffer = new EventBuffer(events.subscribeToAll({ fromPosition: this.reached }), this.batchSize * 2);
    this.buffer = buffer;
    this.running = this.run(buffer);
  }

  /** Finishes the batch in hand, closes the subscription; waiting callers get `ProjectionStoppedError`. */
  async stop(): Promise<void> {
    if (this.state !== 'failed') this.state = 'stopped';
    await this.buffer?.close();
    await this.running;
    this.waiters.rejectAll(new ProjectionStoppedError(this.name));
  }

  /** The position of the last event applied (and committed). */
  position(): bigint {
    return this.reached;
  }

  /** How far the read model is behind the log. */
  async lag(): Promise<bigint> {
    const head = await this.options.events.headPosition();
    return head > this.reached ? head - this.reached : 0n;
  }

  /**
   * Resolves once the read model has reached `position` (read your writes).
   * @throws ReadTimeoutError after `timeoutMs`; ProjectionFailedError or ProjectionStoppedError when it cannot get there.
   */
  waitFor(position: bigint, timeoutMs: number): Promise<void> {
    if (position <= this.reached) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    if (this.state === 'stopped') return Promise.reject(new ProjectionStoppedError(this.name));
    return this.waiters.wait(position, timeoutMs, () => new ReadTimeoutError(this.name, position, this.reached, timeoutMs));
  }

  async status(): Promise<RunnerStatus> {
    const head = await this.options.events.headPosition();
    const lag = head > this.reached ? head - this.reached : 0n;
    const status: RunnerStatus = {
      name: this.name,
      state: this.state,
      position: String(this.reached),
      head: String(head),
      lag: String(lag),
      ready: this.state === 'live',
    };
    if (this.failure) {
      const { message, eventPosition, eventType } = this.failure;
      status.error = { message, ...(eventPosition === undefined ? {} : { eventPosition: String(eventPosition), eventType }) };
    }
    return status;
  }

  private async run(buffer: EventBuffer): Promise<void> {
    try {
      for (;;) {
        const taken = await buffer.take(this.batchSize);
        if (taken.length === 0) break;
        const until = this.options.untilPosition;
        const events = until === undefined ? taken : taken.filter((event) => event.position <= until);
        if (events.length > 0) await this.process(events);
        if (until !== undefined && (taken[taken.length - 1] as RecordedEvent).position >= until) {
          await this.halt(buffer, `reached position ${until}, where it was asked to stop`);
          return;
        }
      }
      if (this.state !== 'stopped') await this.halt(buffer, 'the log subscription ended');
    } catch (error) {
      await this.fail(error, buffer);
    }
  }

  private async halt(buffer: EventBuffer, why: string): Promise<void> {
    this.state = 'stopped';
    this.logger.log(`projection ${this.name}: stopped at position ${this.reached}: ${why}`);
    this.waiters.rejectAll(new ProjectionStoppedError(this.name));
    await buffer.close();
  }

  private async process(events: readonly RecordedEvent[]): Promise<void> {
    const { projection, readStore } = this.options;
    const writes = await new ProjectionBatch(projection, readStore).apply(events);
    const last = (events[events.length - 1] as RecordedEvent).position;
    await readStore.commit({ writes, checkpoint: { name: projection.name, position: last } });
    if (last <= this.reached) return;
    this.reached = last;
    if (this.state === 'catching-up' && last >= this.headAtStart) {
      this.state = 'live';
      this.logger.log(`projection ${this.name}: caught up at position ${last}`);
    }
    this.waiters.reached(last);
  }

  private async fail(error: unknown, buffer: EventBuffer): Promise<void> {
    const failure =
      error instanceof ProjectionFailedError ? error : new ProjectionFailedError(this.name, undefined, undefined, { cause: error });
    this.failure = failure;
    this.state = 'failed';
    this.logger.error(`projection ${this.name}: stopped after position ${this.reached}: ${failure.message}`, failure);
    this.waiters.rejectAll(failure);
    try {
      await buffer.close();
    } catch (closeError) {
      this.logger.error(`projection ${this.name}: closing the log subscription failed`, closeError);
    }
  }
}
