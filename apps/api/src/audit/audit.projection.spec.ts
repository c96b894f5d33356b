import { InMemoryEventStore, type EventStore, type RecordedEvent } from '@behorighet/event-store';
import { MemoryReadStore, ProjectionRunner, type PositionPageRequest, type ReadStore } from '@behorighet/read-models';
import { appendHistory, realisticHistory } from '../../../../libs/testing/src/realistic-history.js';
import { rebuildReadModels } from '../replay/rebuild.js';
import { AUDIT, auditEntryOf, auditProjection, PLATFORM_LIST } from './audit.projection.js';
import { auditPage, type AuditItem, type AuditQuery } from './audit.query.js';

type Data = { organizationId?: string; memberId?: string; occurredAt: string; by: { memberId?: string; subject?: string; system?: string } };

const quiet = { log: () => undefined, error: () => undefined };

/** What the audit must answer, computed by brute force over the log itself. */
function expectedItems(log: RecordedEvent[], organizationId: string, query: Omit<AuditQuery, 'limit'>): AuditItem[] {
  return log
    .filter((event) => {
      const data = event.data as Data;
      const actor = data.by.memberId ?? data.by.subject ?? (data.by.system ? `system:${data.by.system}` : undefined);
      const at = Date.parse(data.occurredAt);
      return (
        data.organizationId === organizationId &&
        (query.memberId === undefined || data.memberId === query.memberId) &&
        (query.actor === undefined || actor === query.actor) &&
        (query.type === undefined || event.type === query.type) &&
        (query.from === undefined || at >= query.from) &&
        (query.to === undefined || at < query.to)
      );
    })
    .map((event) => {
      const data = event.data as Data & Record<string, unknown>;
      return { type: event.type, occurredAt: data.occurredAt, actor: data.by, subject: data.memberId ?? null, data, position: String(event.position) };
    });
}

/** Every page of a query, following `nextCursor` to the end. */
async function allPages(store: ReadStore, events: EventStore, organizationId: string, query: AuditQuery): Promise<{ items: AuditItem[]; pages: number }> {
  const items: AuditItem[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await auditPage(store, events, organizationId, { ...query, cursor });
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages += 1;
  } while (cursor !== undefined);
  return { items, pages };
}

