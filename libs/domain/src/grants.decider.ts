import { DomainError, ensure } from './errors.js';
import { byOf, compact, meta, type By } from './event.js';
import { actorPowers, editableMember, requireEditor, requireMember, requireSystem, requireSystemAccess } from './guards.js';
import type { MemberCommandOf, MemberContext } from './member.commands.js';
import type { MemberEvent } from './member.events.js';
import type { Grant, MemberState } from './member.state.js';
import { reminderKey } from './organization.state.js';
import { addDays, ms, resolveExtension, resolveValidity } from './time.js';
import { isBusinessRole, type GrantTarget } from './vocabulary.js';

type GrantCommand = MemberCommandOf<'IssueGrant' | 'ExtendGrant' | 'RevokeGrant' | 'ExpireGrant' | 'SendGrantReminder'>;

/** Grants and time: R-GRT-1/2, R-ADM-5, R-TIME-1…4. */
export function decideGrants(command: GrantCommand, state: MemberState, context: MemberContext): MemberEvent[] {
  const now = +context.now;
  switch (command.type) {
    case 'IssueGrant':
      return issueGrant(command, state, context);
    case 'ExtendGrant': {
      const { by, grant } = extensionTarget(command, state, context);
      const validUntil = resolveExtension(now, command.validUntil);
      return [{ type: 'GrantExtended', data: { ...grantData(state, grant), previousValidUntil: grant.validUntil, validUntil, ...meta(by, now) } }];
    }
    case 'RevokeGrant': {
      const { by } = editableMember(context.organization, context, command.memberId);
      const grant = requireOpenGrant(state, command.grantId, now);
      return [{ type: 'GrantRevoked', data: { ...grantData(state, grant), ...compact({ cause: 'revoked' as const, reason: command.reason }), ...meta(by, now) } }];
    }
    case 'ExpireGrant': {
      requireSystem(context);
      const grant = requireGrant(state, command.grantId);
      if (grant.revoked || grant.expiredAt) return [];
      ensure(ms(grant.validUntil) <= now, 'NOT_DUE', 'the grant is still valid');
      // R-TIME-4: the history shows the expiry at the grant's end, whenever the job ran.
      const data = { ...grantData(state, grant), validUntil: grant.validUntil, ...meta(byOf(context.actor), grant.validUntil) };
      return [{ type: 'GrantExpired', data }];
    }
    case 'SendGrantReminder': {
      requireSystem(context);
      const grant = requireOpenGrant(state, command.grantId, now);
      const expiresAt = grant.validUntil;
      ensure(now >= addDays(ms(expiresAt), -command.daysBefore), 'NOT_DUE', 'outside the reminder window');
      if (state.reminders[reminderKey('grant', grant.grantId, expiresAt, command.daysBefore)]) return [];
      const data = { ...grantData(state, grant), about: 'grant' as const, daysBefore: command.daysBefore, expiresAt };
      return [{ type: 'ReminderSent', data: { ...data, ...meta(byOf(context.actor), now) } }];
    }
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled grant command ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The part of every grant event that names it: organization, member, grant, service or role. */
export function grantData(state: MemberState, grant: Grant) {
  return { organizationId: state.organizationId, memberId: state.memberId, grantId: grant.grantId, ...grant.target };
}

function requireGrant(state: MemberState, grantId: string): Grant {
  const grant = state.grants[grantId];
  ensure(grant, 'GRANT_NOT_FOUND', 'no such grant', { grantId });
  return grant;
}

/** A grant not revoked, not expired and whose validity has not passed. */
export function isOpenGrant(grant: Grant, now: number): boolean {
  return !grant.revoked && !grant.expiredAt && ms(grant.validUntil) > now;
}

function requireOpenGrant(state: MemberState, grantId: string, now: number): Grant {
  const grant = requireGrant(state, grantId);
  ensure(isOpenGrant(grant, now), 'GRANT_ENDED', 'the grant has ended', { grantId });
  return grant;
}

/**
 * R-TIME-3: main responsibles extend any grant, their own included; delegates and L1–L3 extend grants of
 * members in their scope but never their own (R-ADM-5, SELF_GRANT_FORBIDDEN).
 */
function extensionTarget(command: MemberCommandOf<'ExtendGrant'>, state: MemberState, context: MemberContext): { by: By; grant: Grant } {
  const now = +context.now;
  const powers = actorPowers(context.organization, context);
  if (powers.role !== 'main-responsible') {
    ensure(command.memberId !== powers.memberId, 'SELF_GRANT_FORBIDDEN', 'only a main responsible extends its own grants');
    editableMember(context.organization, context, command.memberId);
  }
  requireSystemAccess(requireMember(context.organization, command.memberId), now);
  return { by: byOf(context.actor, powers.memberId), grant: requireOpenGrant(state, command.grantId, now) };
}

/** R-GRT-1: a service (maybe limited to employer codes), a business role, or a package as one grant per service. */
function issueGrant(command: MemberCommandOf<'IssueGrant'>, state: MemberState, context: MemberContext): MemberEvent[] {
  const now = +context.now;
  const org = context.organization;
  const powers = requireEditor(org, context);
  ensure(command.memberId !== powers.memberId, 'SELF_GRANT_FORBIDDEN', 'nobody grants anything to themselves');
  const { member, by } = editableMember(context.organization, context, command.memberId);
  requireSystemAccess(member, now);
  const targets = resolveTargets(command.target, context);
  const codes = command.employerCodes === undefined ? undefined : [...new Set(command.employerCodes)].sort();
  if (codes) {
    ensure(!('role' in command.target) && codes.length > 0, 'INVALID_INPUT', 'employer codes limit service grants', { field: 'employerCodes' });
    const unknown = codes.filter((c) => !org.employerCodes[c]);
    if (unknown.length) throw new DomainError('UNKNOWN_EMPLOYER_CODE', `unknown employer codes: ${unknown.join(', ')}`, { codes: unknown });
  }
  const validity = resolveValidity(now, command);
  const ids = command.grantIds.slice(0, targets.length);
  ensure(ids.length === targets.length && new Set(ids).size === ids.length, 'IDS_MISSING', `${targets.length} distinct grant ids needed`);
  for (const id of ids) ensure(!state.grants[id], 'ALREADY_EXISTS', `grant ${id} already exists`);
  for (const target of targets) {
    const key = JSON.stringify(target);
    const twin = Object.values(state.grants).find(
      (g) => isOpenGrant(g, now) && JSON.stringify(g.target) === key && JSON.stringify(g.employerCodes) === JSON.stringify(codes),
    );
    ensure(!twin, 'ALREADY_EXISTS', `the member already holds a grant for ${key}`, { grantId: twin?.grantId });
  }
  const pkg = 'package' in command.target ? command.target.package : undefined;
  return targets.map((target, i) => ({
    type: 'GrantIssued' as const,
    data: {
      ...compact({ organizationId: org.organizationId, memberId: member.memberId, grantId: ids[i]!, ...target, package: pkg, employerCodes: codes }),
      ...validity,
      ...meta(by, now),
    },
  }));
}

/** Checks catalog and subscriptions; a package becomes its services. */
function resolveTargets(target: MemberCommandOf<'IssueGrant'>['target'], context: MemberContext): GrantTarget[] {
  if ('role' in target) {
    ensure(isBusinessRole(target.role), 'UNKNOWN_ROLE', `unknown role ${String(target.role)}`, { field: 'role' });
    return [{ role: target.role }];
  }
  const catalog = context.catalog;
  if (!catalog) throw new Error('IssueGrant of a service or package needs context.catalog');
  let services: string[];
  if ('package' in target) {
    const pkg = catalog.packages[target.package];
    ensure(pkg, 'UNKNOWN_PACKAGE', `unknown package ${target.package}`, { field: 'package' });
    services = pkg.services;
  } else {
    ensure(catalog.services[target.service], 'UNKNOWN_SERVICE', `unknown service ${target.service}`, { field: 'service' });
    services = [target.service];
  }
  const missing = services.filter((s) => !context.organization.subscriptions[s]);
  if (missing.length) throw new DomainError('SERVICE_NOT_SUBSCRIBED', `not subscribed: ${missing.join(', ')}`, { services: missing });
  return services.map((service) => ({ service }));
}
