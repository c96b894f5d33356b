import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memberStream, organizationStream, upcast } from '@behorighet/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@behorighet/event-store';
import { bearer, expectStatus, type TestApp } from '@behorighet/testing';

/** Steps for the time scenarios: the test clock, the jobs, the log and the mailbox (`DATA_DIR/outbox/*.eml`). */

export const VALID_ORG_NUMBER = '556036-0793';

export interface Mail {
  id: string;
  messageId: string;
  kind: string;
  eventId: string;
  to: string;
  raw: string;
}

/** Runs every due job at the test clock's instant and answers what each did (`POST /v1/test/jobs/run`). */
export async function runJobs(t: TestApp): Promise<Record<string, number>> {
  const res = await t.http.post('/v1/test/jobs/run').set('authorization', await bearer(t, 'test-clock')).send({});
  return expectStatus(res, 200).body.jobs;
}

/** The e-mails written so far (SMTP_URL unset: one `.eml` file per delivered notification). */
export function mailbox(t: TestApp): Mail[] {
  const dir = join(t.dataDir, 'outbox');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => parseMail(f.slice(0, -4), readFileSync(join(dir, f), 'utf8')));
}

function parseMail(id: string, raw: string): Mail {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const to = headers.get('to') ?? '';
  return {
    id,
    messageId: headers.get('message-id') ?? '',
    kind: headers.get('x-behorighet-kind') ?? '',
    eventId: headers.get('x-behorighet-event') ?? '',
    to: (/<([^>]+)>/.exec(to)?.[1] ?? to).toLowerCase(),
    raw,
  };
}

/** A mail's plain-text body, decoded from quoted-printable. */
export function textOf(mail: Mail): string {
  const body = mail.raw.split(/\r?\n\r?\n/).slice(1).join('\n\n').replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i += 1) {
    const hex = body[i] === '=' ? /^[0-9A-F]{2}$/.exec(body.slice(i + 1, i + 3))?.[0] : undefined;
    if (hex) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(body[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The mails added since `before` (a mailbox snapshot). */
export function newMail(t: TestApp, before: readonly Mail[]): Mail[] {
  const known = new Set(before.map((m) => m.id));
  return mailbox(t).filter((m) => !known.has(m.id));
}

/** A stream's events as recorded (data upcast), oldest first. */
export async function recorded(t: TestApp, stream: string): Promise<RecordedEvent<Record<string, unknown>>[]> {
  const events: RecordedEvent<Record<string, unknown>>[] = [];
  for await (const e of t.app.get<EventStore>(EVENT_STORE).readStream(stream)) events.push({ ...e, data: upcast(e.type, e.data) as Record<string, unknown> });
  return events;
}

export const memberEvents = (t: TestApp, memberId: string) => recorded(t, memberStream(memberId));
export const organizationEvents = (t: TestApp, organizationId: string) => recorded(t, organizationStream(organizationId));

export function headPosition(t: TestApp): Promise<bigint> {
  return t.app.get<EventStore>(EVENT_STORE).headPosition();
}
