import { canEditMembers, openAppointment, powersOf, unitInScope, type Powers } from './authority.js';
import { DomainError, ensure } from './errors.js';
import { byOf, isOperator, isSystem, type DecisionContext } from './event.js';
import { hasSystemAccess, isActiveMember } from './member-status.js';
import type { MemberRecord, OrganizationState } from './organization.state.js';

/** Checks shared by the deciders; each throws the DomainError of the rule it guards. */

export function requireRegistered(org: OrganizationState): void {
  ensure(org.status === 'registered', 'ORGANIZATION_NOT_FOUND', 'no such organization');
}

export function requireOperator(context: DecisionContext): void {
  ensure(isOperator(context.actor), 'OPERATOR_ONLY', 'only the platform operator may do this');
}

export function requireSystem(context: DecisionContext): void {
  ensure(isSystem(context.actor), 'NOT_AUTHORIZED', 'only scheduled jobs issue this command');
}

/** The caller as an active member of a working organization (R-SEC-2, R-ORG-4). */
export function actorPowers(org: OrganizationState, context: DecisionContext): Powers & { member: MemberRecord; memberId: string } {
  requireRegistered(org);
  const { actor } = context;
  if (isSystem(actor)) throw new DomainError('NOT_AUTHORIZED', 'a job cannot act as a member');
  const powers = powersOf(org, actor.subject, context.now);
  ensure(powers.member, 'NOT_A_MEMBER', 'the caller is not an active member of this organization');
  if (powers.blockedBy.includes('AGREEMENT_TERMINATED')) throw new DomainError('AGREEMENT_TERMINATED', 'the agreement is terminated');
  if (powers.blockedBy.includes('ORGANIZATION_HEADLESS')) throw new DomainError('ORGANIZATION_HEADLESS', 'the organization has no valid main responsible');
  return powers as Powers & { member: MemberRecord; memberId: string };
}

/** R-GRT-2, R-ADM-2: main responsible, delegate or administrator L1–L3. */
export function requireEditor(org: OrganizationState, context: DecisionContext): ReturnType<typeof actorPowers> {
  const powers = actorPowers(org, context);
  if (canEditMembers(powers)) return powers;
  if (powers.role === 'administrator') throw new DomainError('ADMIN_LEVEL_TOO_LOW', 'administrators at level 4 may only view');
  throw new DomainError('NOT_AUTHORIZED', 'the caller holds no authority in this organization');
}

/** A member of the roster that has not been deleted. */
export function requireMember(org: OrganizationState, memberId: string): MemberRecord {
  const member = org.members[memberId];
  ensure(member && !member.deleted, 'MEMBER_NOT_FOUND', 'no such member in this organization', { memberId });
  return member;
}

export function requireActive(member: MemberRecord, now: number): void {
  ensure(isActiveMember(member, now), 'MEMBER_INACTIVE', 'the member is no longer active', { memberId: member.memberId });
}

/** Active and of a type with system access (R-MEM-1, R-MEM-3). */
export function requireSystemAccess(member: MemberRecord, now: number): void {
  requireActive(member, now);
  ensure(hasSystemAccess(member, now), 'NO_SYSTEM_ACCESS', 'the member has no system access', { memberId: member.memberId });
}

/** R-ADM-3: the target member lies in the caller's scope. */
export function requireInScope(org: OrganizationState, powers: Powers, member: MemberRecord): void {
  ensure(unitInScope(org, powers.scopeUnitId, member.unitId), 'OUT_OF_SCOPE', 'the member lies outside the caller\'s scope', {
    memberId: member.memberId,
  });
}

/**
 * For lifecycle commands (end employment, remove access, deactivate, delete): delegates may not act on a main
 * responsible or another delegate (R-ORG-5); administrators not on those, nor on an administrator of a higher level.
 */
export function requireRank(org: OrganizationState, powers: Powers, member: MemberRecord, now: number): void {
  if (member.memberId === powers.memberId) return;
  const target = openAppointment(org, member.memberId, now);
  if (!target || powers.role === 'main-responsible') return;
  // R-ORG-5: a delegate has a main responsible's powers, except over main responsibles and delegates.
  if (powers.role === 'delegate') {
    ensure(target.role === 'administrator', 'MAIN_RESPONSIBLE_ONLY', 'only a main responsible acts on main responsibles and delegates', { memberId: member.memberId });
    return;
  }
  const outranked = target.role !== 'administrator' || (target.level ?? 4) < (powers.level ?? 4);
  ensure(!outranked, 'ADMIN_LEVEL_TOO_LOW', 'the member holds a higher authority than the caller', { memberId: member.memberId });
}

/**
 * The member an editor acts on: the caller may edit members (R-GRT-2), the member exists and lies in the
 * caller's scope (R-ADM-3); lifecycle commands also respect rank (`requireRank`). Returns `by` for the events.
 */
export function editableMember(org: OrganizationState, context: DecisionContext, memberId: string, lifecycle = false) {
  const powers = requireEditor(org, context);
  const member = requireMember(org, memberId);
  requireInScope(org, powers, member);
  if (lifecycle) requireRank(org, powers, member, +context.now);
  return { powers, member, by: byOf(context.actor, powers.memberId) };
}

export function requireText(value: string | undefined, field: string): string {
  ensure(typeof value === 'string' && value.trim() !== '', 'INVALID_INPUT', `${field} is required`, { field });
  return value.trim();
}
