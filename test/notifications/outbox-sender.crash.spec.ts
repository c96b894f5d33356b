import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notificationId } from '../../apps/api/src/notifications/notification-id.js';
import type { OutboxNotification } from '../../apps/api/src/notifications/outbox.port.js';
import { SqliteOutbox } from '../../apps/api/src/notifications/sqlite.outbox.js';
import { compileSender, CrashingMailRun, type LaneReport } from './crashing-mail-run.js';

const KILLS = 100;
/** Four senders on four outboxes at once, each killed a quarter of the times: the same test in far less time. */
const LANES = 4;
/** Each run of a sender records at least one delivery, so a lane needs more notifications than twice its kills. */
const PER_LANE = 2 * (KILLS / LANES) + 13;
const NOTIFICATIONS = LANES * PER_LANE;

/**
 * R-NOT-1 exactly once across crashes: the outbox sender runs as a child process against a real SMTP server on
 * 127.0.0.1 that kills it with SIGKILL right after accepting a message — before or just after answering 250 —
 * 100 times over. A delivery is recorded only after the server's acceptance, so a killed send is sent again after
 * the restart, with the same Message-ID: every notification arrives, and only duplicates of the same message occur.
 */
describe('outbox sender under SIGKILL between the SMTP server\'s accept and the recorded delivery', () => {
  let dirs: string[] = [];
  let sender: Awaited<ReturnType<typeof compileSender>>;

  beforeAll(async () => {
    sender = await compileSender();
    dirs = await Promise.all(Array.from({ length: LANES }, () => mkdtemp(join(tmpdir(), 'behorighet-outbox-crash-'))));
    dirs.forEach((dir, lane) => {
      const outbox = SqliteOutbox.open(dir);
      outbox.add(laneNotifications(lane), { name: 'notifications', position: BigInt(NOTIFICATIONS) });
      outbox.close();
    });
  });
  afterAll(async () => {
    await sender?.remove();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it(`R-NOT-1 delivers each of ${NOTIFICATIONS} notifications under exactly one Message-ID, the sender killed ${KILLS} times`, async () => {
    const reports: LaneReport[] = await Promise.all(dirs.map((dir) => new CrashingMailRun(dir, KILLS / LANES, sender.script).run()));

    const received = reports.flatMap((r) => r.received);
    const kills = reports.reduce((n, r) => n + r.kills, 0);
    const killsBeforeReply = reports.reduce((n, r) => n + r.killsBeforeReply, 0);
    const distinct = [...new Set(received.map((r) => r.messageId))].sort();
    const duplicates = received.length - distinct.length;
    console.log(
      `outbox crash test: ${reports.reduce((n, r) => n + r.runs, 0)} sender runs, ${kills} SIGKILLs (${killsBeforeReply} before the 250), ` +
        `${received.length} messages accepted for ${NOTIFICATIONS} notifications, ${duplicates} duplicates by Message-ID`,
    );

    expect(kills).toBe(KILLS);
    for (const report of reports) expect(report.exits.filter((e) => e.signal !== 'SIGKILL')).toEqual([{ code: 0, signal: null, stderr: '' }]);
    for (const dir of dirs) {
      const outbox = SqliteOutbox.open(dir);
      expect(outbox.counts()).toEqual({ total: PER_LANE, delivered: PER_LANE, pending: 0 });
      outbox.close();
    }
    const expected = Array.from({ length: LANES }, (_, lane) => laneNotifications(lane).map((n) => `<${n.id}@behorighet.test>`)).flat().sort();
    expect(distinct).toEqual(expected);
    // Each kill before the reply left a message the sender never saw accepted: it must have been sent again.
    expect(duplicates).toBeGreaterThanOrEqual(killsBeforeReply);
    // A resend is the same e-mail, byte for byte.
    const first = new Map<string, string>();
    for (const { messageId, raw } of received) {
      if (!first.has(messageId)) first.set(messageId, raw);
      else expect(raw).toBe(first.get(messageId));
    }
  }, 120_000);
});

function laneNotifications(lane: number): OutboxNotification[] {
  return Array.from({ length: PER_LANE }, (_, i) => notification(lane * 10_000 + i));
}

function notification(i: number): OutboxNotification {
  const eventId = `0190a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`;
  const email = `person-${i}@example.se`;
  return {
    id: notificationId(eventId, email, 'permission-changed'),
    kind: 'permission-changed',
    eventId,
    eventPosition: BigInt(i + 1),
    to: { email, name: `Person ${i} Åström` },
    subject: `Dina behörigheter har ändrats / Your permissions have changed (${i})`,
    text: `Hej Person ${i}!\n\nBehörigheten till tjänsten lön har återkallats.\n`,
    createdAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
  };
}
