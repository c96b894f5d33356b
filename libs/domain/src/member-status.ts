import type { MemberRecord } from './organization.state.js';
import { ms, reached } from './time.js';
import { hasSystemAccessType, type MemberType } from './vocabulary.js';

/**
 * Stable reason codes of a member's standing at an instant. Used by the evaluators (R-LOG-1, R-READ-5)
 * and by every decider, so that write and read side give the same answer.
 */
export type MemberReason =
  | 'NOT_A_MEMBER'
  | 'MEMBER_DELETED'
  | 'MEMBER_DEACTIVATED'
  | 'MEMBER_BLOCKED'
  | 'EXTERNAL_END_PASSED'
  | 'EMPLOYMENT_ENDED';

/** Why the member is not an active member of its organization at `at` (empty = active). */
export function memberDenials(member: MemberRecord | undefined, at: number): MemberReason[] {
  if (!member || ms(member.registeredAt) > at) return ['NOT_A_MEMBER'];
  const reasons: MemberReason[] = [];
  if (reached(member.deleted?.at, at)) reasons.push('MEMBER_DELETED');
  if (reached(member.deactivated?.at, at)) reasons.push('MEMBER_DEACTIVATED');
  if (reached(member.blocked?.at, at)) reasons.push('MEMBER_BLOCKED');
  // Effective from the end date even before the job has written MemberBlocked (R-MEM-8).
  if (reached(member.endsAt, at)) reasons.push('EXTERNAL_END_PASSED');
  if (reached(member.employmentEnd?.effectiveAt, at)) reasons.push('EMPLOYMENT_ENDED');
  return reasons;
}

export function isActiveMember(member: MemberRecord | undefined, at: number): member is MemberRecord {
  return memberDenials(member, at).length === 0;
}

/** The member's type at `at` (types change on access removal and deactivation). */
export function typeAt(member: MemberRecord, at: number): MemberType {
  let type = member.typeHistory[0]?.type ?? member.type;
  for (const entry of member.typeHistory) if (ms(entry.from) <= at) type = entry.type;
  return type;
}

/** True when the member may use services at `at`: active, of a type with system access, access not removed. */
export function hasSystemAccess(member: MemberRecord | undefined, at: number): member is MemberRecord {
  return isActiveMember(member, at) && hasSystemAccessType(typeAt(member, at)) && !reached(member.accessRemoved?.at, at);
}

/** True when the member's identity (subject) is bound at `at`: invitation accepted or registered with a subject. */
export function isBound(member: MemberRecord, at: number): boolean {
  return member.subject !== undefined && reached(member.boundAt, at);
}

/**
 * Rosters by subject, one index per roster object. Rosters are never changed in place (evolve copies the
 * record map on every change), so an index stays true for its roster; a WeakMap lets it go with the roster.
 * Without it, every command and query scanned the whole roster several times to find its caller.
 */
const rosterIndexes = new WeakMap<Record<string, MemberRecord>, Map<string, MemberRecord[]>>();

function bySubject(members: Record<string, MemberRecord>): Map<string, MemberRecord[]> {
  let index = rosterIndexes.get(members);
  if (!index) {
    index = new Map();
    for (const member of Object.values(members)) {
      if (member.subject === undefined) continue;
      const same = index.get(member.subject);
      if (same) same.push(member);
      else index.set(member.subject, [member]);
    }
    rosterIndexes.set(members, index);
  }
  return index;
}

/** The member bound to `subject` and active at `at`, if any (the first in roster order). */
export function memberBySubject(members: Record<string, MemberRecord>, subject: string, at: number): MemberRecord | undefined {
  return bySubject(members).get(subject)?.find((m) => isBound(m, at) && isActiveMember(m, at));
}
