import {
  accessIntervals,
  effectiveAccess,
  evolveMember,
  evolveOrganization,
  initialMember,
  initialOrganization,
  targetKey,
  type Grant,
  type MemberEvent,
  type MemberState,
  type OrganizationEvent,
  type OrganizationState,
} from '@behorighet/domain';
import { InMemoryEventStore, type RecordedEvent } from '@behorighet/event-store';
import { organizationStateProjection, type ReadStore } from '@behorighet/read-models';
import fc from 'fast-check';
import { appendHistory, realisticHistory, type HistoryAppend } from '../../../../libs/testing/src/realistic-history.js';
import { rebuildReadModels } from '../replay/rebuild.js';
import { ACCESS_HISTORY, accessHistoryProjection } from './access-history.projection.js';
import { AccessHistoryReader, parseTarget, type AccessIntervalRow } from './access-history.reader.js';
import { grantHistories } from './grant-events.arbitraries.js';
import { grantHistoriesOf, type GrantHistory } from './grant-histories.js';

/** The states the write side would fold from the same history: the reference the read model must match. */
function foldDirectly(history: HistoryAppend[]) {
  const organizations = new Map<string, OrganizationState>();
  const members = new Map<string, MemberState>();
  for (const { stream, events } of history) {
    for (const event of events) {
      const data = event.data as { organizationId: string; memberId: string };
      if (stream.startsWith('organization-')) {
        organizations.set(data.organizationId, evolveOrganization(organizations.get(data.organizationId) ?? initialOrganization(), event as OrganizationEvent));
      } else if (stream.startsWith('member-')) {
        members.set(data.memberId, evolveMember(members.get(data.memberId) ?? initialMember(), event as MemberEvent));
      }
    }
  }
  return { organizations, members };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const byKey = (row: AccessIntervalRow) => `${row.memberId}|${row.target}|${row.grantId}|${row.from}`;

describe('access_history read model (R-READ-3, R-READ-4)', () => {
  const history = [...realisticHistory({ events: 4000, seed: 11 })];
  const reference = foldDirectly(history);
  const end = Date.parse((history.at(-1)?.events.at(-1)?.data as { occurredAt: string }).occurredAt);
  let store: ReadStore;
  let log: InMemoryEventStore;
  let reader: AccessHistoryReader;

  beforeAll(async () => {
    log = new InMemoryEventStore();
    await appendHistory(log, history);
    ({ readStore: store } = await rebuildReadModels({ events: log, projections: [organizationStateProjection, accessHistoryProjection] }));
    reader = new AccessHistoryReader(store, log);
  });

  it('lists, per organization, exactly the positions of its members\' grant events', async () => {
    const expected = new Map<string, bigint[]>();
    for await (const event of log.readAll()) {
      if (!event.stream.startsWith('member-') || !event.type.startsWith('Grant')) continue;
      const { organizationId } = event.data as { organizationId: string };
      expected.set(organizationId, [...(expected.get(organizationId) ?? []), event.position]);
    }
    expect(expected.size).toBeGreaterThan(3);
    for (const [organizationId, positions] of expected) {
      expect((await store.positions(ACCESS_HISTORY, organizationId, { limit: 100_000 })).positions).toEqual(positions);
    }
  });

  it('folds each organization\'s grant events into the grants the domain folds, member by member and target by target', async () => {
    const organizations = new Set<string>();
    let histories = 0;
    const byOrganization = new Map<string, GrantHistory[]>();
    for (const [memberId, member] of reference.members) {
      const grants = Object.values(member.grants);
      if (grants.length === 0) continue;
      organizations.add(member.organizationId);
      if (!byOrganization.has(member.organizationId)) byOrganization.set(member.organizationId, await collect(reader.grantHistories(member.organizationId)));
      const decoded = (byOrganization.get(member.organizationId) as GrantHistory[]).filter((history) => history.memberId === memberId);
      const expected = new Map<string, Record<string, Grant>>();
      for (const grant of grants) expected.set(targetKey(grant.target), { ...expected.get(targetKey(grant.target)), [grant.grantId]: grant });
      expect(decoded.map((history) => history.target)).toEqual([...expected.keys()].sort());
      for (const history of decoded) expect(history.grants).toStrictEqual(expected.get(history.target));
      histories += decoded.length;
    }
    expect(histories).toBeGreaterThan(100);
    expect(organizations.size).toBeGreaterThan(3);
  });

  it('R-READ-4 derives every interval exactly as accessIntervals over the write side’s states', async () => {
    let compared = 0;
    for (const [organizationId, organization] of reference.organizations) {
      const expected: AccessIntervalRow[] = [];
      for (const [memberId, member] of reference.members) {
        if (member.organizationId !== organizationId) continue;
        for (const key of new Set(Object.values(member.grants).map((grant) => targetKey(grant.target)))) {
          for (const interval of accessIntervals({ organization, member, memberId }, parseTarget(key), { asOf: end })) {
            const { memberId: _m, grantId, service, role, from, to, grantedBy, endedBy, reason } = interval;
            expected.push({ organizationId, memberId, target: key, service: service ?? null, role: role ?? null, grantId, from, to, grantedBy, endedBy, reason });
          }
        }
      }
      const actual = await collect(reader.intervals(organizationId, { asOf: end }));
      expect(actual.sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(expected.sort((a, b) => byKey(a).localeCompare(byKey(b))));
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('R-READ-4 keeps only the intervals overlapping a period, and the endings of the history (expiry, revocation, headless, terminated)', async () => {
    const all = (await Promise.all([...reference.organizations.keys()].map((org) => collect(reader.intervals(org, { asOf: end }))))).flat();
    const reasons = new Set(all.map((row) => row.reason));
    expect([...reasons]).toEqual(expect.arrayContaining([null, 'GRANT_EXPIRED', 'GRANT_REVOKED', 'ORGANIZATION_HEADLESS', 'AGREEMENT_TERMINATED']));

    const [organizationId] = reference.organizations.keys() as IterableIterator<string>;
    const from = Date.parse('2022-01-01T00:00:00Z');
    const to = Date.parse('2022-07-01T00:00:00Z');
    const inPeriod = await collect(reader.intervals(organizationId as string, { asOf: end, from, to }));
    const everything = await collect(reader.intervals(organizationId as string, { asOf: end }));
    const overlapping = everything.filter((row) => Date.parse(row.from) < to && (row.to === null || Date.parse(row.to) > from));
    expect(inPeriod).toEqual(overlapping);
    expect(inPeriod.length).toBeGreaterThan(0);
    expect(inPeriod.length).toBeLessThan(everything.length);
  });

  it('R-READ-3 answers who had access at an instant as effectiveAccess does, reading only that service’s holders', async () => {
    const instants = ['2021-06-01T12:00:00Z', '2022-03-15T00:00:00Z', '2023-09-30T23:59:59Z', '2024-12-01T00:00:00Z'].map(Date.parse);
    let holders = 0;
    for (const [organizationId, organization] of reference.organizations) {
      for (const service of Object.keys(organization.subscriptions)) {
        for (const at of instants) {
          const expected = [...reference.members]
            .filter(([, member]) => member.organizationId === organizationId)
            .map(([memberId, member]) => ({ memberId, answer: effectiveAccess({ organization, member, memberId }, { service }, undefined, at) }))
            .filter(({ answer }) => answer.allowed)
            .map(({ memberId, answer }) => ({ memberId, grantIds: answer.grantIds, readOnly: answer.readOnly }))
            .sort((a, b) => a.memberId.localeCompare(b.memberId));
          const actual = await reader.whoHadAccess(organizationId, { service }, at);
          expect(actual.sort((a, b) => a.memberId.localeCompare(b.memberId))).toEqual(expected);
          holders += actual.length;
        }
      }
    }
    expect(holders).toBeGreaterThan(50);
  });

  it('answers nothing for an organization it does not know', async () => {
    expect(await collect(reader.intervals('00000000-0000-4000-8000-000000000000', { asOf: end }))).toEqual([]);
    expect(await reader.whoHadAccess('00000000-0000-4000-8000-000000000000', { service: 'payroll' }, end)).toEqual([]);
  });
});

describe('grant histories: an organization\'s grant events, folded by evolveMember and grouped by service or role', () => {
  const organizationId = 'org-1';
  const memberIds = ['m-anna', 'm-bo', 'm-carl', '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f'];
  const grantIds = ['0b7e5f3a-1c2d-4e3f-9a4b-5c6d7e8f9a0b', 'ffffffff-ffff-4fff-bfff-ffffffffffff', 'g-not-a-uuid', '7d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a'];
  const recorded = (events: MemberEvent[]): RecordedEvent[] =>
    events.map((event, i) => ({
      id: `e-${i}`,
      stream: `member-${event.data.memberId}`,
      revision: BigInt(i),
      position: BigInt(i + 1),
      type: event.type,
      data: event.data,
      metadata: {},
      recordedAt: new Date(0),
    }));

  it('gives each member\'s grants as the fold has them, one history per member and target, in member|target order', () => {
    fc.assert(
      fc.property(grantHistories(organizationId, memberIds, grantIds), (events) => {
        const histories = grantHistoriesOf(organizationId, recorded(events));
        const members = new Map<string, MemberState>();
        for (const event of events) members.set(event.data.memberId, evolveMember(members.get(event.data.memberId) ?? initialMember(), event));
        for (const [memberId, member] of members) {
          const own = histories.filter((history) => history.memberId === memberId);
          const regrouped: Record<string, Grant> = {};
          for (const history of own) {
            expect(history.organizationId).toBe(organizationId);
            for (const grant of Object.values(history.grants)) expect(targetKey(grant.target)).toBe(history.target);
            Object.assign(regrouped, history.grants);
          }
          expect(Object.keys(regrouped).sort()).toEqual(Object.keys(member.grants).sort());
          for (const grant of Object.values(member.grants)) expect(regrouped[grant.grantId]).toStrictEqual(grant);
        }
        const keys = histories.map((history) => `${history.memberId}|${history.target}`);
        expect(keys).toEqual([...new Set(keys)].sort());
      }),
      { numRuns: 200 },
    );
  });

  it('gives one service or role alone as the same histories as all of them hold for it', () => {
    fc.assert(
      fc.property(grantHistories(organizationId, memberIds, grantIds), (events) => {
        const all = grantHistoriesOf(organizationId, recorded(events));
        for (const target of new Set(all.map((history) => history.target))) {
          expect(grantHistoriesOf(organizationId, recorded(events), target)).toStrictEqual(all.filter((history) => history.target === target));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('moves a grant id issued again for another service to that service\'s history', () => {
    const issue = (service: string, day: number): MemberEvent => {
      const occurredAt = new Date(Date.parse('2025-01-01T00:00:00.000Z') + day * 86_400_000).toISOString();
      return {
        type: 'GrantIssued',
        data: { organizationId, memberId: 'm-anna', grantId: 'g-1', service, validFrom: occurredAt, validUntil: '2026-01-01T00:00:00.000Z', schemaVersion: 1, occurredAt, by: { subject: 'sub-mr', memberId: 'm-mr' } },
      };
    };
    const histories = grantHistoriesOf(organizationId, recorded([issue('payroll', 0), issue('pension', 1)]));
    expect(histories.map((history) => [history.target, Object.keys(history.grants)])).toEqual([['service:pension', ['g-1']]]);
  });
});
