import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { createMailTransport, type MailTransport } from './mail-transport.js';
import { OUTBOX, type Outbox } from './outbox.port.js';
import { OutboxSender } from './outbox-sender.js';

/** How often the outbox is looked at for retries when nothing new woke the sender. */
const RETRY_POLL_MS = 15_000;

/**
 * Runs the outbox sender in the background: woken when the processor adds notifications, and every
 * few seconds for retries. Drains never overlap; `flush` answers once everything due has been tried.
 */
@Injectable()
export class NotificationDelivery implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('NotificationDelivery');
  private readonly transport: MailTransport;
  private readonly sender: OutboxSender;
  private running: Promise<number> = Promise.resolve(0);
  private queued: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(@Inject(OUTBOX) outbox: Outbox, @Inject(APP_CONFIG) config: AppConfig) {
    this.transport = createMailTransport(config.mail, config.dataDir, (m) => this.logger.log(m));
    this.sender = new OutboxSender(outbox, this.transport, { log: (m) => this.logger.log(m), error: (m) => this.logger.error(m) });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), RETRY_POLL_MS);
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running.catch(() => undefined);
    this.transport.close();
  }

  /** Starts a drain after the current one (at most one waits). */
  wake(): void {
    this.flush().catch((error: unknown) => this.logger.error('sending notifications failed', error instanceof Error ? error.stack : error));
  }

  /** Drains the outbox once more after whatever drain is running; answers how many notifications were delivered. */
  flush(): Promise<number> {
    this.queued ??= this.running
      .catch(() => 0)
      .then(() => {
        this.queued = undefined;
        return this.sender.drain().then((r) => r.delivered);
      });
    this.running = this.queued;
    return this.queued;
  }
}
