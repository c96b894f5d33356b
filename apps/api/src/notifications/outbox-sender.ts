import type { MailTransport } from './mail-transport.js';
import type { Outbox } from './outbox.port.js';

export interface SenderLogger {
  log(message: string): void;
  error(message: string): void;
}

/** Waits 2^attempts seconds after a failure, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 3_600_000);
}

/**
 * Sends what the outbox holds, one notification at a time: send, and only once the server accepted it,
 * record the delivery. A crash in between sends the same notification (same Message-ID) again on the next
 * drain — at least once, recognisably the same e-mail; never a notification the outbox does not hold.
 */
export class OutboxSender {
  constructor(
    private readonly outbox: Outbox,
    private readonly transport: MailTransport,
    private readonly logger: SenderLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sends every notification due now; answers how many were delivered and how many failed (to be retried later). */
  async drain(batch = 50): Promise<{ delivered: number; failed: number }> {
    let delivered = 0;
    let failed = 0;
    for (;;) {
      const due = this.outbox.due(this.now(), batch);
      if (due.length === 0) return { delivered, failed };
      for (const notification of due) {
        try {
          const receipt = await this.transport.send(notification);
          this.outbox.markDelivered(notification.id, new Date(this.now()), receipt);
          delivered += 1;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const retryAt = this.now() + retryDelayMs(notification.attempts + 1);
          this.outbox.markFailed(notification.id, message, retryAt);
          this.logger.error(`notification ${notification.id} to ${notification.to.email} failed (attempt ${notification.attempts + 1}): ${message}`);
          failed += 1;
        }
      }
    }
  }
}
