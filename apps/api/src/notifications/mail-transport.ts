import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { OutboxNotification } from './outbox.port.js';

/** Where notifications go: an SMTP server, or `.eml` files when none is configured. */
export interface MailTransport {
  /** Hands one notification over; resolves with a receipt only once it was accepted (SMTP 250, or the file is on disk). */
  send(notification: OutboxNotification): Promise<string>;
  close(): void;
}

export interface MailSettings {
  smtpUrl?: string;
  from: string;
}

/** The e-mail of a notification. Its Message-ID is the notification id, so a resend is recognisably the same message. */
export function messageOf(n: OutboxNotification, from: string): Mail.Options {
  return {
    from,
    to: { name: n.to.name, address: n.to.email },
    subject: n.subject,
    text: n.text,
    date: new Date(n.createdAt),
    messageId: `<${n.id}@${domainOf(from)}>`,
    headers: { 'X-Behorighet-Notification': n.id, 'X-Behorighet-Kind': n.kind, 'X-Behorighet-Event': n.eventId },
  };
}

function domainOf(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'behorighet.local';
}

/**
 * Delivers over SMTP (`SMTP_URL`, e.g. `smtp://user:pass@mail.example.se:587`) with nodemailer, over one pooled
 * connection: servers greet slowly (smtp-server waits 100 ms for early talkers), so a drain reuses its connection.
 */
export function smtpTransport(settings: Required<MailSettings>): MailTransport {
  const transporter = nodemailer.createTransport({ url: settings.smtpUrl, pool: true, maxConnections: 1 });
  return {
    async send(n) {
      const info = await transporter.sendMail(messageOf(n, settings.from));
      return `smtp:${info.response}`;
    },
    close: () => transporter.close(),
  };
}

/** Without SMTP: each notification becomes `<dir>/<id>.eml` (written whole, then renamed into place). */
export function emlFileTransport(dir: string, from: string, log: (message: string) => void): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(n) {
      const info = await composer.sendMail(messageOf(n, from));
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${n.id}.eml`);
      const file = await open(`${path}.tmp`, 'w');
      try {
        await file.writeFile(info.message as Buffer);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(`${path}.tmp`, path);
      log(`notification ${n.id} (${n.kind}) to ${n.to.email} written to ${path}`);
      return `file:${path}`;
    },
    close: () => composer.close(),
  };
}

export function createMailTransport(settings: MailSettings, dataDir: string, log: (message: string) => void): MailTransport {
  if (settings.smtpUrl) return smtpTransport({ smtpUrl: settings.smtpUrl, from: settings.from });
  return emlFileTransport(join(dataDir, 'outbox'), settings.from, log);
}
