/** A notification as written to the outbox: rendered, addressed, and tied to the event it came from. */
export interface OutboxNotification {
  /** Deterministic (see notification-id.ts); becomes the e-mail's Message-ID. */
  id: string;
  kind: string;
  eventId: string;
  eventPosition: bigint;
  to: { email: string; name: string };
  subject: string;
  text: string;
  /** The event's instant: the e-mail's Date, the same on every resend. */
  createdAt: string;
}

export interface PendingNotification extends OutboxNotification {
  attempts: number;
}

export interface OutboxCounts {
  total: number;
  delivered: number;
  pending: number;
}

/**
 * The notification outbox (R-NOT-1). Notifications are written durably, together with the checkpoint of
 * the log position they were derived up to, before anything is sent; a notification counts as delivered only
 * once the mail server accepted it. Writing one that exists already (same id) changes nothing.
 */
export interface Outbox {
  /** Adds the notifications not yet known and moves `checkpoint` forward, in one durable transaction; answers how many were new. */
  add(notifications: readonly OutboxNotification[], checkpoint: { name: string; position: bigint }): number;
  checkpoint(name: string): bigint;
  /** Undelivered notifications whose next attempt is due at `now` (ms), oldest first. */
  due(now: number, limit: number): PendingNotification[];
  markDelivered(id: string, at: Date, receipt: string): void;
  /** Counts a failed attempt; the next one is not before `retryAt` (ms). */
  markFailed(id: string, error: string, retryAt: number): void;
  counts(): OutboxCounts;
  close(): void;
}

export const OUTBOX = Symbol('OUTBOX');
