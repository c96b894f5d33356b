import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MailTransport } from './mail-transport.js';
import { notificationId } from './notification-id.js';
import { OutboxSender, retryDelayMs } from './outbox-sender.js';
import type { OutboxNotification } from './outbox.port.js';
import { SqliteOutbox } from './sqlite.outbox.js';

const note = (i: number): OutboxNotification => ({
  id: notificationId(`event-${i}`, `p${i}@example.se`, 'reminder'),
  kind: 'reminder',
  eventId: `event-${i}`,
  eventPosition: BigInt(i),
  to: { email: `p${i}@example.se`, name: `P ${i}` },
  subject: `Subject ${i}`,
  text: `Text ${i}`,
  createdAt: '2025-01-01T00:00:00.000Z',
});

/** A transport that records what it was handed and fails for the ids it is told to. */
function recordingTransport(failFor = new Set<string>()) {
  const sent: string[] = [];
  const transport: MailTransport = {
    async send(n) {
      if (failFor.has(n.id)) throw new Error('421 try again later');
      sent.push(n.id);
      return `smtp:250 ok ${n.id}`;
    },
    close: () => undefined,
  };
  return { sent, transport };
}

describe('the outbox and its sender (R-NOT-1)', () => {
  let dir: string;
  let outbox: SqliteOutbox;
  const quiet = { log: () => undefined, error: () => undefined };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'behorighet-outbox-'));
    outbox = SqliteOutbox.open(dir);
  });
  afterEach(() => {
    outbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R-NOT-1 writes a notification once: the same id again adds nothing, and the checkpoint moves with the batch', () => {
    expect(outbox.add([note(1), note(2)], { name: 'notifications', position: 2n })).toBe(2);
    expect(outbox.add([note(2), note(3)], { name: 'notifications', position: 3n })).toBe(1);
    expect(outbox.add([], { name: 'notifications', position: 1n })).toBe(0);
    expect(outbox.checkpoint('notifications')).toBe(3n);
    expect(outbox.counts()).toEqual({ total: 3, delivered: 0, pending: 3 });
  });

  it('R-NOT-1 sends in log order and records each delivery after the transport accepted it; a second drain sends nothing', async () => {
    outbox.add([note(3), note(1), note(2)], { name: 'notifications', position: 3n });
    const { sent, transport } = recordingTransport();
    expect(await new OutboxSender(outbox, transport, quiet).drain(2)).toEqual({ delivered: 3, failed: 0 });
    expect(sent).toEqual([note(1).id, note(2).id, note(3).id]);
    expect(await new OutboxSender(outbox, transport, quiet).drain()).toEqual({ delivered: 0, failed: 0 });
    expect(outbox.counts()).toEqual({ total: 3, delivered: 3, pending: 0 });
  });

  it('R-NOT-1 keeps a refused notification pending and tries it again after a growing delay', async () => {
    outbox.add([note(1), note(2)], { name: 'notifications', position: 2n });
    let now = 1_000_000;
    const failing = recordingTransport(new Set([note(1).id]));
    expect(await new OutboxSender(outbox, failing.transport, quiet, () => now).drain()).toEqual({ delivered: 1, failed: 1 });
    expect(outbox.due(now, 10).map((n) => n.id)).toEqual([]);
    now += retryDelayMs(1);
    expect(outbox.due(now, 10).map((n) => [n.id, n.attempts])).toEqual([[note(1).id, 1]]);
    const working = recordingTransport();
    expect(await new OutboxSender(outbox, working.transport, quiet, () => now).drain()).toEqual({ delivered: 1, failed: 0 });
    expect(working.sent).toEqual([note(1).id]);
    expect([retryDelayMs(1), retryDelayMs(2), retryDelayMs(30)]).toEqual([2000, 4000, 3_600_000]);
  });

  it('R-NOT-1 keeps what was written across a reopening of the file', () => {
    outbox.add([note(1)], { name: 'notifications', position: 7n });
    outbox.close();
    outbox = SqliteOutbox.open(dir);
    expect(outbox.checkpoint('notifications')).toBe(7n);
    expect(outbox.due(Date.now(), 10).map((n) => n.to.email)).toEqual(['p1@example.se']);
  });
});
