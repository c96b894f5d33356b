import type { EventStore, LogEvent } from '@behorighet/event-store';
import { EventBuffer } from './event-buffer.js';
import type { InPlaceProjection, PositionProjection, Projection } from './projection.js';
import { ProjectedModel } from './projected-model.js';
import { versionVerdict } from './read-model-versions.js';
import { ReadModelVersionError } from './read-models.errors.js';
import type { ReadDocument, ReadStore } from './read-store.port.js';

/** What the runner reports; Nest's `Logger` and `console` both fit. */
export interface RunnerLogger {
  log(message: string): void;
  error(message: string, error: unknown): void;
}

export interface ProjectionRunnerOptions<Doc extends ReadDocument> {
  /** One read model… */
  projection?: Projection<Doc> | InPlaceProjection<Doc> | PositionProjection;
  /** …or several, fed from one subscription (one read of the log for all; each keeps its own checkpoint). */
  projections?: readonly (Projection<Doc> | InPlaceProjection<Doc> | PositionProjection)[];
  events: EventStore;
  readStore: ReadStore;
  /** Most events per batch (one commit per read model each); default 500. */
  batchSize?: number;
  /** Replay from here instead of the stored checkpoints (the writes stay guarded by position). */
  fromPosition?: bigint;
  /** Stop once the event at this position is applied: the read models as of that point in the log (R-READ-6). */
  untilPosition?: bigint;
  logger?: RunnerLogger;
  /** Sees each batch read from the log before it is applied (progress, counts). */
  onEvents?(events: readonly LogEvent[]): void;
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
 * Keeps read models up to date: subscribes to the log once, from the lowest of their checkpoints, applies
 * the events in order in batches and commits each model's writes of a batch with its checkpoint. Reading
 * and parsing the log once for every read model is what makes a rebuild cost about one pass, not N.
 * When a projection (or the store) throws, that model logs the event's position, stops where it was and
 * shows the error in `status()` — an event is never skipped — while the others go on.
 * At start each model's stored shape version is checked against its projection's (see `ReadModelVersion`): an
 * older one (or none, beside a checkpoint) is reset and rebuilt from the log, a newer one fails that model.
 */
export class ProjectionRunner<Doc extends ReadDocument = ReadDocument> {
  private state: RunnerState = 'idle';
  private headAtStart = 0n;
  private buffer: EventBuffer | undefined;
  private running: Promise<void> | undefined;
  private readonly models: ProjectedModel<Doc>[];
  private readonly logger: RunnerLogger;
  private readonly batchSize: number;

  constructor(private readonly options: ProjectionRunnerOptions<Doc>) {
    const projections = options.projections ?? (options.projection ? [options.projection] : []);
    if (projections.length === 0) throw new Error('a ProjectionRunner needs a projection');
    const names = new Set(projections.map((p) => p.name));
    if (names.size !== projections.length) throw new Error(`read model names must be unique: ${projections.map((p) => p.name).join(', ')}`);
    this.models = projections.map((projection) => new ProjectedModel(projection));
    this.logger = options.logger ?? console;
    this.batchSize = options.batchSize ?? 500;
  }

  /** The read model's name (the names, comma-separated, of a runner with several). */
  get name(): string {
    return this.models.map((model) => model.name).join(',');
  }

  /** The read models this runner keeps. */
  get names(): string[] {
    return this.models.map((model) => model.name);
  }

  /** Declares the collections, opens the subscription and returns; the work goes on in the background. */
  async start(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`projection ${this.name} was already started`);
    const { readStore, events } = this.options;
    await readStore.declare(this.models.map((model) => model.collection));
    for (const model of this.models) await this.prepare(model);
    if (this.models.every((model) => model.failure)) {
      this.state = 'failed';
      return;
    }
    const from = this.lowest();
    const head = await events.headPosition();
    const until = this.options.untilPosition;
    this.headAtStart = until !== undefined && until < head ? until : head;
    if (until !== undefined && from >= until) {
      this.state = 'stopped';
      this.logger.log(`projection ${this.name}: already at position ${from}, past ${until} where it was asked to stop`);
      return;
    }
    this.state = from >= this.headAtStart ? 'live' : 'catching-up';
    for (const model of this.models) model.caughtUp = model.reached >= this.headAtStart;
    this.logger.log(`projection ${this.name}: starting after position ${from}, log head ${this.headAtStart}`);
    const buffer = new EventBuffer(events.subscribeToAllPages({ fromPosition: from }), this.batchSize * 2);
    this.buffer = buffer;
    this.running = this.run(buffer);
  }

  /** Finishes the batch in hand, closes the subscription; waiting callers get `ProjectionStoppedError`. */
  async stop(): Promise<void> {
    if (this.state !== 'failed') this.state = 'stopped';
    await this.buffer?.close();
    await this.running;
    for (const model of this.models) model.stop();
  }

  /** The position of the last event applied (and committed) by every read model (the lowest of their positions). */
  position(name?: string): bigint {
    return name === undefined ? this.lowest() : this.model(name).reached;
  }

  /** How far the read models (or the one named) are behind the log. */
  async lag(name?: string): Promise<bigint> {
    const head = await this.options.events.headPosition();
    const reached = this.position(name);
    return head > reached ? head - reached : 0n;
  }

