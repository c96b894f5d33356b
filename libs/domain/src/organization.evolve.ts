import type { OrganizationEvent } from './organization.events.js';
import { reminderKey, type Appointment, type MemberRecord, type OrganizationState } from './organization.state.js';
import { withEntry } from './records.js';

/** Folds one organization event into the state. Pure; never throws (unknown or out-of-order events leave state as is). */
export function evolveOrganization(state: OrganizationState, event: OrganizationEvent): OrganizationState {
  const d = event.data;
  const at = d.occurredAt;
  switch (event.type) {
    case 'OrganizationRegistered': {
      const { organizationId, name, orgNumber, groupId } = event.data;
      return { ...state, status: 'registered', organizationId, name, orgNumber, groupId, registeredAt: at, agreement: [{ from: at }] };
    }
    case 'AgreementTerminated':
      return {
        ...state,
        agreement: state.agreement.map((p, i) =>
          i === state.agreement.length - 1 && p.until === undefined ? { ...p, until: at, terminatedBy: d.by, reason: event.data.reason } : p,
        ),
      };
    case 'AgreementRenewed':
      return { ...state, agreement: [...state.agreement, { from: at }] };
    case 'UnitCreated': {
      const { unitId, name, parentId } = event.data;
      return { ...state, units: withEntry(state.units, unitId, { unitId, name, parentId, createdAt: at }) };
    }
    case 'EmployerCodeAdded':
      return { ...state, employerCodes: withEntry(state.employerCodes, event.data.code, { code: event.data.code, addedAt: at }) };
    case 'EmployerCodeClosed': {
      const code = state.employerCodes[event.data.code];
      return code ? { ...state, employerCodes: withEntry(state.employerCodes, code.code, { ...code, closedAt: at }) } : state;
    }
    case 'ServiceSubscribed': {
      const { service, orderId } = event.data;
      return { ...state, subscriptions: withEntry(state.subscriptions, service, { service, subscribedAt: at, orderId }) };
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
      return withMember(state, record);
    }
    case 'InvitationResent':
      return updateMember(state, event.data.memberId, (m) =>
        m.invitation ? { ...m, invitation: { ...m.invitation, message: event.data.message, resentAt: [...m.invitation.resentAt, at] } } : m,
      );
    case 'InvitationAccepted':
      return updateMember(state, event.data.memberId, (m) => ({
        ...m,
        subject: event.data.subject,
        boundAt: at,
        invitation: m.invitation ? { ...m.invitation, acceptedAt: at } : m.invitation,
      }));
    case 'EmploymentEnded':
      return updateMember(state, event.data.memberId, (m) => ({
        ...m,
        employmentEnd: { at, by: d.by, reason: event.data.reason, effectiveAt: event.data.effectiveAt },
      }));
    case 'AccessRemoved':
    case 'UserDeactivated': {
      const field = event.type === 'AccessRemoved' ? 'accessRemoved' : 'deactivated';
      return updateMember(state, event.data.memberId, (m) => ({
        ...m,
        type: event.data.type,
        typeHistory: [...m.typeHistory, { type: event.data.type, from: at }],
        [field]: { at, by: d.by, reason: event.data.reason },
      }));
    }
    case 'MemberDeleted':
      return updateMember(state, event.data.memberId, (m) => ({ ...m, deleted: { at, by: d.by, reason: event.data.reason } }));
    case 'MemberBlocked':
      return updateMember(state, event.data.memberId, (m) => ({ ...m, blocked: { at, by: d.by, reason: event.data.reason } }));
    case 'AdminAppointed': {
      const { memberId, role, level, unitId, validFrom, validUntil } = event.data;
      const appointment: Appointment = { memberId, role, level, unitId, validFrom, validUntil, appointedAt: at, appointedBy: d.by, extensions: [] };
      return { ...state, appointments: [...state.appointments, appointment] };
    }
    case 'AdminDismissed':
      return updateOpenAppointment(state, event.data.memberId, (a) => ({
        ...a,
        ended: { at, by: d.by, reason: event.data.reason, cause: event.data.cause },
      }));
    case 'AdminAppointmentExtended':
      return updateOpenAppointment(state, event.data.memberId, (a) => ({
        ...a,
        validUntil: event.data.validUntil,
        extensions: [...a.extensions, { at, by: d.by, validUntil: event.data.validUntil }],
      }));
    case 'AdminAppointmentExpired':
      return updateOpenAppointment(state, event.data.memberId, (a) => ({ ...a, ended: { at, by: d.by, cause: 'expired' } }));
    case 'ReminderSent': {
      const { about, memberId, expiresAt, daysBefore } = event.data;
      return { ...state, reminders: withEntry(state.reminders, reminderKey(about, memberId, expiresAt, daysBefore), at) };
    }
    default:
      return state;
  }
}

function withMember(state: OrganizationState, record: MemberRecord): OrganizationState {
  return { ...state, members: withEntry(state.members, record.memberId, record) };
}

function updateMember(state: OrganizationState, memberId: string, change: (m: MemberRecord) => MemberRecord): OrganizationState {
  const member = state.members[memberId];
  return member ? withMember(state, change(member)) : state;
}

/** Applies a change to the member's last un-ended appointment (there is at most one). */
function updateOpenAppointment(state: OrganizationState, memberId: string, change: (a: Appointment) => Appointment): OrganizationState {
  const index = state.appointments.findLastIndex((a) => a.memberId === memberId && !a.ended);
  if (index < 0) return state;
  const appointments = [...state.appointments];
  appointments[index] = change(appointments[index]!);
  return { ...state, appointments };
}
