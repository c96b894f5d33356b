import { endOpenAppointment } from './appointments.js';
import { openAppointment, unitInScope } from './authority.js';
import { DomainError, ensure } from './errors.js';
import { byOf, compact, isOperator, isSystem, meta, subjectOf } from './event.js';
import { editableMember, requireActive, requireEditor, requireMember, requireRegistered, requireSystem, requireText } from './guards.js';
import { isActiveMember, memberBySubject } from './member-status.js';
import type { OrganizationCommandOf, OrganizationContext } from './organization.commands.js';
import type { OrganizationEvent } from './organization.events.js';
import { reminderKey, type OrganizationState } from './organization.state.js';
import { addDays, iso, ms, parseInstant, reached } from './time.js';
import { hasSystemAccessType, MEMBER_TYPES } from './vocabulary.js';

type MembershipCommand = OrganizationCommandOf<
  | 'InviteUser'
  | 'ResendInvitation'
  | 'AcceptInvitation'
  | 'EndEmployment'
  | 'RemoveAccess'
  | 'DeactivateUser'
  | 'DeleteMember'
  | 'BlockExternalMember'
  | 'ApplyEmploymentEnd'
  | 'SendOrganizationReminder'
>;

/** Members and their lifecycle: R-MEM-1…8, R-TIME-2 for appointments and external end dates. */
export function decideMembership(command: MembershipCommand, state: OrganizationState, context: OrganizationContext): OrganizationEvent[] {
  requireRegistered(state);
  const now = +context.now;
  const organizationId = state.organizationId;
  switch (command.type) {
    case 'InviteUser':
      return inviteUser(command, state, context);
    case 'ResendInvitation': {
      const { member, by } = editableMember(state, context, command.memberId);
      requireActive(member, now);
      ensure(member.invitation && !member.invitation.acceptedAt, 'INVITATION_NOT_PENDING', 'no open invitation');
      const data = compact({ organizationId, memberId: member.memberId, email: member.email!, message: command.message });
      return [{ type: 'InvitationResent', data: { ...data, ...meta(by, now) } }];
    }
    case 'AcceptInvitation':
      return acceptInvitation(command, state, context);
    case 'EndEmployment': {
      const { member, by } = isOperator(context.actor)
        ? { member: requireMember(state, command.memberId), by: byOf(context.actor) }
        : editableMember(state, context, command.memberId, true);
      ensure(!reached(member.employmentEnd?.effectiveAt, now), 'EMPLOYMENT_ALREADY_ENDED', 'the employment has already ended');
      const effective = command.effectiveAt === undefined ? now : parseInstant(command.effectiveAt, 'effectiveAt');
      ensure(effective >= now, 'INSTANT_IN_PAST', 'an employment end is effective now or later', { field: 'effectiveAt' });
      const data = compact({ organizationId, memberId: member.memberId, effectiveAt: iso(effective), reason: command.reason });
      const ended: OrganizationEvent = { type: 'EmploymentEnded', data: { ...data, ...meta(by, now) } };
      // Effective now: the automatic endings happen in the same decision; later: the ApplyEmploymentEnd job.
      return effective > now ? [ended] : [ended, ...endOpenAppointment(state, member.memberId, now, 'employment-ended', by, command.reason)];
    }
    case 'RemoveAccess': {
      const { member, by } = editableMember(state, context, command.memberId, true);
      requireActive(member, now);
      ensure(hasSystemAccessType(member.type), 'NO_SYSTEM_ACCESS', 'the member has no system access to remove');
      const data = compact({ organizationId, memberId: member.memberId, previousType: member.type, type: 'no-system-access' as const, reason: command.reason });
      return [{ type: 'AccessRemoved', data: { ...data, ...meta(by, now) } }, ...endOpenAppointment(state, member.memberId, now, 'access-removed', by, command.reason)];
    }
    case 'DeactivateUser': {
      const { member, by } = editableMember(state, context, command.memberId, true);
      ensure(!member.deactivated, 'MEMBER_INACTIVE', 'the member is already deactivated');
      const data = compact({ organizationId, memberId: member.memberId, previousType: member.type, type: 'person-only' as const, reason: command.reason });
      return [{ type: 'UserDeactivated', data: { ...data, ...meta(by, now) } }, ...endOpenAppointment(state, member.memberId, now, 'deactivated', by, command.reason)];
    }
    case 'DeleteMember': {
      const { member, by } = editableMember(state, context, command.memberId, true);
      const data = compact({ organizationId, memberId: member.memberId, reason: command.reason });
      return [{ type: 'MemberDeleted', data: { ...data, ...meta(by, now) } }, ...endOpenAppointment(state, member.memberId, now, 'deleted', by, command.reason)];
    }
    case 'BlockExternalMember': {
      requireSystem(context);
      const member = requireMember(state, command.memberId);
      ensure(member.endsAt, 'INVALID_INPUT', 'the member has no end date');
      if (member.blocked) return [];
      ensure(ms(member.endsAt) <= now, 'NOT_DUE', 'the end date has not been reached');
      const by = byOf(context.actor);
      const data = { organizationId, memberId: member.memberId, reason: 'external-end-date' as const, endsAt: member.endsAt };
      return [{ type: 'MemberBlocked', data: { ...data, ...meta(by, member.endsAt) } }, ...endOpenAppointment(state, member.memberId, member.endsAt, 'blocked', by)];
    }
    case 'ApplyEmploymentEnd': {
      requireSystem(context);
      const member = requireMember(state, command.memberId);
      const effectiveAt = member.employmentEnd?.effectiveAt;
      ensure(effectiveAt && ms(effectiveAt) <= now, 'NOT_DUE', 'no employment end in effect');
      return endOpenAppointment(state, member.memberId, effectiveAt, 'employment-ended', byOf(context.actor), member.employmentEnd?.reason);
    }
    case 'SendOrganizationReminder':
      return sendReminder(command, state, context);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled membership command ${JSON.stringify(unhandled)}`);
    }
  }
}

/** R-MEM-1/2: invitation by e-mail with an optional message; person-only members are registered without one. */
function inviteUser(command: OrganizationCommandOf<'InviteUser'>, state: OrganizationState, context: OrganizationContext): OrganizationEvent[] {
  const now = +context.now;
  const powers = requireEditor(state, context);
  ensure(MEMBER_TYPES.includes(command.memberType), 'INVALID_INPUT', 'unknown member type', { field: 'type' });
  ensure(!state.members[command.memberId], 'ALREADY_EXISTS', 'the member id is taken');
  ensure(command.unitId === undefined || state.units[command.unitId], 'UNKNOWN_UNIT', 'no such unit', { field: 'unitId' });
  ensure(unitInScope(state, powers.scopeUnitId, command.unitId), 'OUT_OF_SCOPE', 'the unit lies outside the caller\'s scope', { field: 'unitId' });
  const name = requireText(command.name, 'name');
  const personOnly = command.memberType === 'person-only';
  const email = personOnly && command.email === undefined ? undefined : requireText(command.email, 'email').toLowerCase();
  ensure(email === undefined || /^[^\s@]+@[^\s@]+$/.test(email), 'INVALID_INPUT', 'not an e-mail address', { field: 'email' });
  const active = Object.values(state.members).filter((m) => !m.deleted && isActiveMember(m, now));
  ensure(!email || !active.some((m) => m.email === email), 'ALREADY_EXISTS', 'an active member has this e-mail address');
  ensure(!command.subject || !memberBySubject(state.members, command.subject, now), 'ALREADY_EXISTS', 'the person already is a member');
  let endsAt: string | undefined;
  if (command.memberType === 'external') {
    ensure(command.endsAt, 'EXTERNAL_END_DATE_REQUIRED', 'an external member needs an end date', { field: 'endsAt' });
    const t = parseInstant(command.endsAt, 'endsAt');
    ensure(t > now, 'EXTERNAL_END_DATE_REQUIRED', 'the end date must lie in the future', { field: 'endsAt' });
    endsAt = iso(t);
  } else {
    ensure(command.endsAt === undefined, 'INVALID_INPUT', 'only external members have an end date', { field: 'endsAt' });
  }
  if (command.memberType === 'reseller') requireResellerMember(command, state, context, email);
  const by = byOf(context.actor, powers.memberId);
  const base = { organizationId: state.organizationId, memberId: command.memberId, type: command.memberType, name, unitId: command.unitId };
  if (personOnly) return [{ type: 'MemberRegistered', data: { ...compact({ ...base, email }), ...meta(by, now) } }];
  const data = compact({ ...base, email: email!, subject: command.subject, endsAt, resellerOrgId: command.resellerOrgId, message: command.message });
  return [{ type: 'UserInvited', data: { ...data, ...meta(by, now) } }];
}

/** R-MEM-1: a reseller user must be an active member of the reseller's organization (found by subject, else by e-mail). */
function requireResellerMember(
  command: OrganizationCommandOf<'InviteUser'>,
  state: OrganizationState,
  context: OrganizationContext,
  email: string | undefined,
): void {
  const resellerOrgId = requireText(command.resellerOrgId, 'resellerOrgId');
  ensure(resellerOrgId !== state.organizationId, 'INVALID_INPUT', 'the reseller is another organization', { field: 'resellerOrgId' });
  const reseller = context.resellerOrganization;
  if (!reseller) throw new Error('InviteUser of a reseller needs context.resellerOrganization');
  // The state loaded for an id that names no organization is the initial one: nobody is a member of it.
  ensure(reseller.status === 'registered', 'RESELLER_MEMBERSHIP_REQUIRED', 'the reseller\'s organization is not registered', { field: 'resellerOrgId' });
  if (reseller.organizationId !== resellerOrgId) throw new Error('InviteUser of a reseller needs the state of the reseller\'s organization as context');
  const now = +context.now;
  const match = Object.values(reseller.members).find(
    (m) => isActiveMember(m, now) && (command.subject ? m.subject === command.subject : m.email === email),
  );
  ensure(match, 'RESELLER_MEMBERSHIP_REQUIRED', 'the person is not an active member of the reseller\'s organization');
}

/** R-MEM-2: the invitee accepts by logging in; this binds its subject to the member. */
function acceptInvitation(command: OrganizationCommandOf<'AcceptInvitation'>, state: OrganizationState, context: OrganizationContext): OrganizationEvent[] {
  const now = +context.now;
  const subject = subjectOf(context.actor);
  if (subject === undefined || isSystem(context.actor)) throw new DomainError('NOT_AUTHORIZED', 'only the invitee accepts');
  const member = requireMember(state, command.memberId);
  // Who the invitation is for is settled first, so a stranger learns nothing about the member (R-SEC-2).
  const invitee = member.invitedSubject !== undefined ? member.invitedSubject === subject : command.tokenVerified === true;
  ensure(invitee || member.subject === subject, 'MEMBER_NOT_FOUND', 'no invitation for the caller');
  requireActive(member, now);
  ensure(member.invitation && !member.invitation.acceptedAt, 'INVITATION_NOT_PENDING', 'no open invitation');
  ensure(!memberBySubject(state.members, subject, now), 'ALREADY_EXISTS', 'the person already is a member of this organization');
  const data = { organizationId: state.organizationId, memberId: member.memberId, subject };
  return [{ type: 'InvitationAccepted', data: { ...data, ...meta(byOf(context.actor, member.memberId), now) } }];
}

/** R-TIME-2 for appointments and external end dates: once per (what, end, days), inside its window. */
function sendReminder(command: OrganizationCommandOf<'SendOrganizationReminder'>, state: OrganizationState, context: OrganizationContext): OrganizationEvent[] {
  requireSystem(context);
  const now = +context.now;
  const member = requireMember(state, command.memberId);
  const appointment = command.about === 'appointment' ? openAppointment(state, member.memberId, now) : undefined;
  const expiresAt = command.about === 'appointment' ? appointment?.validUntil : member.endsAt;
  ensure(expiresAt, 'NOT_DUE', `nothing of kind ${command.about} expires for this member`);
  ensure(now >= addDays(ms(expiresAt), -command.daysBefore) && now < ms(expiresAt), 'NOT_DUE', 'outside the reminder window');
  if (state.reminders[reminderKey(command.about, member.memberId, expiresAt, command.daysBefore)]) return [];
  const data = compact({
    organizationId: state.organizationId,
    memberId: member.memberId,
    about: command.about,
    role: appointment?.role,
    daysBefore: command.daysBefore,
    expiresAt,
  });
  return [{ type: 'ReminderSent', data: { ...data, ...meta(byOf(context.actor), now) } }];
}
