import { parse } from 'csv-parse/sync';
import { accessIntervals, memberDecider, targetKey, type AccessTarget } from '@behorighet/domain';
import { StreamNotFoundError } from '@behorighet/event-store';
import { bearer, memberFromLog, organizationFromLog, startTestApp, type TestApp } from '@behorighet/testing';
import { describeBy } from '../../apps/api/src/access-history/access-export.js';
import { buildAccessWorld, settle, T, type AccessWorld } from './access-history.world.js';

interface Row {
  member: string;
  service: string | null;
  role: string | null;
  from: string;
  to: string | null;
  grantedBy: Record<string, unknown>;
  endedBy: Record<string, unknown> | null;
  reason: string | null;
}

describe('compliance export over HTTP (R-READ-4)', () => {
  let t: TestApp;
  let w: AccessWorld;
  let head: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildAccessWorld(t);
    head = await settle(t);
  });
  afterAll(() => t.close());

  const exportOf = (org: string, token: string, query: Record<string, string> = {}) =>
    t.http.get(`/v1/organizations/${org}/access-history/export`).query({ minPosition: head, ...query }).set('authorization', token).buffer(true).parse(text as never);

  /** What the domain derives from the write model's states: every interval of the organization's members, as of now. */
  async function expectedRows(org: string, members: string[], period: { from?: string; to?: string } = {}): Promise<Row[]> {
    const organization = await organizationFromLog(t, org);
    const rows: Row[] = [];
    for (const memberId of [...members].sort()) {
      const member = await memberFromLog(t, memberId).catch((error: unknown) => {
        if (error instanceof StreamNotFoundError) return memberDecider.initialState();
        throw error;
      });
      const targets = [...new Set(Object.values(member.grants).map((grant) => targetKey(grant.target)))].sort();
      for (const key of targets) {
        const [kind, name] = key.split(':') as [string, string];
        const target = (kind === 'service' ? { service: name } : { role: name }) as AccessTarget;
        for (const i of accessIntervals({ organization, member, memberId }, target, { asOf: new Date(T.now) })) {
          const to = period.to ?? T.now;
          if (i.from >= to || (period.from !== undefined && i.to !== null && i.to <= period.from)) continue;
          rows.push({ member: memberId, service: i.service ?? null, role: i.role ?? null, from: i.from, to: i.to, grantedBy: { ...i.grantedBy }, endedBy: i.endedBy && { ...i.endedBy }, reason: i.reason });
        }
      }
    }
    return rows;
  }

  it('R-READ-4 streams JSON Lines, one interval per line, equal to the domain’s access intervals', async () => {
    const res = await exportOf(w.a.id, w.a.mr, { format: 'jsonl' }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="access-history-.+\.jsonl"$/);
    const rows = (res.body as string).trimEnd().split('\n').map((line) => JSON.parse(line) as Row);
    expect(rows).toEqual(await expectedRows(w.a.id, [w.a.annaId, w.a.boId, w.a.lenaId, w.a.mrId]));
    expect(rows.map((row) => [row.member, row.service, row.reason])).toEqual(
      expect.arrayContaining([
        [w.a.annaId, 'payroll', 'GRANT_EXPIRED'],
        [w.a.annaId, 'invoices', 'GRANT_REVOKED'],
        [w.a.boId, 'payroll', expect.stringMatching(/^(GRANT_REVOKED|EMPLOYMENT_ENDED)$/)],
      ]),
    );
    const extended = rows.find((row) => row.member === w.a.annaId && row.service === 'payroll');
    expect(extended).toMatchObject({ from: T.grants, to: '2025-08-01T00:00:00.000Z', grantedBy: { subject: 'mr-a', memberId: w.a.mrId }, endedBy: null });
    const revoked = rows.find((row) => row.member === w.a.annaId && row.service === 'invoices');
    expect(revoked).toMatchObject({ to: T.changes, endedBy: { subject: 'mr-a', memberId: w.a.mrId } });
  });

  it('R-READ-4 streams CSV with a header row and the same rows', async () => {
    const res = await exportOf(w.a.id, w.a.mr, { format: 'csv' }).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...records] = parse(res.body as string) as string[][];
    expect(header).toEqual(['member', 'service', 'role', 'from', 'to', 'granted_by', 'ended_by', 'reason']);
    const expected = await expectedRows(w.a.id, [w.a.annaId, w.a.boId, w.a.lenaId, w.a.mrId]);
    expect(records).toEqual(
      expected.map((row) => [row.member, row.service ?? '', row.role ?? '', row.from, row.to ?? '', describeBy(row.grantedBy), describeBy(row.endedBy), row.reason ?? '']),
    );
    expect(records.length).toBeGreaterThanOrEqual(3);
    // CSV is the default format.
    expect((await exportOf(w.a.id, w.a.mr).expect(200)).body).toBe(res.body);
  });

  it('R-READ-4 keeps the intervals that overlap the period', async () => {
    const period = { from: '2025-05-15T00:00:00.000Z', to: '2025-07-01T00:00:00.000Z' };
    const res = await exportOf(w.a.id, w.a.mr, { format: 'jsonl', ...period }).expect(200);
    const rows = (res.body as string).trimEnd().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Row);
    expect(rows).toEqual(await expectedRows(w.a.id, [w.a.annaId, w.a.boId, w.a.lenaId, w.a.mrId], period));
    expect(rows.some((row) => row.service === 'invoices')).toBe(false);
    expect(rows.some((row) => row.member === w.a.annaId && row.service === 'payroll')).toBe(true);
  });

  it('R-SEC-2 R-READ-4 exports only the organization’s own members, to its MR, delegates and administrators, else 404', async () => {
    const ofB = (await exportOf(w.b.id, w.b.mr, { format: 'jsonl' }).expect(200)).body as string;
    expect(ofB.trimEnd().split('\n').map((line) => (JSON.parse(line) as Row).member)).toEqual([w.b.olleId]);
    for (const token of [await bearer(t, 'anna'), w.b.mr, w.operator]) {
      expect(JSON.parse((await exportOf(w.a.id, token).expect(404)).body as string)).toMatchObject({ code: 'NOT_A_MEMBER' });
    }
  });

  it('R-ADM-3 R-READ-4 exports an administrator with a unit scope the members in it', async () => {
    const res = await exportOf(w.a.id, w.a.lena, { format: 'jsonl' }).expect(200);
    const rows = (res.body as string).trimEnd().split('\n').map((line) => JSON.parse(line) as Row);
    expect(rows).toEqual(await expectedRows(w.a.id, [w.a.annaId, w.a.lenaId]));
  });

  it('R-SEC-3 answers 400 naming the field for a bad format or period', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ format: 'xml' }, 'format'],
      [{ from: 'last week' }, 'from'],
      [{ from: T.now, to: T.start }, 'to'],
    ];
    for (const [query, field] of cases) {
      const res = await exportOf(w.a.id, w.a.mr, query).expect(400);
      expect(JSON.parse(res.body as string).errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});

/** Keeps any body as text (supertest would otherwise parse JSON and drop CSV). */
function text(res: NodeJS.ReadableStream, done: (error: Error | null, body: string) => void): void {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (body += chunk));
  res.on('end', () => done(null, body));
}
