import { upcast } from '@behorighet/domain';
import type { EventStore } from '@behorighet/event-store';

/**
 * R-READ-6: the log position of the state as of `at` — the position before the first event that occurred
 * after `at` (by its `occurredAt`, else the instant it was recorded). Automatic endings recorded later but
 * dated earlier (an expiry at its validUntil) are left out with what follows them; the evaluators still see
 * that a grant's validity had passed by `at`.
 */
export async function positionAsOf(events: EventStore, at: Date): Promise<bigint> {
  const limit = +at;
  let position = 0n;
  for await (const event of events.readAll()) {
    const data = upcast(event.type, event.data) as { occurredAt?: unknown };
    const occurred = typeof data.occurredAt === 'string' ? Date.parse(data.occurredAt) : +event.recordedAt;
    if (occurred > limit) break;
    position = event.position;
  }
  return position;
}
