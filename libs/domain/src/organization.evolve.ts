import { copying, inPlace, type Edit } from './edit.js';
import type { OrganizationEvent } from './organization.events.js';
import { reminderKey, type Appointment, type MemberRecord, type OrganizationState } from './organization.state.js';

/** Folds one organization event into the state. Pure; never throws (unknown or out-of-order events leave state as is). */
export function evolveOrganization(state: OrganizationState, event: OrganizationEvent): OrganizationState {
  return foldOrganization(copying, state, event);
}

/**
 * Folds one organization event into the state by mutating it: the same fold as `evolveOrganization`, allocating
 * only what the new facts need. Only for states the caller owns, parts included: built from `initialOrganization()`
 * by this fold alone, or freshly deserialized; never a state `evolveOrganization` made (those share their parts with
 * earlier states). Records that are not yet dictionaries are replaced by dictionaries on their first new entry.
 */
export function foldOrganizationInto(state: OrganizationState, event: OrganizationEvent): void {
  foldOrganization(inPlace, state, event);
}

function foldOrganization(edit: Edit, state: OrganizationState, event: OrganizationEvent): OrganizationState {
  const d = event.data;
  const at = d.occurredAt;
  switch (event.type) {
    case 'OrganizationRegistered': {
      const { organizationId, name, orgNumber, groupId } = event.data;
      return edit.set(state, { status: 'registered', organizationId, name, orgNumber, groupId, registeredAt: at, agreement: [{ from: at }] });
    }
    case 'AgreementTerminated': {
      const last = state.agreement.length - 1;
      const period = state.agreement[last];
      if (!period || period.until !== undefined) return state;
      const ended = edit.set(period, { until: at, terminatedBy: d.by, reason: event.data.reason });
      return edit.set(state, { agreement: edit.replace(state.agreement, last, ended) });
    }
    case 'AgreementRenewed':
      return edit.set(state, { agreement: edit.push(state.agreement, { from: at }) });
    case 'UnitCreated': {
      const { unitId, name, parentId } = event.data;
      return edit.set(state, { units: edit.put(state.units, unitId, { unitId, name, parentId, createdAt: at }) });
    }
    case 'EmployerCodeAdded':
      return edit.set(state, { employerCodes: edit.put(state.employerCodes, event.data.code, { code: event.data.code, addedAt: at }) });
    case 'EmployerCodeClosed': {
      const code = state.employerCodes[event.data.code];
      return code ? edit.set(state, { employerCodes: edit.putChanged(state.employerCodes, code.code, edit.set(code, { closedAt: at })) }) : state;
    }
    case 'ServiceSubscribed': {
      const { service, orderId } = event.data;
      return edit.set(state, { subscriptions: edit.put(state.subscriptions, service, { service, subscribedAt: at, orderId }) });
    }
    case 'MemberRegistered':
    case 'UserInvited': {
      const e = event.data;
      const invited = event.type === 'UserInvited' ? event.data : undefined;
      const record: MemberRecord = {
        memberId: e.memberId,
        name: e.name,
        email: e.email,
        type: e.type,
        typeHistory: [{ type: e.type, from: at }],
        unitId: e.unitId,
        subject: event.type === 'MemberRegistered' ? e.subject : undefined,
        boundAt: event.type === 'MemberRegistered' && e.subject ? at : undefined,
        invitedSubject: invited?.subject,
        registeredAt: at,
        registeredBy: d.by,
        invitation: invited ? { invitedAt: at, message: invited.message, resentAt: [] } : undefined,
        endsAt: invited?.endsAt,
        resellerOrgId: invited?.resellerOrgId,
        employedBy: event.type === 'MemberRegistered' ? event.data.employedBy : undefined,
      };
      return withMember(edit, state, record);
    }
    case 'InvitationResent': {
      const m = state.members[event.data.memberId];
      if (!m?.invitation) return state;
      const invitation = edit.set(m.invitation, { message: event.data.message, resentAt: edit.push(m.invitation.resentAt, at) });
      return changedMember(edit, state, edit.set(m, { invitation }));
    }
    case 'InvitationAccepted': {
      const m = state.members[event.data.memberId];
      if (!m) return state;
      const invitation = m.invitation ? edit.set(m.invitation, { acceptedAt: at }) : m.invitation;
      return changedMember(edit, state, edit.set(m, { subject: event.data.subject, boundAt: at, invitation }));
    }
    case 'EmploymentEnded':
      return updateMember(edit, state, event.data.memberId, { employmentEnd: { at, by: d.by, reason: event.data.reason, effectiveAt: event.data.effectiveAt } });
    case 'AccessRemoved':
    case 'UserDeactivated': {
      const m = state.members[event.data.memberId];
      if (!m) return state;
      const patch: Partial<MemberRecord> = { type: event.data.type, typeHistory: edit.push(m.typeHistory, { type: event.data.type, from: at }) };
      patch[event.type === 'AccessRemoved' ? 'accessRemoved' : 'deactivated'] = { at, by: d.by, reason: event.data.reason };
      return changedMember(edit, state, edit.set(m, patch));
    }
    case 'MemberDeleted':
      return updateMember(edit, state, event.data.memberId, { deleted: { at, by: d.by, reason: event.data.reason } });
    case 'MemberBlocked':
      return updateMember(edit, state, event.data.memberId, { blocked: { at, by: d.by, reason: event.data.reason } });
    case 'AdminAppointed': {
      const { memberId, role, level, unitId, validFrom, validUntil } = event.data;
      const appointment: Appointment = { memberId, role, level, unitId, validFrom, validUntil, appointedAt: at, appointedBy: d.by, extensions: [] };
      return edit.set(state, { appointments: edit.push(state.appointments, appointment) });
    }
    case 'AdminDismissed':
      return updateOpenAppointment(edit, state, event.data.memberId, () => ({ ended: { at, by: d.by, reason: event.data.reason, cause: event.data.cause } }));
    case 'AdminAppointmentExtended':
      return updateOpenAppointment(edit, state, event.data.memberId, (a) => ({
        validUntil: event.data.validUntil,
        extensions: edit.push(a.extensions, { at, by: d.by, validUntil: event.data.validUntil }),
      }));
    case 'AdminAppointmentExpired':
      return updateOpenAppointment(edit, state, event.data.memberId, () => ({ ended: { at, by: d.by, cause: 'expired' } }));
    case 'ReminderSent': {
      const { about, memberId, expiresAt, daysBefore } = event.data;
      return edit.set(state, { reminders: edit.put(state.reminders, reminderKey(about, memberId, expiresAt, daysBefore), at) });
    }
    default:
      return state;
  }
}

function withMember(edit: Edit, state: OrganizationState, record: MemberRecord): OrganizationState {
  return edit.set(state, { members: edit.put(state.members, record.memberId, record) });
}

function changedMember(edit: Edit, state: OrganizationState, record: MemberRecord): OrganizationState {
  return edit.set(state, { members: edit.putChanged(state.members, record.memberId, record) });
}

function updateMember(edit: Edit, state: OrganizationState, memberId: string, patch: Partial<MemberRecord>): OrganizationState {
  const member = state.members[memberId];
  return member ? changedMember(edit, state, edit.set(member, patch)) : state;
}

/** Applies a change to the member's last un-ended appointment (there is at most one). */
function updateOpenAppointment(edit: Edit, state: OrganizationState, memberId: string, change: (a: Appointment) => Partial<Appointment>): OrganizationState {
  const index = state.appointments.findLastIndex((a) => a.memberId === memberId && !a.ended);
  if (index < 0) return state;
  const appointment = state.appointments[index]!;
  return edit.set(state, { appointments: edit.replace(state.appointments, index, edit.set(appointment, change(appointment))) });
}