describe('audit history (R-READ-2)', () => {
  const history = [...realisticHistory({ events: 3000, seed: 5 })];
  const log: RecordedEvent[] = [];
  let store: ReadStore;
  let events: InMemoryEventStore;
  let organizations: string[];

  beforeAll(async () => {
    events = new InMemoryEventStore();
    await appendHistory(events, history);
    for await (const event of events.readAll()) log.push(event);
    ({ readStore: store } = await rebuildReadModels({ events, projections: [auditProjection] }));
    organizations = [...new Set(log.map((event) => (event.data as Data).organizationId).filter((id): id is string => id !== undefined))];
  });

  /** Every position of a list (filtered by `where`), page after page. */
  const listed = async (list: string, where: PositionPageRequest['where'] = {}) => {
    const all: bigint[] = [];
    for (let page = await store.positions(AUDIT, list, { limit: 1000, where }); ; page = await store.positions(AUDIT, list, { limit: 1000, where, after: page.nextCursor })) {
      all.push(...page.positions);
      if (page.nextCursor === null) return all;
    }
  };

  it('R-READ-2 keeps every event of the log, never lost: its type, when, who, about whom and its data', async () => {
    // Every event is in exactly one organization list, or in the platform's.
    let entries = (await listed(PLATFORM_LIST)).length;
    for (const organizationId of organizations) entries += (await listed(organizationId)).length;
    expect(entries).toBe(log.length);
    expect(await listed(PLATFORM_LIST)).toContain(1n);
    expect(auditEntryOf(log[0] as RecordedEvent)).toMatchObject({ type: 'ServiceRegistered', organizationId: null, subject: null, actorId: 'operator-1' });

    const login = log.find((event) => event.type === 'UserLoggedIn') as RecordedEvent;
    const data = login.data as Data;
    const org = data.organizationId as string;
    const actor = data.by.memberId ?? (data.by.subject as string);
    for (const where of [{}, { member: data.memberId }, { actor }, { type: 'UserLoggedIn' }, { type: 'UserLoggedIn', member: data.memberId, actor }]) {
      expect(await listed(org, where)).toContain(login.position);
    }
    expect(auditEntryOf(login)).toEqual({
      position: login.position, type: 'UserLoggedIn', organizationId: org, subject: data.memberId, occurredAt: data.occurredAt, actor: data.by, actorId: data.by.memberId ?? data.by.subject, data,
    });
    const expiry = log.find((event) => event.type === 'GrantExpired') as RecordedEvent;
    expect(auditEntryOf(expiry)).toMatchObject({ actorId: 'system:scheduler' });
  });

  it('R-READ-2 tags each entry with exactly the fields the query checks (organization, type, subject, actor)', () => {
    for (const event of log) {
      const { organizationId, type, subject, actorId } = auditEntryOf(event);
      expect(auditProjection.entry(event)).toEqual({ list: organizationId ?? PLATFORM_LIST, tags: { type, member: subject ?? undefined, actor: actorId ?? undefined } });
    }
  });

  it('R-READ-2 lists under each member, actor and type exactly the events about, by and of it', async () => {
    for (const organizationId of organizations.slice(0, 4)) {
      const own = log.filter((event) => auditEntryOf(event).organizationId === organizationId);
      const values = (pick: (event: RecordedEvent) => string | null) => [...new Set(own.map(pick))].filter((value): value is string => value !== null);
      const filters: Array<[keyof AuditQuery & ('memberId' | 'actor' | 'type'), string, (event: RecordedEvent) => string | null]> = [
        ['memberId', 'member', (event) => auditEntryOf(event).subject],
        ['actor', 'actor', (event) => auditEntryOf(event).actorId],
        ['type', 'type', (event) => event.type],
      ];
      for (const [query, tag, pick] of filters) {
        for (const value of values(pick)) {
          const expected = expectedItems(log, organizationId, { [query]: value }).map((item) => BigInt(item.position));
          expect({ tag, value, positions: await listed(organizationId, { [tag]: value }) }).toEqual({ tag, value, positions: expected });
        }
      }
    }
  });

  it('R-READ-2 pages an organization’s events oldest first, each once, to the end', async () => {
    for (const organizationId of organizations.slice(0, 3)) {
      const { items, pages } = await allPages(store, events, organizationId, { limit: 37 });
      expect(items).toEqual(expectedItems(log, organizationId, {}));
      expect(pages).toBe(Math.max(1, Math.ceil(items.length / 37)));
    }
  });

  it('R-READ-2 filters by member, actor, type and period, alone and together', async () => {
    const organizationId = organizations[1] as string;
    const own = log.filter((event) => (event.data as Data).organizationId === organizationId);
    // A member who logged in and was granted something, and who granted it.
    const logins = own.filter((event) => event.type === 'UserLoggedIn').map((event) => (event.data as Data).memberId);
    const grant = own.find((event) => event.type === 'GrantIssued' && logins.includes((event.data as Data).memberId)) as RecordedEvent;
    const { memberId } = grant.data as Data;
    const actor = (grant.data as Data).by.memberId as string;
    const from = Date.parse((own[Math.floor(own.length / 3)]?.data as Data).occurredAt);
    const to = Date.parse((own[Math.floor((2 * own.length) / 3)]?.data as Data).occurredAt);
    const queries: Array<Omit<AuditQuery, 'limit'>> = [
      { memberId },
      { actor },
      { actor: 'system:scheduler' },
      { type: 'GrantIssued' },
      { from, to },
      { memberId, type: 'UserLoggedIn' },
      { actor, type: 'GrantIssued', from },
      { memberId, actor, to },
    ];
    for (const query of queries) {
      const expected = expectedItems(log, organizationId, query);
      expect({ query, items: (await allPages(store, events, organizationId, { ...query, limit: 5 })).items }).toEqual({ query, items: expected });
    }
    expect(expectedItems(log, organizationId, { memberId, type: 'UserLoggedIn' }).length).toBeGreaterThan(0);
  });

  it('R-READ-2 ends a page early, with a cursor to go on from, when a sparse filter has looked at enough entries', async () => {
    const organizationId = organizations[0] as string;
    const expected = expectedItems(log, organizationId, { type: 'OrganizationRegistered' });
    // The list's tags answer member, actor and type; what only the events can say (period, scope) is checked on them.
    const onlyType = (type: string) => (entry: { type: string }) => entry.type === type;
    const first = await auditPage(store, events, organizationId, { visible: onlyType('AgreementRenewed'), limit: 10, scanBudget: 3 });
    expect(first.nextCursor).not.toBeNull();
    const { items, pages } = await allPages(store, events, organizationId, { visible: onlyType('OrganizationRegistered'), limit: 10, scanBudget: 3 });
    expect(items).toEqual(expected);
    expect(pages).toBeGreaterThan(1);
    // Filters the tags answer cost one entry per match, however sparse.
    expect(await auditPage(store, events, organizationId, { actor: 'operator-1', type: 'OrganizationRegistered', limit: 10, scanBudget: 3 })).toEqual({ items: expected, nextCursor: null });
  });

  it('R-READ-2 shows no other organization’s events', async () => {
    const [a, b] = organizations as [string, string];
    const { items } = await allPages(store, events, a, { limit: 1000 });
    const positionsOfB = new Set(expectedItems(log, b, {}).map((item) => item.position));
    expect(items.some((item) => positionsOfB.has(item.position))).toBe(false);
    const memberOfB = (log.find((event) => (event.data as Data).organizationId === b && (event.data as Data).memberId) as RecordedEvent).data as Data;
    expect((await auditPage(store, events, a, { memberId: memberOfB.memberId, limit: 10 })).items).toEqual([]);
  });

  it('R-READ-2 never skips or repeats an entry while events are appended between pages', async () => {
    const growing = new InMemoryEventStore();
    const live = new MemoryReadStore();
    const runner = new ProjectionRunner({ projection: auditProjection, events: growing, readStore: live, batchSize: 16, logger: quiet });
    await runner.start();
    const appends = history.slice(0, 600);
    const organizationId = history.map((append) => (append.events[0]?.data as Data).organizationId).find((id) => id !== undefined) as string;
    const seen: AuditItem[] = [];
    let cursor: string | undefined;
    let pages = 0;
    // Pages are read while the log grows and the runner catches up; each answer's cursor leads to the next.
    for (let i = 0; ; i += 50) {
      if (i < appends.length) await appendHistory(growing, appends.slice(i, i + 50), 7);
      else await runner.waitFor(await growing.headPosition(), 5_000);
      const page = await auditPage(live, growing, organizationId, { limit: 9, cursor });
      seen.push(...page.items);
      pages += 1;
      if (page.nextCursor === null && i >= appends.length) break;
      cursor = page.nextCursor ?? cursor;
      if (page.nextCursor === null) seen.splice(seen.length - page.items.length);
    }
    expect(pages).toBeGreaterThan(10);
    await runner.stop();
    const full = [];
    for await (const event of growing.readAll()) full.push(event);
    expect(seen.map((item) => item.position)).toEqual(expectedItems(full, organizationId, {}).map((item) => item.position));
  });
});
