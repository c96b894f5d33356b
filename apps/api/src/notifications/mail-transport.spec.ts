import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emlFileTransport, messageOf } from './mail-transport.js';
import type { OutboxNotification } from './outbox.port.js';

const n: OutboxNotification = {
  id: '8f3a1c2e-5b4d-5e6f-8a7b-9c0d1e2f3a4b',
  kind: 'invitation',
  eventId: 'event-1',
  eventPosition: 1n,
  to: { email: 'anna@example.se', name: 'Anna Åström' },
  subject: 'Inbjudan till Acme AB / Invitation to Acme AB',
  text: 'Hej Anna Åström!\n',
  createdAt: '2025-01-01T08:00:00.000Z',
};

describe('mail transport (R-NOT-1)', () => {
  it('R-NOT-1 uses the notification id as Message-ID, under the sender\'s domain, with the event\'s instant as Date', () => {
    expect(messageOf(n, 'Behörighet <no-reply@mail.example.se>')).toMatchObject({
      messageId: `<${n.id}@mail.example.se>`,
      date: new Date(n.createdAt),
      to: { name: 'Anna Åström', address: 'anna@example.se' },
      headers: { 'X-Behorighet-Notification': n.id, 'X-Behorighet-Kind': 'invitation', 'X-Behorighet-Event': 'event-1' },
    });
    expect(messageOf(n, 'no-reply').messageId).toBe(`<${n.id}@behorighet.local>`);
  });

  it('R-NOT-1 without SMTP writes <id>.eml, and a resend writes the very same message again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'behorighet-eml-'));
    try {
      const logged: string[] = [];
      const transport = emlFileTransport(dir, 'Behörighet <no-reply@behorighet.local>', (m) => logged.push(m));
      const receipt = await transport.send(n);
      const first = readFileSync(join(dir, `${n.id}.eml`), 'utf8');
      await transport.send(n);
      expect(readdirSync(dir)).toEqual([`${n.id}.eml`]);
      expect(readFileSync(join(dir, `${n.id}.eml`), 'utf8')).toBe(first);
      expect(receipt).toBe(`file:${join(dir, `${n.id}.eml`)}`);
      expect(first).toMatch(new RegExp(`^Message-ID: <${n.id}@behorighet.local>$`, 'm'));
      expect(logged).toHaveLength(2);
      transport.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
