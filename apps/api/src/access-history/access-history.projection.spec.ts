import {
  accessIntervals,
  effectiveAccess,
  evolveMember,
  evolveOrganization,
  initialMember,
  initialOrganization,
  targetKey,
  type MemberEvent,
  type MemberState,
  type OrganizationEvent,
  type OrganizationState,
} from '@behorighet/domain';
import { InMemoryEventStore } from '@behorighet/event-store';
import { organizationStateProjection, type ReadStore } from '@behorighet/read-models';
import { appendHistory, realisticHistory, type HistoryAppend } from '../../../../libs/testing/src/realistic-history.js';
import { rebuildReadModels } from '../replay/rebuild.js';
import { ACCESS_HISTORY, accessHistoryProjection, grantHistoryId, type GrantHistoryDocument } from './access-history.projection.js';
import { AccessHistoryReader, parseTarget, type AccessIntervalRow } from './access-history.reader.js';

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
  let reader: AccessHistoryReader;

  beforeAll(async () => {
    const events = new InMemoryEventStore();
    await appendHistory(events, history);
    ({ readStore: store } = await rebuildReadModels({ events, projections: [organizationStateProjection, accessHistoryProjection] }));
    reader = new AccessHistoryReader(store);
  });

  it('keeps one document per member and service or role, with the grants the domain folds', async () => {
    let documents = 0;
    for (const [memberId, member] of reference.members) {
      for (const grant of Object.values(member.grants)) {
        const document = await store.get<GrantHistoryDocument>(ACCESS_HISTORY, grantHistoryId(memberId, targetKey(grant.target)));
        expect(document?.grants[grant.grantId]).toEqual(grant);
        expect(document?.organizationId).toBe(member.organizationId);
      }
      documents += new Set(Object.values(member.grants).map((grant) => targetKey(grant.target))).size;
    }
    expect(documents).toBeGreaterThan(100);
    expect((await store.digest())[ACCESS_HISTORY]).toMatch(new RegExp(`^${documents}:`));
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
