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
import { InMemoryEventStore } from '@behorighet/event-store';
import { organizationStateProjection, type ReadStore } from '@behorighet/read-models';
import fc from 'fast-check';
import { orgEv, orgState, PEOPLE, world } from '../../../../libs/domain/src/scenario.fixture.js';
import { appendHistory, realisticHistory, type HistoryAppend } from '../../../../libs/testing/src/realistic-history.js';
import { rebuildReadModels } from '../replay/rebuild.js';
import { ACCESS_HISTORY, accessHistoryProjection, type AccessHistoryDocument } from './access-history.projection.js';
import { AccessHistoryReader, parseTarget, type AccessIntervalRow } from './access-history.reader.js';
import { decodeGrantLog, type GrantHistory } from './grant-decoding.js';
import { appendGrantEvent, EMPTY_GRANT_LOG, type GrantLog } from './grant-encoding.js';
import { grantHistories } from './grant-events.arbitraries.js';

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

  it('keeps one document per organization, decoding to the grants the domain folds, member by member and target by target', async () => {
    const organizations = new Set<string>();
    let histories = 0;
    for (const [memberId, member] of reference.members) {
      const grants = Object.values(member.grants);
      if (grants.length === 0) continue;
      organizations.add(member.organizationId);
      const document = await store.get<AccessHistoryDocument>(ACCESS_HISTORY, member.organizationId);
      const decoded = decodeGrantLog(member.organizationId, document as AccessHistoryDocument).filter((history) => history.memberId === memberId);
      const expected = new Map<string, Record<string, Grant>>();
      for (const grant of grants) expected.set(targetKey(grant.target), { ...expected.get(targetKey(grant.target)), [grant.grantId]: grant });
      expect(decoded.map((history) => history.target)).toEqual([...expected.keys()].sort());
      for (const history of decoded) expect(history.grants).toStrictEqual(expected.get(history.target));
      histories += decoded.length;
    }
    expect(histories).toBeGreaterThan(100);
    expect((await store.digest())[ACCESS_HISTORY]).toMatch(new RegExp(`^${organizations.size}:`));
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

describe('the access history\'s grant log: decoding gives what evolveMember folds', () => {
  const uuids = ['3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', 'c0ffee00-0000-4000-8000-000000000001'];
  const organization = orgState([...world(), ...uuids.map((id, i) => orgEv.registeredMember(id, `sub-u${i}`))]);
  const memberIds = [PEOPLE.anna.memberId, PEOPLE.bo.memberId, PEOPLE.carl.memberId, ...uuids, 'm-never-registered'];
  const grantIds = ['0b7e5f3a-1c2d-4e3f-9a4b-5c6d7e8f9a0b', 'ffffffff-ffff-4fff-bfff-ffffffffffff', '00000000-0000-4000-8000-000000000000', 'g-not-a-uuid', 'A1B2C3D4-0000-4000-8000-00000000000A', '7d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a'];

  const fold = (events: MemberEvent[]) => {
    const members = new Map<string, MemberState>();
    for (const event of events) members.set(event.data.memberId, evolveMember(members.get(event.data.memberId) ?? initialMember(), event));
    return members;
  };
  const encode = (events: MemberEvent[], inlineFrom?: number) =>
    events.reduce((log: GrantLog, event) => Object.freeze(appendGrantEvent(log, event, inlineFrom)), EMPTY_GRANT_LOG);
  const byMember = (histories: GrantHistory[]) => {
    const grants = new Map<string, Record<string, Grant>>();
    for (const history of histories) grants.set(history.memberId, { ...grants.get(history.memberId), ...history.grants });
    return grants;
  };

  /** Decoding `log` gives the grants `evolveMember` folds from `events`, and the same intervals and access at the probe's instant. */
  const expectTheFold = (events: MemberEvent[], log: GrantLog, probe: number) => {
    const reference = fold(events);
    const histories = decodeGrantLog(organization.organizationId, log);
    const decoded = byMember(histories);
    // The fold keeps its records as null-prototype dictionaries (libs/domain/src/records.ts): compare their entries.
    for (const [memberId, member] of reference) expect(decoded.get(memberId) ?? {}).toStrictEqual({ ...member.grants });
    for (const history of histories) {
      expect(Object.values(history.grants).every((grant) => targetKey(grant.target) === history.target)).toBe(true);
      const target = parseTarget(history.target);
      const member = { ...initialMember(), memberId: history.memberId, organizationId: organization.organizationId, grants: history.grants };
      const expected = reference.get(history.memberId) as MemberState;
      const asOf = Date.parse('2025-01-01T00:00:00.000Z') + probe * 200 * 86_400_000;
      expect(accessIntervals({ organization, member, memberId: history.memberId }, target, { asOf })).toEqual(
        accessIntervals({ organization, member: expected, memberId: history.memberId }, target, { asOf }),
      );
      expect(effectiveAccess({ organization, member, memberId: history.memberId }, target, 'AG-1', asOf)).toEqual(
        effectiveAccess({ organization, member: expected, memberId: history.memberId }, target, 'AG-1', asOf),
      );
    }
  };

  it('decodes exactly the grants of the fold, and the same intervals through accessIntervals and effectiveAccess', () => {
    fc.assert(
      fc.property(grantHistories(organization.organizationId, memberIds, grantIds), fc.integer({ min: 0, max: 4 }), (events, probe) => expectTheFold(events, encode(events), probe)),
      { numRuns: 300 },
    );
  });

  it('decodes the same past the inline threshold: grants named by index before it, by their ids after it', () => {
    fc.assert(
      fc.property(grantHistories(organization.organizationId, memberIds, grantIds), fc.nat({ max: 30 }), fc.integer({ min: 0, max: 4 }), (events, inlineFrom, probe) => {
        const log = encode(events, inlineFrom);
        expect(log.grantIds.length).toBeLessThanOrEqual(inlineFrom * 16);
        expect([...log.records].every((char) => char.charCodeAt(0) < 256)).toBe(true);
        expectTheFold(events, log, probe);
        const all = decodeGrantLog(organization.organizationId, log);
        for (const target of new Set(all.map((history) => history.target))) {
          expect(decodeGrantLog(organization.organizationId, log, target)).toStrictEqual(all.filter((history) => history.target === target));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('past the inline threshold, appends without growing or searching the id lists', () => {
    const events = Array.from({ length: 40 }, (_, i) => memEv(i % 2 === 0 ? PEOPLE.anna.memberId : uuids[0] as string, `0b7e5f3a-1c2d-4e3f-9a4b-${String(i).padStart(12, '0')}`, i));
    const log = encode(events, 10);
    expect(log.grantIds.length).toBe(160);
    expect(log.memberIds).toBe(encode(events.slice(0, 10), 10).memberIds);
    expect(decodeGrantLog(organization.organizationId, log).flatMap((history) => Object.keys(history.grants)).sort()).toEqual(events.map((event) => (event.data as { grantId: string }).grantId).sort());
  });

  it('decodes one target alone as the same histories as the whole log holds for it', () => {
    fc.assert(
      fc.property(grantHistories(organization.organizationId, memberIds, grantIds), (events) => {
        const log = encode(events);
        const all = decodeGrantLog(organization.organizationId, log);
        for (const target of new Set(all.map((history) => history.target))) {
          expect(decodeGrantLog(organization.organizationId, log, target)).toStrictEqual(all.filter((history) => history.target === target));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('leaves the log as it was for an event about a grant it does not hold, and never changes the log it is given', () => {
    const issued = memEv(PEOPLE.anna.memberId, grantIds[0] as string);
    const log = Object.freeze(appendGrantEvent(EMPTY_GRANT_LOG, issued));
    const copy = { ...log };
    expect(appendGrantEvent(log, { type: 'GrantExpired', data: { ...issued.data, grantId: grantIds[1] as string } } as MemberEvent)).toBe(log);
    expect(appendGrantEvent(log, { type: 'GrantExpired', data: { ...issued.data, grantId: 'g-unknown' } } as MemberEvent)).toBe(log);
    const revoked = appendGrantEvent(log, { type: 'GrantRevoked', data: { ...issued.data, cause: 'revoked' } } as MemberEvent);
    expect(revoked.records.length).toBeGreaterThan(log.records.length);
    expect(log).toEqual(copy);
  });

  it('keeps a grant in about 30 bytes: its 16-byte id, and a record of distances and small indexes', () => {
    const events = Array.from({ length: 100 }, (_, i) => memEv(PEOPLE.anna.memberId, `0b7e5f3a-1c2d-4e3f-9a4b-${String(i).padStart(12, '0')}`, i));
    const log = encode(events);
    expect(log.grantIds.length).toBe(1600);
    expect(log.records.length / 100).toBeLessThan(16);
    expect(log.names.length).toBeLessThan(100);
    expect([...log.records].every((char) => char.charCodeAt(0) < 256)).toBe(true);
  });
});

function memEv(memberId: string, grantId: string, day = 0): MemberEvent {
  const occurredAt = new Date(Date.parse('2025-01-01T08:15:30.250Z') + day * 86_400_000 + day * 7919).toISOString();
  const validUntil = new Date(Date.parse(occurredAt) + 365 * 86_400_000).toISOString();
  return {
    type: 'GrantIssued',
    data: { organizationId: 'org-1', memberId, grantId, service: 'payroll', validFrom: occurredAt, validUntil, schemaVersion: 1, occurredAt, by: { subject: 'sub-mr', memberId: 'm-mr' } },
  };
}
