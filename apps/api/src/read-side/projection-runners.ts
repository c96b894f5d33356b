import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@behorighet/event-store';
import {
  ProjectionFailedError,
  ProjectionRunner,
  READ_STORE,
  ReadModelVersionError,
  ReadTimeoutError,
  versionVerdict,
  type ReadDocument,
  type ReadModelProjection,
  type ReadStore,
  type StoredCheckpoint,
} from '@behorighet/read-models';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Readiness, type ReadinessProbe } from '../health/readiness.js';

export const READ_MODEL_PROJECTIONS = Symbol('READ_MODEL_PROJECTIONS');

/** How often an API-only process (no local runner) looks at a shared store's checkpoint while a query waits. */
const CHECKPOINT_POLL_MS = 25;

/**
 * One ProjectionRunner for every registered projection (one read of the log for all of them, a checkpoint
 * each), started at bootstrap when this process has the `projector` role, each read model reported by
 * `/health/ready`, stopped before the event store closes.
 * Without that role (an API-only process over a shared MongoDB store) queries wait on the stored checkpoints, and a
 * read model counts only when it is stored at this release's shape version: an older one is waited for (the projector
 * of this release rebuilds it), a newer one (a rollback of this process) is reported and refused.
 */
@Injectable()
export class ProjectionRunners implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Projection');
  private runner_: ProjectionRunner<ReadDocument> | undefined;

  constructor(
    @Inject(READ_MODEL_PROJECTIONS) private readonly projections: readonly ReadModelProjection[],
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readiness: Readiness,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.roles.has('projector')) {
      if (this.config.readStore.kind === 'memory') this.logger.warn('APP_ROLES has no projector and READ_STORE is memory: the read models stay empty');
      const headAtStart = await this.events.headPosition();
      for (const projection of this.projections) this.readiness.register(this.checkpointProbe(projection, headAtStart));
      return;
    }
    if (this.projections.length === 0) return;
    // Batches of up to 500 events while catching up at start (bigger ones keep more events alive than the young
    // generation holds: see rebuild.ts); once live a batch is whatever has arrived, usually one command's events.
    const runner = new ProjectionRunner({ projections: this.projections, events: this.events, readStore: this.readStore, logger: this.logger, batchSize: 500 });
    this.runner_ = runner;
    for (const { name } of this.projections) this.readiness.register({ name, status: () => runner.status(name) });
    await runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner_?.stop();
  }

  /**
   * Readiness of a read model another process projects: its stored checkpoint against the log head this process saw at
   * start, at this release's shape version.
   */
  private checkpointProbe(projection: ReadModelProjection, headAtStart: bigint): ReadinessProbe {
    return {
      name: projection.name,
      status: async () => {
        const [stored, head] = await Promise.all([this.readStore.storedCheckpoint(projection.name), this.events.headPosition()]);
        const position = stored?.position ?? 0n;
        const lag = head > position ? head - position : 0n;
        const shape = shapeProblem(projection, stored);
        const status = { position: String(position), head: String(head), lag: String(lag), ready: shape === undefined && position >= headAtStart };
        return shape === undefined ? status : { ...status, error: { message: shape.message } };
      },
    };
  }

  /** The runner keeping the read model `name` in this process, if it runs one. */
  runner(name: string): ProjectionRunner<ReadDocument> | undefined {
    return this.runner_?.names.includes(name) ? this.runner_ : undefined;
  }

  /**
   * Resolves once the read model `name` has reached `position`.
   * @throws ReadTimeoutError after `timeoutMs`; the runner's failure or stop error when it cannot get there.
   */
  async waitFor(name: string, position: bigint, timeoutMs: number): Promise<void> {
    const runner = this.runner(name);
    if (runner) return runner.waitFor(position, timeoutMs, name);
    const projection = this.projections.find((p) => p.name === name);
    if (projection === undefined) throw new Error(`unknown read model ${name}`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stored = await this.readStore.storedCheckpoint(name);
      const shape = shapeProblem(projection, stored);
      if (shape instanceof ReadModelVersionError) throw new ProjectionFailedError(name, undefined, undefined, { cause: shape });
      const reached = stored?.position ?? 0n;
      if (shape === undefined && reached >= position) return;
      if (Date.now() >= deadline) throw new ReadTimeoutError(name, position, reached, timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_POLL_MS));
    }
  }
}

/**
 * Why a read model stored by another process cannot be read by this release: a newer shape (ReadModelVersionError,
 * refused), or an older one or none (waited for: this release's projector rebuilds it). Undefined when it can.
 */
function shapeProblem(projection: ReadModelProjection, stored: StoredCheckpoint | null): Error | undefined {
  const verdict = versionVerdict(projection.version, stored);
  if (verdict.action === 'resume') return undefined;
  if (verdict.action === 'refuse') return new ReadModelVersionError(projection.name, verdict.stored, projection.version);
  return new Error(
    `stored shape version ${verdict.stored ?? 'none'}, this release reads ${projection.version}: waiting for a projector of this release to rebuild it`,
  );
}
