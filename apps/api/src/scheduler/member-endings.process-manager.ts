import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ms, upcast } from '@behorighet/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@behorighet/event-store';
import { Clock } from '../clock/clock.js';
import type { Job } from '../clock/jobs.js';
import { systemContext } from '../write-model/request-context.js';
import { LogFollower } from './log-follower.js';
import { memberEndingOf, type MemberEnding } from './member-endings.reactions.js';
import { SchedulerCheckpoints } from './scheduler-checkpoints.js';
import { SystemCommands } from './system-commands.js';
import { WorkIndex } from './work-index.js';

/** Record the checkpoint at least this often (in events) when nothing is reacted to. */
const CHECKPOINT_EVERY = 500;

/**
 * R-MEM-3…8, R-SHR-5: when a member leaves (employment ended now, access removed, deactivated, deleted, blocked),
 * its grants and the shares of its resources end on its own stream (`EndMemberAccess`) and the shares it holds
 * end on every owner's stream (`RevokeHeldShares`, cascading). Each reaction is caused by the event (its id as
 * causation, its correlation id kept). A checkpointed subscription; as a job it answers once it has caught up.
 */
@Injectable()
export class MemberEndingsProcessManager implements Job, OnApplicationBootstrap, OnModuleDestroy {
  readonly name = 'member-endings';
  private readonly follower: LogFollower;
  private saved = 0n;
  private reactions = 0;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    private readonly checkpoints: SchedulerCheckpoints,
    private readonly index: WorkIndex,
    private readonly commands: SystemCommands,
    private readonly clock: Clock,
  ) {
    const logger = new Logger('MemberEndingsProcessManager');
    this.follower = new LogFollower({
      name: this.name,
      events,
      checkpoint: async () => (this.saved = this.checkpoints.get(this.name)),
      handle: (batch) => this.handle(batch),
      onStop: async (position) => this.checkpoints.set(this.name, position),
      logger: { log: (m) => logger.log(m), error: (m, e) => logger.error(m, e instanceof Error ? e.stack : e) },
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.follower.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.follower.stop();
  }

  /** Waits until every event committed so far has been reacted to. */
  async run(): Promise<{ done: number }> {
    await this.follower.catchUp(30_000);
    const done = this.reactions;
    this.reactions = 0;
    return { done };
  }

  private async handle(batch: readonly RecordedEvent[]): Promise<void> {
    let reacted = false;
    for (const event of batch) {
      const ending = event.stream.startsWith('organization-') ? memberEndingOf(event.type, upcast(event.type, event.data)) : undefined;
      if (ending && (await this.react(event, ending))) reacted = true;
    }
    const last = (batch[batch.length - 1] as RecordedEvent).position;
    if (reacted || last - this.saved >= CHECKPOINT_EVERY) {
      this.checkpoints.set(this.name, last);
      this.saved = last;
    }
  }

  private async react(event: RecordedEvent, ending: MemberEnding): Promise<boolean> {
    // A future-dated employment end: the apply-member-endings job acts at its effective time.
    if (ms(ending.effectiveAt) > this.clock.now().getTime()) return false;
    const { organizationId, memberId, cause } = ending;
    const correlationId = typeof event.metadata.correlationId === 'string' ? event.metadata.correlationId : event.id;
    const ctx = systemContext(this.name, { correlationId, causationId: event.id });
    await this.commands.run(organizationId, { stream: 'member', memberId, command: { type: 'EndMemberAccess', memberId, cause } }, ctx);
    this.reactions += 1;
    // After a removal of access the member keeps its profile and the shares it holds (as the domain's dueWork).
    if (cause === 'access-removed') return true;
    await this.index.reach(event.position);
    for (const owner of await this.index.shareOwners(memberId)) {
      if (owner === memberId) continue;
      const command = { type: 'RevokeHeldShares' as const, memberId: owner, holderMemberId: memberId, cause };
      await this.commands.run(organizationId, { stream: 'member', memberId: owner, command }, ctx);
      this.reactions += 1;
    }
    return true;
  }
}
