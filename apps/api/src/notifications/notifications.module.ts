import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { NotificationDelivery } from './notification-delivery.js';
import { NotificationProcessor } from './notification-processor.js';
import { NotificationsJob } from './notifications.job.js';
import { OUTBOX, type Outbox } from './outbox.port.js';
import { SqliteOutbox } from './sqlite.outbox.js';

@Injectable()
class OutboxCloser implements OnApplicationShutdown {
  constructor(@Inject(OUTBOX) private readonly outbox: Outbox) {}

  // After every module's onModuleDestroy, where the processor records its last position.
  onApplicationShutdown(): void {
    this.outbox.close();
  }
}

/** R-NOT-1: events → notifications in the outbox (`DATA_DIR/notifications.sqlite`) → SMTP or `.eml` files. */
@Module({
  providers: [
    { provide: OUTBOX, useFactory: (config: AppConfig) => SqliteOutbox.open(config.dataDir), inject: [APP_CONFIG] },
    OutboxCloser,
    NotificationDelivery,
    NotificationProcessor,
    NotificationsJob,
  ],
  exports: [OUTBOX, NotificationsJob],
})
export class NotificationsModule {}
