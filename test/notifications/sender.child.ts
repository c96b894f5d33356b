// The outbox sender as its own process, for the crash test: drains `<dataDir>/notifications.sqlite` to the SMTP
// server on 127.0.0.1:<port>, one notification at a time, and exits. Imports relatively (no path aliases here).
import { smtpTransport } from '../../apps/api/src/notifications/mail-transport.js';
import { OutboxSender } from '../../apps/api/src/notifications/outbox-sender.js';
import { SqliteOutbox } from '../../apps/api/src/notifications/sqlite.outbox.js';

const [dataDir, port] = process.argv.slice(2);
if (!dataDir || !port) throw new Error('usage: sender.child.ts <dataDir> <smtpPort>');

const outbox = SqliteOutbox.open(dataDir);
const transport = smtpTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Behörighet <no-reply@behorighet.test>' });
const sender = new OutboxSender(outbox, transport, {
  log: () => undefined,
  error: (message) => process.stderr.write(`${message}\n`),
});
const result = await sender.drain(1);
transport.close();
outbox.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
