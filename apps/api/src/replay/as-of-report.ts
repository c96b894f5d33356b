import { effectiveAccess, initialMember, memberDenials, organizationDenials, typeAt, type Grant, type OrganizationState } from '@behorighet/domain';
import { ORGANIZATION_STATES, type OrganizationStateDocument, type ReadStore } from '@behorighet/read-models';
import { AccessHistoryReader, parseTarget, type AccessIntervalRow } from '../access-history/access-history.reader.js';

/** One member as of the instant: who, what kind, standing, and what it could use then. */
export interface MemberAsOf {
  memberId: string;
  name: string;
  type: string;
  /** `active`, or why not (deleted, deactivated, blocked, employment ended, not yet a member…). */
  standing: string;
  /** The services (`payroll`) and roles (`role attestant`) the member could use at the instant. */
  access: string[];
}

export interface OrganizationAsOf {
  organizationId: string;
  name: string;
  orgNumber: string;
  /** `working`, or why nobody could log in (agreement terminated, headless: R-ORG-4). */
  standing: string;
  members: MemberAsOf[];
}

const PAGE = 200;

/**
 * R-READ-6: the organizations and their members as of `at`, from rebuilt read models, answered by the
 * domain's own evaluators (`organizationDenials`, `memberDenials`, `effectiveAccess`). Organizations in
 * `_id` order; only `only` when given.
 */
export async function* organizationsAsOf(reader: AccessHistoryReader, store: ReadStore, at: Date, only?: string): AsyncGenerator<OrganizationAsOf> {
  for await (const organization of organizationStates(store, only)) {
    const t = +at;
    if (organization.status !== 'registered' || Date.parse(organization.registeredAt) > t) continue;
    const access = new Map<string, string[]>();
    for await (const history of reader.grantHistories(organization.organizationId)) {
      const target = parseTarget(history.target);
      const member = { ...initialMember(), memberId: history.memberId, organizationId: history.organizationId, grants: history.grants as Record<string, Grant> };
      if (!effectiveAccess({ organization, member, memberId: history.memberId }, target, undefined, t).allowed) continue;
      const label = 'service' in target ? target.service : `role ${target.role}`;
      access.set(history.memberId, [...(access.get(history.memberId) ?? []), label]);
    }
    const members = Object.values(organization.members)
      .filter((record) => Date.parse(record.registeredAt) <= t)
      .map((record) => ({
        memberId: record.memberId,
        name: record.name,
        type: typeAt(record, t),
        standing: describeReasons(memberDenials(record, t), 'active'),
        access: access.get(record.memberId) ?? [],
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.memberId.localeCompare(b.memberId));
    yield {
      organizationId: organization.organizationId,
      name: organization.name,
      orgNumber: organization.orgNumber,
      standing: describeReasons(organizationDenials(organization, t), 'working'),
      members,
    };
  }
}

/** The compliance export's rows as of `at` (what an export asked for then would have listed), organization by organization. */
export async function* intervalsAsOf(reader: AccessHistoryReader, store: ReadStore, at: Date, only?: string): AsyncGenerator<AccessIntervalRow> {
  for await (const organization of organizationStates(store, only)) {
    yield* reader.intervals(organization.organizationId, { asOf: at, to: +at });
  }
}

async function* organizationStates(store: ReadStore, only: string | undefined): AsyncGenerator<OrganizationState> {
  if (only !== undefined) {
    const document = await store.get<OrganizationStateDocument>(ORGANIZATION_STATES, only);
    if (document) yield document.state;
    return;
  }
  let after: string | undefined;
  do {
    const page = await store.find<OrganizationStateDocument>(ORGANIZATION_STATES, {}, { limit: PAGE, after });
    for (const document of page.items) yield document.state;
    after = page.nextCursor ?? undefined;
  } while (after !== undefined);
}

/** `MEMBER_BLOCKED, EMPLOYMENT_ENDED` → `blocked, employment ended`; none → `fallback`. */
function describeReasons(reasons: readonly string[], fallback: string): string {
  if (reasons.length === 0) return fallback;
  return reasons.map((reason) => reason.toLowerCase().replace(/^(member|organization)_/, '').replaceAll('_', ' ')).join(', ');
}
