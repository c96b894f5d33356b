import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@behorighet/event-store';
import { MemoryReadStore, ProjectionRunner, type ReadDocument } from '@behorighet/read-models';
import { scheduledOrganizations, shareHolders, type ScheduledOrganization, type ShareHolder } from './work-index.projections.js';

const PAGE = 500;

/**
 * The scheduler's own checkpointed index of where due work may be: organizations, their open orders,
 * share holders. Projected from the log into a private in-memory store at start (it holds ids only),
 * so it needs no read side of the API. Callers wait for it to reach the position they act on.
 */
@Injectable()
export class WorkIndex implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly store = new MemoryReadStore();
  private readonly organizationsRunner: ProjectionRunner<ScheduledOrganization>;
  private readonly holdersRunner: ProjectionRunner<ShareHolder>;

  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {
    const logger = new Logger('WorkIndex');
    const quiet = { log: (m: string) => logger.debug(m), error: (m: string, e: unknown) => logger.error(m, e instanceof Error ? e.stack : e) };
    this.organizationsRunner = new ProjectionRunner({ projection: scheduledOrganizations, events, readStore: this.store, logger: quiet });
    this.holdersRunner = new ProjectionRunner({ projection: shareHolders, events, readStore: this.store, logger: quiet });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.organizationsRunner.start();
    await this.holdersRunner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.organizationsRunner.stop();
    await this.holdersRunner.stop();
  }

  /** Waits until the index holds everything up to `position` (default: the log's head now). */
  async reach(position?: bigint, timeoutMs = 30_000): Promise<void> {
    const target = position ?? (await this.events.headPosition());
    await Promise.all([this.organizationsRunner.waitFor(target, timeoutMs), this.holdersRunner.waitFor(target, timeoutMs)]);
  }

  /** Every organization known to the index, page by page. */
  async *organizations(): AsyncIterable<ScheduledOrganization> {
    yield* this.pages<ScheduledOrganization>(scheduledOrganizations.name);
  }

  /** The members whose resources `holderMemberId` holds or held shares of. */
  async shareOwners(holderMemberId: string): Promise<string[]> {
    return (await this.store.get<ShareHolder>(shareHolders.name, holderMemberId))?.owners ?? [];
  }

  private async *pages<D extends ReadDocument>(collection: string): AsyncIterable<D> {
    let after: string | undefined;
    do {
      const page = await this.store.find<D>(collection, {}, { limit: PAGE, ...(after ? { after } : {}) });
      yield* page.items;
      after = page.nextCursor ?? undefined;
    } while (after);
  }
}