  /**
   * Resolves once the read models (or the one named) have reached `position` (read your writes).
   * @throws ReadTimeoutError after `timeoutMs`; ProjectionFailedError or ProjectionStoppedError when one cannot get there.
   */
  async waitFor(position: bigint, timeoutMs: number, name?: string): Promise<void> {
    const stopped = this.state === 'stopped';
    const models = name === undefined ? this.models : [this.model(name)];
    await Promise.all(models.map((model) => model.waitFor(position, timeoutMs, stopped)));
  }

  /** The status of the read model named (default: the first). */
  async status(name?: string): Promise<RunnerStatus> {
    const model = name === undefined ? (this.models[0] as ProjectedModel<Doc>) : this.model(name);
    const head = await this.options.events.headPosition();
    const lag = head > model.reached ? head - model.reached : 0n;
    const state: RunnerState = model.failure ? 'failed' : this.state === 'live' || this.state === 'catching-up' ? (model.caughtUp ? 'live' : 'catching-up') : this.state;
    const status: RunnerStatus = { name: model.name, state, position: String(model.reached), head: String(head), lag: String(lag), ready: state === 'live' };
    if (model.failure) {
      const { message, eventPosition, eventType } = model.failure;
      status.error = { message, ...(eventPosition === undefined ? {} : { eventPosition: String(eventPosition), eventType }) };
    }
    return status;
  }

  /**
   * Where `model` starts: its checkpoint (or `fromPosition`) when the store holds it at the projection's version;
   * 0 after a reset when it holds an older shape (or one from before versions); failed when it holds a newer one.
   */
  private async prepare(model: ProjectedModel<Doc>): Promise<void> {
    const { readStore, fromPosition } = this.options;
    const stored = await readStore.storedCheckpoint(model.name);
    const { version } = model.projection;
    const verdict = versionVerdict(version, stored);
    if (verdict.action === 'refuse') {
      model.reached = stored?.position ?? 0n;
      this.report(model, model.fail(new ReadModelVersionError(model.name, verdict.stored, version)));
      return;
    }
    if (verdict.action === 'rebuild') {
      this.logger.log(`projection ${model.name}: stored shape version ${verdict.stored ?? 'none'}, this release has ${version}: rebuilding it from the log`);
      await readStore.reset(model.name);
      model.reached = 0n;
      return;
    }
    model.reached = fromPosition ?? stored?.position ?? 0n;
  }

  private model(name: string): ProjectedModel<Doc> {
    const model = this.models.find((candidate) => candidate.name === name);
    if (!model) throw new Error(`this runner keeps no read model ${name}`);
    return model;
  }

  private lowest(): bigint {
    // Failed models stay behind for good: the others' progress is what the runner reports while any goes on.
    const going = this.models.filter((model) => !model.failure);
    let lowest: bigint | undefined;
    for (const model of going.length > 0 ? going : this.models) if (lowest === undefined || model.reached < lowest) lowest = model.reached;
    return lowest ?? 0n;
  }

  private async run(buffer: EventBuffer): Promise<void> {
    try {
      for (;;) {
        const taken = await buffer.take(this.batchSize);
        if (taken.length === 0) break;
        const until = this.options.untilPosition;
        const events = until === undefined ? taken : taken.filter((event) => event.position <= until);
        if (events.length > 0) {
          this.options.onEvents?.(events);
          await this.process(events);
        }
        if (this.models.every((model) => model.failure)) {
          this.state = 'failed';
          await buffer.close();
          return;
        }
        if (until !== undefined && (taken[taken.length - 1] as LogEvent).position >= until) {
          await this.halt(buffer, `reached position ${until}, where it was asked to stop`);
          return;
        }
      }
      if (this.state !== 'stopped') await this.halt(buffer, 'the log subscription ended');
    } catch (error) {
      // The subscription itself failed: no model can go on.
      for (const model of this.models) if (!model.failure) this.report(model, model.fail(error));
      this.state = 'failed';
      await this.closeQuietly(buffer);
    }
  }

  private async halt(buffer: EventBuffer, why: string): Promise<void> {
    this.state = 'stopped';
    this.logger.log(`projection ${this.name}: stopped at position ${this.lowest()}: ${why}`);
    for (const model of this.models) model.stop();
    await buffer.close();
  }

  private async process(events: readonly LogEvent[]): Promise<void> {
    const last = (events[events.length - 1] as LogEvent).position;
    for (const model of this.models) {
      try {
        await model.apply(events, last, this.options.readStore);
      } catch (error) {
        this.report(model, model.fail(error));
        continue;
      }
      if (!model.caughtUp && model.reached >= this.headAtStart) {
        model.caughtUp = true;
        this.logger.log(`projection ${model.name}: caught up at position ${model.reached}`);
      }
    }
    if (this.state === 'catching-up' && this.models.every((model) => model.caughtUp || model.failure)) this.state = 'live';
  }

  private report(model: ProjectedModel<Doc>, failure: Error): void {
    this.logger.error(`projection ${model.name}: stopped after position ${model.reached}: ${failure.message}`, failure);
  }

  private async closeQuietly(buffer: EventBuffer): Promise<void> {
    try {
      await buffer.close();
    } catch (closeError) {
      this.logger.error(`projection ${this.name}: closing the log subscription failed`, closeError);
    }
  }
}
