import { canEditMembers, unitInScope } from './authority.js';
import { decideAdministration } from './administration.decider.js';
import { DomainError, ensure } from './errors.js';
import { byOf, compact, meta, type By } from './event.js';
import { actorPowers, requireOperator, requireRegistered, requireText } from './guards.js';
import { agreementActiveAt } from './headless.js';
import { decideMembership } from './membership.decider.js';
import { normalizeOrgNumber } from './org-number.js';
import type { OrganizationCommand, OrganizationCommandOf, OrganizationContext } from './organization.commands.js';
import type { OrganizationEvent } from './organization.events.js';
import type { OrganizationState } from './organization.state.js';

export { evolveOrganization } from './organization.evolve.js';
export { initialOrganization } from './organization.state.js';

/**
 * Decides a command on an organization stream: returns the events to append or throws a DomainError.
 * Organization-level commands live here; authorities in administration.decider.ts, members in membership.decider.ts.
 */
export function decideOrganization(command: OrganizationCommand, state: OrganizationState, context: OrganizationContext): OrganizationEvent[] {
  switch (command.type) {
    case 'RegisterOrganization':
      return registerOrganization(command, state, context);
    case 'TerminateAgreement':
    case 'RenewAgreement':
      return changeAgreement(command, state, context);
    case 'CreateUnit':
      return createUnit(command, state, context);
    case 'AddEmployerCode':
    case 'CloseEmployerCode':
      return changeEmployerCode(command, state, context);
    case 'SubscribeService':
      return subscribeService(command, state, context);
    case 'RegisterMainResponsible':
    case 'DismissMainResponsible':
    case 'AppointDelegate':
    case 'DismissDelegate':
    case 'AppointAdministrator':
    case 'DismissAdministrator':
    case 'ExtendAppointment':
    case 'ExpireAppointment':
      return decideAdministration(command, state, context);
    case 'InviteUser':
    case 'ResendInvitation':
    case 'AcceptInvitation':
    case 'EndEmployment':
    case 'RemoveAccess':
    case 'DeactivateUser':
    case 'DeleteMember':
    case 'BlockExternalMember':
    case 'ApplyEmploymentEnd':
    case 'SendOrganizationReminder':
      return decideMembership(command, state, context);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled organization command ${JSON.stringify(unhandled)}`);
    }
  }
}

function registerOrganization(
  command: OrganizationCommandOf<'RegisterOrganization'>,
  state: OrganizationState,
  context: OrganizationContext,
): OrganizationEvent[] {
  requireOperator(context);
  ensure(state.status === 'unregistered', 'ALREADY_EXISTS', 'the organization is already registered');
  const name = requireText(command.name, 'name');
  const orgNumber = normalizeOrgNumber(command.orgNumber);
  ensure(orgNumber, 'INVALID_ORG_NUMBER', 'not a valid Swedish organization number', { field: 'orgNumber' });
  const data = compact({ organizationId: command.organizationId, name, orgNumber, groupId: command.groupId });
  return [{ type: 'OrganizationRegistered', data: { ...data, ...meta(byOf(context.actor), context.now) } }];
}

function changeAgreement(
  command: OrganizationCommandOf<'TerminateAgreement' | 'RenewAgreement'>,
  state: OrganizationState,
  context: OrganizationContext,
): OrganizationEvent[] {
  requireRegistered(state);
  requireOperator(context);
  const active = agreementActiveAt(state, +context.now);
  const m = meta(byOf(context.actor), context.now);
  const organizationId = state.organizationId;
  if (command.type === 'TerminateAgreement') {
    ensure(active, 'AGREEMENT_TERMINATED', 'the agreement is already terminated');
    return [{ type: 'AgreementTerminated', data: { ...compact({ organizationId, reason: command.reason }), ...m } }];
  }
  ensure(!active, 'AGREEMENT_ACTIVE', 'the agreement is active');
  return [{ type: 'AgreementRenewed', data: { organizationId, ...m } }];
}

/** R-ORG-6: main responsibles, delegates and L1 administrators (inside their scope) shape the unit tree. */
function requireStructureEditor(state: OrganizationState, context: OrganizationContext) {
  const powers = actorPowers(state, context);
  if (!canEditMembers(powers)) throw new DomainError('NOT_AUTHORIZED', 'the caller holds no authority in this organization');
  ensure(powers.role !== 'administrator' || powers.level === 1, 'ADMIN_LEVEL_TOO_LOW', 'only level 1 administrators change the structure');
  return powers;
}

function createUnit(command: OrganizationCommandOf<'CreateUnit'>, state: OrganizationState, context: OrganizationContext): OrganizationEvent[] {
  const powers = requireStructureEditor(state, context);
  const name = requireText(command.name, 'name');
  ensure(!state.units[command.unitId], 'ALREADY_EXISTS', 'the unit already exists');
  ensure(command.parentId === undefined || state.units[command.parentId], 'UNKNOWN_UNIT', 'no such parent unit', { field: 'parentId' });
  ensure(unitInScope(state, powers.scopeUnitId, command.parentId), 'OUT_OF_SCOPE', 'the parent unit lies outside the caller\'s scope');
  const data = compact({ organizationId: state.organizationId, unitId: command.unitId, name, parentId: command.parentId });
  return [{ type: 'UnitCreated', data: { ...data, ...meta(byOf(context.actor, powers.memberId), context.now) } }];
}

/** Employer codes belong to the whole organization: unit-scoped administrators cannot change them. */
function changeEmployerCode(
  command: OrganizationCommandOf<'AddEmployerCode' | 'CloseEmployerCode'>,
  state: OrganizationState,
  context: OrganizationContext,
): OrganizationEvent[] {
  const powers = requireStructureEditor(state, context);
  ensure(powers.scopeUnitId === undefined, 'OUT_OF_SCOPE', 'employer codes belong to the whole organization');
  const code = requireText(command.code, 'code');
  const existing = state.employerCodes[code];
  const data = { organizationId: state.organizationId, code, ...meta(byOf(context.actor, powers.memberId), context.now) };
  if (command.type === 'AddEmployerCode') {
    ensure(!existing, 'ALREADY_EXISTS', `employer code ${code} already exists`);
    return [{ type: 'EmployerCodeAdded', data }];
  }
  ensure(existing, 'UNKNOWN_EMPLOYER_CODE', `no employer code ${code}`);
  ensure(!existing.closedAt, 'EMPLOYER_CODE_CLOSED', `employer code ${code} is already closed`);
  return [{ type: 'EmployerCodeClosed', data }];
}

/** By the operator, or as the effect of an attested service or agent-assignment order (R-ORD-1). */
function subscribeService(
  command: OrganizationCommandOf<'SubscribeService'>,
  state: OrganizationState,
  context: OrganizationContext,
): OrganizationEvent[] {
  requireRegistered(state);
  if (!context.catalog) throw new Error('SubscribeService needs context.catalog');
  let by: By;
  if (command.orderId === undefined) {
    requireOperator(context);
    by = byOf(context.actor);
  } else {
    const order = context.order;
    if (!order || order.orderId !== command.orderId) throw new Error('SubscribeService from an order needs that order in context.order');
    const effective = order.status === 'attested' && order.organizationId === state.organizationId && order.service === command.service;
    ensure(effective && order.kind !== 'connection-application', 'ORDER_NOT_PENDING', 'the order is not an attested order for this service');
    by = order.decidedBy ?? byOf(context.actor);
  }
  ensure(context.catalog.services[command.service], 'UNKNOWN_SERVICE', `unknown service ${command.service}`, { field: 'service' });
  ensure(!state.subscriptions[command.service], 'ALREADY_SUBSCRIBED', `already subscribed to ${command.service}`);
  const data = compact({ organizationId: state.organizationId, service: command.service, orderId: command.orderId });
  return [{ type: 'ServiceSubscribed', data: { ...data, ...meta(by, context.now) } }];
}
