import { loginEligibility } from './access.js';
import { ensure } from './errors.js';
import { byOf, isSystem, meta, type By } from './event.js';
import { decideGrants, grantData, isOpenGrant } from './grants.decider.js';
import { requireRegistered } from './guards.js';
import type { MemberCommand, MemberCommandOf, MemberContext } from './member.commands.js';
import type { MemberEvent } from './member.events.js';
import type { MemberState } from './member.state.js';
import type { MemberRecord } from './organization.state.js';
import { revokeCascade, decideShares } from './shares.decider.js';
import { shareActiveAt } from './share-rights.js';
import { ms } from './time.js';
import type { LifecycleCause } from './vocabulary.js';

export { evolveMember } from './member.evolve.js';
export { initialMember } from './member.state.js';

/** Decides a command on a member stream: grants (grants.decider.ts), shares (shares.decider.ts), logins and automatic endings. */
export function decideMember(command: MemberCommand, state: MemberState, context: MemberContext): MemberEvent[] {
  requireRegistered(context.organization);
  if (state.memberId && state.memberId !== command.memberId) throw new Error(`command for member ${command.memberId} on stream of ${state.memberId}`);
  if (state.organizationId && state.organizationId !== context.organization.organizationId) throw new Error('context.organization is not the member\'s organization');
  switch (command.type) {
    case 'IssueGrant':
    case 'ExtendGrant':
    case 'RevokeGrant':
    case 'ExpireGrant':
    case 'SendGrantReminder':
      return decideGrants(command, state, context);
    case 'ShareAccess':
    case 'RevokeShare':
    case 'SwitchWorkspace':
      return decideShares(command, state, context);
    case 'EndMemberAccess':
      return endMemberAccess(command, state, context);
    case 'RevokeHeldShares': {
      const holder = context.organization.members[command.holderMemberId];
      const at = lifecycleInstant(holder, command.cause, +context.now);
      const by = byOf(context.actor);
      const roots = Object.values(state.shares).filter((s) => s.holderMemberId === command.holderMemberId && shareActiveAt(s, ms(at)));
      return dedupe(roots.flatMap((share) => revokeCascade(state, share, command.cause, by, at)));
    }
    case 'RecordLogin':
      return recordLogin(command, state, context);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled member command ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * When a lifecycle fact recorded on the organization took effect; CAUSE_NOT_ESTABLISHED when it is not
 * (yet) in effect. The organization's record proves the cause, so whoever runs the follow-up may apply it.
 */
function lifecycleInstant(member: MemberRecord | undefined, cause: LifecycleCause, now: number): string {
  const at = {
    'employment-ended': member?.employmentEnd?.effectiveAt,
    'access-removed': member?.accessRemoved?.at,
    deactivated: member?.deactivated?.at,
    deleted: member?.deleted?.at,
    blocked: member?.blocked?.at ?? member?.endsAt,
  }[cause];
  ensure(at !== undefined && ms(at) <= now, 'CAUSE_NOT_ESTABLISHED', `the organization records no ${cause} in effect`);
  return at;
}

/** R-MEM-3…8: every open grant ends; except on access removal, shares of the member's own resources end too. */
function endMemberAccess(command: MemberCommandOf<'EndMemberAccess'>, state: MemberState, context: MemberContext): MemberEvent[] {
  const record = context.organization.members[command.memberId];
  const at = lifecycleInstant(record, command.cause, +context.now);
  const reason = command.cause === 'employment-ended' ? record?.employmentEnd?.reason : undefined;
  const by: By = byOf(context.actor);
  const grants: MemberEvent[] = Object.values(state.grants)
    .filter((g) => isOpenGrant(g, ms(at)))
    .map((g) => ({ type: 'GrantRevoked', data: { ...grantData(state, g), cause: command.cause, ...(reason ? { reason } : {}), ...meta(by, at) } }));
  if (command.cause === 'access-removed') return grants;
  const shares = Object.values(state.shares)
    .filter((s) => shareActiveAt(s, ms(at)))
    .flatMap((s) => revokeCascade(state, s, command.cause, by, at));
  return [...grants, ...dedupe(shares)];
}

/** One ShareRevoked per share even when cascades overlap (the first, closest to its root, wins). */
function dedupe(events: MemberEvent[]): MemberEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    if (e.type !== 'ShareRevoked') return true;
    if (seen.has(e.data.shareId)) return false;
    seen.add(e.data.shareId);
    return true;
  });
}

/** R-LOG-1, R-TIME-5: every attempt is recorded, allowed or denied with every reason. */
function recordLogin(command: MemberCommandOf<'RecordLogin'>, state: MemberState, context: MemberContext): MemberEvent[] {
  const org = context.organization;
  const now = +context.now;
  ensure(!isSystem(context.actor), 'NOT_AUTHORIZED', 'only the member itself logs in');
  const record = org.members[command.memberId];
  ensure(record, 'MEMBER_NOT_FOUND', 'no such member in this organization');
  // Only the member's own person logs in: the bound subject, or the subject its pending invitation names (denied
  // with INVITATION_NOT_ACCEPTED). Anyone else learns nothing and writes nothing (R-SEC-2).
  const own = record.subject ?? record.invitedSubject;
  ensure(own !== undefined && own === context.actor.subject, 'MEMBER_NOT_FOUND', 'no such member for the caller');
  const answer = loginEligibility({ organization: org, member: state, memberId: record.memberId }, now);
  const by = byOf(context.actor, record.memberId);
  const base = { organizationId: org.organizationId, memberId: record.memberId };
  if (answer.allowed) return [{ type: 'UserLoggedIn', data: { ...base, profileOnly: answer.profileOnly, ...meta(by, now) } }];
  return [{ type: 'LoginDenied', data: { ...base, reasons: answer.reasons, ...meta(by, now) } }];
}
