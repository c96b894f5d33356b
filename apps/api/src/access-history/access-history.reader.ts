import {
  accessIntervals,
  effectiveAccess,
  initialMember,
  organizationTimeline,
  targetKey,
  type AccessInterval,
  type AccessSubject,
  type AccessTarget,
  type By,
  type OrganizationState,
} from '@behorighet/domain';
import type { EventStore } from '@behorighet/event-store';
import { ORGANIZATION_STATES, type OrganizationStateDocument, type ReadStore } from '@behorighet/read-models';
import { ACCESS_HISTORY } from './access-history.projection.js';
import { grantHistoriesOf, type GrantHistory } from './grant-histories.js';

/** Positions asked of the read model, and events read back from the log, at a time. */
const PAGE = 1000;

/** The read models the intervals are derived from: wait for both (read your writes). */
export const ACCESS_HISTORY_READ_MODELS = [ACCESS_HISTORY, ORGANIZATION_STATES] as const;

/** One access interval of one member (R-READ-4), as the export writes it. */
export interface AccessIntervalRow {
  organizationId: string;
  memberId: string;
  /** `service:<key>` or `role:<name>`. */
  target: string;
  service: string | null;
  role: string | null;
  grantId: string;
  from: string;
  /** Exclusive end; null while the access still holds at the horizon. */
  to: string | null;
  grantedBy: By;
  endedBy: By | null;
  reason: string | null;
}

export interface IntervalQuery {
  /** What has not happened by then is not known: access holding then stays open (`to: null`). */
  asOf: Date | number;
  /** Only intervals overlapping [from, to) (epoch ms); unbounded when absent. */
  from?: number;
  to?: number;
  /** Only members for which this answers true (an administrator's scope). */
  include?(memberId: string): boolean;
}

export interface AccessHolder {
  memberId: string;
  grantIds: string[];
  /** Through a closed employer code only (R-ORG-6); never set without an employer code. */
  readOnly: boolean;
}

/**
 * Answers "who had access when" from the access_history read model (where an organization's grant events are
 * in the log), the events themselves and the organizations' folded states, through the domain's fold and
 * evaluators only (`evolveMember`, `accessIntervals`, `effectiveAccess`), so the read side and the write side
 * never disagree. Holds one organization's grant events at a time: memory stays flat whatever the size of the history.
 */
export class AccessHistoryReader {
  constructor(
    private readonly store: ReadStore,
    private readonly events: EventStore,
  ) {}

  async organization(organizationId: string): Promise<OrganizationState | undefined> {
    const document = await this.store.get<OrganizationStateDocument>(ORGANIZATION_STATES, organizationId);
    return document?.state.status === 'registered' ? document.state : undefined;
  }

  /**
   * The organization's grant histories, member by member (then target); one service or role when given.
   * Folded from the organization's grant events, which are all that is held in memory meanwhile.
   */
  async *grantHistories(organizationId: string, target?: AccessTarget): AsyncGenerator<GrantHistory> {
    const events = [];
    let after: bigint | undefined;
    do {
      const page = await this.store.positions(ACCESS_HISTORY, organizationId, { after, limit: PAGE });
      if (page.positions.length > 0) events.push(...(await this.events.readLogAt(page.positions)));
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
    yield* grantHistoriesOf(organizationId, events, target === undefined ? undefined : targetKey(target));
  }

  /** R-READ-3/R-READ-4: every access interval of the organization, member by member, overlapping the period. */
  async *intervals(organizationId: string, query: IntervalQuery): AsyncGenerator<AccessIntervalRow> {
    const organization = await this.organization(organizationId);
    if (!organization) return;
    // The organization's standing over time, worked out once for all its members.
    const timeline = organizationTimeline(organization);
    for await (const history of this.grantHistories(organizationId)) {
      if (query.include && !query.include(history.memberId)) continue;
      const target = parseTarget(history.target);
      for (const interval of accessIntervals(subjectOf(organization, history), target, { asOf: query.asOf, timeline })) {
        if (overlaps(interval, query.from, query.to)) yield row(organizationId, history.target, interval);
      }
    }
  }

  /** R-READ-3: the members who could use the service (or hold the role) at `at`, with the grants that gave it. */
  async whoHadAccess(organizationId: string, target: AccessTarget, at: Date | number): Promise<AccessHolder[]> {
    const organization = await this.organization(organizationId);
    if (!organization) return [];
    const holders: AccessHolder[] = [];
    for await (const history of this.grantHistories(organizationId, target)) {
      const answer = effectiveAccess(subjectOf(organization, history), target, undefined, at);
      if (answer.allowed) holders.push({ memberId: history.memberId, grantIds: answer.grantIds, readOnly: answer.readOnly });
    }
    return holders;
  }
}

export function parseTarget(key: string): AccessTarget {
  const separator = key.indexOf(':');
  const kind = key.slice(0, separator);
  const name = key.slice(separator + 1);
  if (kind === 'service') return { service: name };
  if (kind === 'role') return { role: name };
  throw new Error(`not a service or role key: ${key}`);
}

function subjectOf(organization: OrganizationState, history: GrantHistory): AccessSubject {
  const member = { ...initialMember(), memberId: history.memberId, organizationId: history.organizationId, grants: history.grants };
  return { organization, member, memberId: history.memberId };
}

function overlaps(interval: AccessInterval, from: number | undefined, to: number | undefined): boolean {
  if (to !== undefined && Date.parse(interval.from) >= to) return false;
  return from === undefined || interval.to === null || Date.parse(interval.to) > from;
}

function row(organizationId: string, target: string, interval: AccessInterval): AccessIntervalRow {
  return {
    organizationId,
    memberId: interval.memberId,
    target,
    service: interval.service ?? null,
    role: interval.role ?? null,
    grantId: interval.grantId,
    from: interval.from,
    to: interval.to,
    grantedBy: interval.grantedBy,
    endedBy: interval.endedBy,
    reason: interval.reason,
  };
}
