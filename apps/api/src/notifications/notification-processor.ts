import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { upcast } from '@behorighet/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@behorighet/event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { invitationToken } from '../members/invitation-token.js';
import { LogFollower } from '../scheduler/log-follower.js';
import { memberStatesBefore } from './member-states-before.js';
import { needsMemberStates, noticesFor, type OrganizationAround } from './notice-rules.js';
import { NotificationDelivery } from './notification-delivery.js';
import { notificationId } from './notification-id.js';
import { OrganizationTimeline } from './organization-timeline.js';
import { OUTBOX, type Outbox, type OutboxNotification } from './outbox.port.js';
import { renderNotice } from './templates/render.js';

const NAME = 'notifications';
/**
 * On a first start (no checkpoint) over a log that already holds events — a new data directory for an old log,
 * API instances that wrote before the first scheduler ran — only events recorded this recently are notified:
 * nobody is e-mailed about years of history.
 */
const FIRST_START_LOOKBACK_MS = 24 * 60 * 60 * 1000;
/** Record the checkpoint at least this often (in events) when no notification comes of them. */
const CHECKPOINT_EVERY = 500;

/**
 * Turns committed events into notifications (R-NOT-1): a checkpointed subscription to the log that writes each
 * event's notifications, with deterministic ids, to the outbox in one transaction with its checkpoint. Only what
 * the log holds is ever notified; deriving an event again after a crash writes nothing new.
 */
@Injectable()
export class NotificationProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly follower: LogFollower;
  private readonly timeline: OrganizationTimeline;
  private saved = 0n;
  /** Events recorded before this instant (ms) give no notifications; see FIRST_START_LOOKBACK_MS. */
  private notBefore = 0;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly delivery: NotificationDelivery,
  ) {
    const logger = new Logger('NotificationProcessor');
    this.timeline = new OrganizationTimeline(events, upcast);
    this.follower = new LogFollower({
      name: NAME,
      events,
      checkpoint: async () => {
        this.saved = this.outbox.checkpoint(NAME);
        if (this.saved === 0n && this.notBefore === 0) {
          this.notBefore = Date.now() - FIRST_START_LOOKBACK_MS;
          logger.log(`no checkpoint yet: events recorded before ${new Date(this.notBefore).toISOString()} are not notified`);
        }
        return this.saved;
      },
      handle: (batch) => this.handle(batch),
      onStop: async (position) => void this.outbox.add([], { name: NAME, position }),
      logger: { log: (m) => logger.log(m), error: (m, e) => logger.error(m, e instanceof Error ? e.stack : e) },
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.follower.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.follower.stop();
  }

  /** Waits until the notifications of every event committed so far are in the outbox. */
  catchUp(timeoutMs = 30_000): Promise<void> {
    return this.follower.catchUp(timeoutMs);
  }

  private async handle(batch: readonly RecordedEvent[]): Promise<void> {
    const notifications: OutboxNotification[] = [];
    for (const event of batch) notifications.push(...(await this.derive(event)));
    const last = (batch[batch.length - 1] as RecordedEvent).position;
    if (notifications.length === 0 && last - this.saved < CHECKPOINT_EVERY) return;
    if (this.outbox.add(notifications, { name: NAME, position: last }) > 0) this.delivery.wake();
    this.saved = last;
  }

  private async derive(event: RecordedEvent): Promise<OutboxNotification[]> {
    const data = upcast(event.type, event.data) as Parameters<typeof noticesFor>[1];
    if (typeof data?.organizationId !== 'string' || typeof data.occurredAt !== 'string') return [];
    let around: OrganizationAround;
    if (event.stream.startsWith('organization-')) {
      around = await this.timeline.apply(data.organizationId, event);
      if (needsMemberStates(event.type)) {
        around.members = await memberStatesBefore(this.events, upcast, Object.keys(around.before.members), event.position);
      }
    } else if (event.stream.startsWith('member-')) {
      const state = await this.timeline.before(data.organizationId, event.position);
      around = { before: state, after: state };
    } else {
      return [];
    }
    if (event.recordedAt.getTime() < this.notBefore) return [];
    const notices = noticesFor(event.type, data, around);
    for (const { facts } of notices) {
      // The e-mail carries the token that lets the invitee accept (R-MEM-2); a resend's token replaces the earlier one.
      if (facts.kind === 'invitation') facts.token = invitationToken(this.config.invitationSecret, facts.memberId, data.occurredAt);
    }
    return notices.map((notice) => ({
      id: notificationId(notice.key ?? event.id, notice.to.email, notice.facts.kind),
      kind: notice.facts.kind,
      eventId: event.id,
      eventPosition: event.position,
      to: notice.to,
      ...renderNotice(notice),
      createdAt: data.occurredAt,
    }));
  }
}
