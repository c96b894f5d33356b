import { Injectable } from '@nestjs/common';
import type { Job } from '../clock/jobs.js';
import { NotificationDelivery } from './notification-delivery.js';
import { NotificationProcessor } from './notification-processor.js';

/**
 * As a job (last in a round): waits until the notifications of everything committed so far are in the outbox,
 * then sends what is due. Both also run by themselves in the background; this makes a round complete.
 */
@Injectable()
export class NotificationsJob implements Job {
  readonly name = 'notifications';

  constructor(
    private readonly processor: NotificationProcessor,
    private readonly delivery: NotificationDelivery,
  ) {}

  async run(): Promise<{ done: number }> {
    await this.processor.catchUp();
    return { done: await this.delivery.flush() };
  }
}
