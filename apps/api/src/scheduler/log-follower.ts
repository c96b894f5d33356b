import { setImmediate as nextMacrotask, setTimeout as sleep } from 'node:timers/promises';
import { inPagesOfOne, type EventStore, type RecordedEvent } from '@behorighet/event-store';
import { EventBuffer, PositionWaiters, ReadTimeoutError, type RunnerLogger } from '@behorighet/read-models';

export interface LogFollowerOptions {
  /** Names the follower in logs and errors. */
  name: string;
  events: EventStore;
  /** Where to resume after a start or a failure: the last position the handler recorded durably. */
  checkpoint(): Promise<bigint>;
  /**
   * Handles a batch in log order. Must be idempotent: the events after the last recorded checkpoint
   * come again after a restart or a failure.
   */
  handle(batch: readonly RecordedEvent[]): Promise<void>;
  /** Called once when the follower stops, with the last position handled (to record it). */
  onStop?(position: bigint): Promise<void>;
  /** Most events per batch; default 200. */
  batchSize?: number;
  /** After a failure: wait this long, then resume from the checkpoint; default 5000 ms. */
  retryMs?: number;
  logger: RunnerLogger;
}

export type FollowerState = 'idle' | 'catching-up' | 'live' | 'retrying' | 'stopped';

/**
 * A checkpointed subscription to the log that hands batches to a handler (a process manager, the
 * notification outbox). Unlike a projection it has side effects, so a failing batch is never skipped:
 * the follower logs it, waits and resumes from its durable checkpoint, handling the batch again.
 */
export class LogFollower {
  private state: FollowerState = 'idle';
  private reached = 0n;
  private headAtStart = 0n;
  private buffer: EventBuffer | undefined;
  private running: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  private readonly waiters = new PositionWaiters();
  private lastError: string | undefined;

  constructor(private readonly options: LogFollowerOptions) {}

  get name(): string {
    return this.options.name;
  }

  async start(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`log follower ${this.name} was already started`);
    this.reached = await this.options.checkpoint();
    this.headAtStart = await this.options.events.headPosition();
    this.state = this.reached >= this.headAtStart ? 'live' : 'catching-up';
    this.options.logger.log(`${this.name}: following the log after position ${this.reached} (head ${this.headAtStart})`);
    this.running = this.run();
  }

  async stop(): Promise<void> {
    if (this.state === 'idle' || this.state === 'stopped') return;
    this.state = 'stopped';
    this.stopping.abort();
    await this.buffer?.close();
    await this.running;
    await this.options.onStop?.(this.reached);
    this.waiters.rejectAll(new Error(`log follower ${this.name} stopped`));
  }

  /** The position of the last event handled. */
  position(): bigint {
    return this.reached;
  }

  /** Resolves once every event up to `position` has been handled; ReadTimeoutError after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<void> {
    if (position <= this.reached) return Promise.resolve();
    if (this.state === 'stopped' || this.state === 'idle') return Promise.reject(new Error(`log follower ${this.name} is not running`));
    return this.waiters.wait(position, timeoutMs, () => new ReadTimeoutError(this.name, position, this.reached, timeoutMs));
  }

  /** Waits until the follower has handled the log as it is now. */
  async catchUp(timeoutMs: number): Promise<void> {
    await this.waitFor(await this.options.events.headPosition(), timeoutMs);
  }

  status(): { name: string; state: FollowerState; position: string; error?: string } {
    return { name: this.name, state: this.state, position: String(this.reached), ...(this.lastError ? { error: this.lastError } : {}) };
  }

  private async run(): Promise<void> {
    const { events, batchSize = 200, retryMs = 5000, logger } = this.options;
    while (!this.stopping.signal.aborted) {
      const buffer = new EventBuffer(inPagesOfOne(events.subscribeToAll({ fromPosition: this.reached })), batchSize * 2);
      this.buffer = buffer;
      try {
        for (;;) {
          const batch = await buffer.take(batchSize);
          if (batch.length === 0) break;
          await this.options.handle(batch);
          this.advance((batch[batch.length - 1] as RecordedEvent).position);
          // An embedded log answers without real I/O: let timers and requests in between batches while catching up.
          await nextMacrotask();
        }
        if (!this.stopping.signal.aborted) throw new Error('the log subscription ended');
      } catch (error) {
        if (this.stopping.signal.aborted) break;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.state = 'retrying';
        logger.error(`${this.name}: failed after position ${this.reached}; retrying in ${retryMs} ms`, error);
        await buffer.close().catch((closeError: unknown) => logger.error(`${this.name}: closing the subscription failed`, closeError));
        await sleep(retryMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
        if (this.stopping.signal.aborted) break;
        // Resume from what was recorded: the failed batch is handled again (handlers are idempotent).
        this.reached = await this.options.checkpoint();
        this.state = 'catching-up';
      }
    }
  }

  private advance(position: bigint): void {
    if (position <= this.reached) return;
    this.reached = position;
    this.lastError = undefined;
    if (this.state !== 'live' && position >= this.headAtStart) this.state = 'live';
    this.waiters.reached(position);
  }
}
