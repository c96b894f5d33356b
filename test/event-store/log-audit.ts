import type { RecordedEvent } from '../../libs/event-store/src/event-store.port.js';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite.event-store.js';
import type { Ack } from './writer-process.js';

/**
 * Reopens the log in `dataDir` (which runs the integrity check) and asserts what must hold
 * after any crash: every acknowledged event is there where it was acknowledged, no id twice,
 * positions 1..n without a gap, every stream's revisions 0..m without a gap.
 */
export async function auditLog(dataDir: string, acks: readonly Ack[]): Promise<RecordedEvent[]> {
  const store = SqliteEventStore.open({ dataDir });
  try {
    const all: RecordedEvent[] = [];
    for await (const event of store.readAll()) all.push(event);

    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => BigInt(i + 1)));
    const byId = new Map(all.map((e) => [e.id, e]));
    expect(byId.size).toBe(all.length);

    const revisions = new Map<string, bigint[]>();
    for (const event of all) revisions.set(event.stream, [...(revisions.get(event.stream) ?? []), event.revision]);
    for (const [stream, seen] of revisions) {
      expect({ stream, revisions: seen }).toEqual({ stream, revisions: seen.map((_, i) => BigInt(i)) });
    }

    const missing: string[] = [];
    for (const ack of acks) {
      ack.ids.forEach((id, i) => {
        const offset = BigInt(ack.ids.length - 1 - i);
        const event = byId.get(id);
        if (event?.stream !== ack.stream || event.revision !== ack.lastRevision - offset || event.position !== ack.lastPosition - offset) {
          missing.push(`${id} acknowledged at ${ack.stream}@${ack.lastRevision - offset} #${ack.lastPosition - offset}`);
        }
      });
    }
    expect(missing).toEqual([]);
    expect(await store.headPosition()).toBe(BigInt(all.length));
    return all;
  } finally {
    await store.close();
  }
}
