import { appointableLevels, openAppointment, unitInScope, type Powers } from './authority.js';
import { dismissal } from './appointments.js';
import { DomainError, ensure } from './errors.js';
import { byOf, compact, isOperator, isSystem, meta } from './event.js';
import { actorPowers, requireInScope, requireMember, requireOperator, requireRegistered, requireSystemAccess, requireText } from './guards.js';
import { isActiveMember, memberBySubject } from './member-status.js';
import type { OrganizationCommandOf, OrganizationContext } from './organization.commands.js';
import type { OrganizationEvent } from './organization.events.js';
import type { Appointment, OrganizationState } from './organization.state.js';
import { iso, ms, resolveExtension, resolveValidity } from './time.js';
import { isAdminLevel, type AdminLevel, type AuthorityRole } from './vocabulary.js';

type AdministrationCommand = OrganizationCommandOf<
  | 'RegisterMainResponsible'
  | 'DismissMainResponsible'
  | 'AppointDelegate'
  | 'DismissDelegate'
  | 'AppointAdministrator'
  | 'DismissAdministrator'
  | 'ExtendAppointment'
  | 'ExpireAppointment'
>;

/** Main responsibles, delegates and administrators: R-ORG-2, R-ORG-5, R-ADM-1…3, R-ADM-5, R-TIME-1, R-TIME-3. */
export function decideAdministration(command: AdministrationCommand, state: OrganizationState, context: OrganizationContext): OrganizationEvent[] {
  requireRegistered(state);
  const now = +context.now;
  switch (command.type) {
    case 'RegisterMainResponsible':
      return registerMainResponsible(command, state, context);
    case 'DismissMainResponsible': {
      requireOperator(context);
      const appointment = requireOpen(state, command.memberId, 'main-responsible', now);
      return [dismissal(state, appointment, 'dismissed', byOf(context.actor), now, command.reason)];
    }
    case 'AppointDelegate': {
      const powers = requireMainResponsible(state, context);
      return appoint(state, context, powers, command.memberId, 'delegate', undefined, undefined, command);
    }
    case 'DismissDelegate': {
      const powers = requireMainResponsible(state, context);
      const appointment = requireOpen(state, command.memberId, 'delegate', now);
      return [dismissal(state, appointment, 'dismissed', byOf(context.actor, powers.memberId), now, command.reason)];
    }
    case 'AppointAdministrator': {
      const powers = actorPowers(state, context);
      ensure(isAdminLevel(command.level), 'INVALID_LEVEL', 'level must be 1, 2, 3 or 4', { field: 'level' });
      requireMayManageAdministrator(state, powers, command.level, command.unitId);
      ensure(command.unitId === undefined || state.units[command.unitId], 'UNKNOWN_UNIT', 'no such unit', { field: 'unitId' });
      return appoint(state, context, powers, command.memberId, 'administrator', command.level, command.unitId, command);
    }
    case 'DismissAdministrator': {
      const powers = actorPowers(state, context);
      const appointment = requireOpen(state, command.memberId, 'administrator', now);
      if (command.memberId !== powers.memberId) {
        requireMayManageAdministrator(state, powers, appointment.level!, appointment.unitId);
        // R-ADM-3: the administrator's member must lie in the caller's scope too, as when appointing.
        requireInScope(state, powers, requireMember(state, command.memberId));
      }
      return [dismissal(state, appointment, 'dismissed', byOf(context.actor, powers.memberId), now, command.reason)];
    }
    case 'ExtendAppointment':
      return extendAppointment(command, state, context);
    case 'ExpireAppointment': {
      ensure(isSystem(context.actor), 'NOT_AUTHORIZED', 'only scheduled jobs expire appointments');
      const appointment = state.appointments.findLast((a) => a.memberId === command.memberId && !a.ended);
      if (!appointment) return [];
      ensure(ms(appointment.validUntil) <= now, 'NOT_DUE', 'the appointment is still valid');
      const { memberId, role, level, validUntil } = appointment;
      const data = compact({ organizationId: state.organizationId, memberId, role, level, validUntil });
      return [{ type: 'AdminAppointmentExpired', data: { ...data, ...meta(byOf(context.actor), validUntil) } }];
    }
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled administration command ${JSON.stringify(unhandled)}`);
    }
  }
}

/** R-ORG-2: registered by the operator on the organization's own application; employed by the organization or its group. */
function registerMainResponsible(
  command: OrganizationCommandOf<'RegisterMainResponsible'>,
  state: OrganizationState,
  context: OrganizationContext,
): OrganizationEvent[] {
  requireOperator(context);
  const now = +context.now;
  const employedBy = command.employedBy ?? state.organizationId;
  if (employedBy !== state.organizationId) {
    const employer = context.employer;
    if (!employer || employer.organizationId !== employedBy) throw new Error('RegisterMainResponsible needs context.employer for employedBy');
    ensure(state.groupId !== undefined && employer.groupId === state.groupId, 'NOT_IN_GROUP', 'the employer is not in the organization\'s group');
  }
  const validity = resolveValidity(now, command);
  const by = byOf(context.actor);
  const existing = memberBySubject(state.members, requireText(command.subject, 'subject'), now);
  const events: OrganizationEvent[] = [];
  let memberId = command.memberId;
  if (existing) {
    memberId = existing.memberId;
    requireSystemAccess(existing, now);
    const open = openAppointment(state, memberId, now);
    ensure(open?.role !== 'main-responsible', 'ALREADY_EXISTS', 'the person is already a main responsible');
    if (open) events.push(dismissal(state, open, 'superseded', by, now));
  } else {
    ensure(!state.members[memberId], 'ALREADY_EXISTS', 'the member id is taken');
    const data = {
      organizationId: state.organizationId,
      memberId,
      type: 'employee' as const,
      name: requireText(command.name, 'name'),
      email: requireText(command.email, 'email').toLowerCase(),
      subject: command.subject,
      ...(command.employedBy !== undefined ? { employedBy: command.employedBy } : {}),
    };
    events.push({ type: 'MemberRegistered', data: { ...data, ...meta(by, now) } });
  }
  const data = { organizationId: state.organizationId, memberId, role: 'main-responsible' as const, ...validity };
  events.push({ type: 'AdminAppointed', data: { ...data, ...(command.employedBy ? { employedBy: command.employedBy } : {}), ...meta(by, now) } });
  return events;
}

/** R-ORG-5: only a main responsible appoints and removes delegates. */
function requireMainResponsible(state: OrganizationState, context: OrganizationContext) {
  const powers = actorPowers(state, context);
  ensure(powers.role === 'main-responsible', 'MAIN_RESPONSIBLE_ONLY', 'only a main responsible may do this');
  return powers;
}

/** R-ADM-2/3: the level within the caller's ceiling and the scope unit within the caller's scope. */
function requireMayManageAdministrator(state: OrganizationState, powers: Powers, level: AdminLevel, unitId: string | undefined): void {
  const levels = appointableLevels(powers);
  if (levels.length === 0) {
    if (powers.role === 'administrator') throw new DomainError('ADMIN_LEVEL_TOO_LOW', 'levels 3 and 4 appoint no one');
    throw new DomainError('NOT_AUTHORIZED', 'the caller holds no authority in this organization');
  }
  ensure(levels.includes(level), 'ADMIN_LEVEL_TOO_LOW', `the caller may appoint levels ${levels.join(', ')} only`);
  ensure(unitInScope(state, powers.scopeUnitId, unitId), 'OUT_OF_SCOPE', 'the scope lies outside the caller\'s scope');
}

/** The member's open appointment of `role`; APPOINTMENT_NOT_FOUND otherwise. */
function requireOpen(state: OrganizationState, memberId: string, role: AuthorityRole, now: number): Appointment {
  const appointment = openAppointment(state, memberId, now);
  ensure(appointment?.role === role, 'APPOINTMENT_NOT_FOUND', `the member holds no ${role} appointment`, { memberId });
  return appointment;
}

/**
 * Appoints a delegate or administrator. R-ADM-5: never oneself. A member holds at most one appointment:
 * an existing delegate/administrator appointment is superseded if the caller may end it; a main responsible's never.
 */
function appoint(
  state: OrganizationState,
  context: OrganizationContext,
  powers: Powers,
  memberId: string,
  role: 'delegate' | 'administrator',
  level: AdminLevel | undefined,
  unitId: string | undefined,
  requested: { validFrom?: string; validUntil?: string },
): OrganizationEvent[] {
  const now = +context.now;
  ensure(memberId !== powers.memberId, 'SELF_GRANT_FORBIDDEN', 'nobody appoints themselves');
  const member = requireMember(state, memberId);
  requireInScope(state, powers, member);
  requireSystemAccess(member, now);
  const validity = resolveValidity(now, requested);
  const by = byOf(context.actor, powers.memberId);
  const events: OrganizationEvent[] = [];
  const open = openAppointment(state, memberId, now);
  if (open) {
    const same = open.role === 'delegate' && role === 'delegate';
    ensure(open.role !== 'main-responsible' && !same, 'ALREADY_EXISTS', `the member already holds a ${open.role} appointment`);
    if (open.role === 'delegate') ensure(powers.role === 'main-responsible', 'MAIN_RESPONSIBLE_ONLY', 'only a main responsible removes a delegate');
    else requireMayManageAdministrator(state, powers, open.level!, open.unitId);
    events.push(dismissal(state, open, 'superseded', by, now));
  }
  const data = compact({ organizationId: state.organizationId, memberId, role, level, unitId, ...validity });
  events.push({ type: 'AdminAppointed', data: { ...data, ...meta(by, now) } });
  return events;
}

/**
 * R-TIME-3: main responsibles extend any appointment, their own included; the operator extends main responsibles';
 * delegates and L1–L2 extend administrators they could appoint, never their own. At most 36 months from now.
 */
function extendAppointment(
  command: OrganizationCommandOf<'ExtendAppointment'>,
  state: OrganizationState,
  context: OrganizationContext,
): OrganizationEvent[] {
  const now = +context.now;
  const appointment = state.appointments.findLast((a) => a.memberId === command.memberId && !a.ended);
  ensure(!command.role || appointment?.role === command.role, 'APPOINTMENT_NOT_FOUND', `the member holds no ${command.role} appointment`);
  let by;
  if (isOperator(context.actor) && appointment?.role === 'main-responsible') {
    by = byOf(context.actor);
  } else {
    const powers = actorPowers(state, context);
    by = byOf(context.actor, powers.memberId);
    if (powers.role !== 'main-responsible') {
      ensure(command.memberId !== powers.memberId, 'SELF_GRANT_FORBIDDEN', 'only a main responsible extends its own authority');
      ensure(appointment, 'APPOINTMENT_NOT_FOUND', 'the member holds no appointment');
      ensure(appointment.role === 'administrator', 'MAIN_RESPONSIBLE_ONLY', 'only a main responsible extends this appointment');
      requireMayManageAdministrator(state, powers, appointment.level!, appointment.unitId);
    }
  }
  ensure(appointment, 'APPOINTMENT_NOT_FOUND', 'the member holds no appointment');
  ensure(ms(appointment.validUntil) > now && isActiveMember(state.members[appointment.memberId], now), 'APPOINTMENT_ENDED', 'the appointment has ended');
  const validUntil = resolveExtension(now, command.validUntil);
  const { memberId, role, level } = appointment;
  const data = compact({ organizationId: state.organizationId, memberId, role, level, previousValidUntil: appointment.validUntil, validUntil });
  return [{ type: 'AdminAppointmentExtended', data: { ...data, ...meta(by, iso(now)) } }];
}
