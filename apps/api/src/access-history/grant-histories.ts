import { foldMemberInto, initialMember, targetKey, type Grant, type MemberState } from '@behorighet/domain';
import type { LogEvent } from '@behorighet/event-store';
import { memberEvent } from '@behorighet/read-models';

/** One member's grants for one service or role (`service:<key>` / `role:<name>`), as `evolveMember` folds them. */
export interface GrantHistory {
  organizationId: string;
  memberId: string;
  target: string;
  grants: Record<string, Grant>;
}

/**
 * The grant histories of one organization from its grant events (in log order), in `memberId|target` order:
 * each member's grants folded by the domain's own fold (`foldMemberInto`, `evolveMember` in place), then grouped by service or role. `onlyTarget`
 * (a target key) keeps that service's or role's histories only.
 */
export function grantHistoriesOf(organizationId: string, events: readonly LogEvent[], onlyTarget?: string): GrantHistory[] {
  const members = new Map<string, MemberState>();
  for (const event of events) {
    const domain = memberEvent(event);
    if (domain === undefined) continue;
    const { memberId } = domain.data;
    let member = members.get(memberId);
    if (member === undefined) members.set(memberId, (member = initialMember()));
    foldMemberInto(member, domain);
  }
  const histories = new Map<string, GrantHistory>();
  for (const [memberId, member] of members) {
    for (const grant of Object.values(member.grants)) {
      const target = targetKey(grant.target);
      if (onlyTarget !== undefined && target !== onlyTarget) continue;
      const key = `${memberId}|${target}`;
      let history = histories.get(key);
      if (history === undefined) histories.set(key, (history = { organizationId, memberId, target, grants: {} }));
      history.grants[grant.grantId] = grant;
    }
  }
  return [...histories].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, history]) => history);
}
