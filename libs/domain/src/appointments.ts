import { compact, meta, type By } from './event.js';
import type { OrganizationEvent } from './organization.events.js';
import type { Appointment, OrganizationState } from './organization.state.js';
import { openAppointment } from './authority.js';
import type { AppointmentEndCause } from './vocabulary.js';

/** The AdminDismissed that ends the member's open appointment at `at`, if it holds one (R-MEM-3…6). */
export function endOpenAppointment(
  org: OrganizationState,
  memberId: string,
  at: number | string,
  cause: AppointmentEndCause,
  by: By,
  reason?: string,
): OrganizationEvent[] {
  const instant = typeof at === 'string' ? Date.parse(at) : at;
  const appointment = openAppointment(org, memberId, instant);
  return appointment ? [dismissal(org, appointment, cause, by, at, reason)] : [];
}

export function dismissal(
  org: OrganizationState,
  appointment: Appointment,
  cause: AppointmentEndCause,
  by: By,
  at: number | string,
  reason?: string,
): OrganizationEvent {
  const { memberId, role, level } = appointment;
  return {
    type: 'AdminDismissed',
    data: { ...compact({ organizationId: org.organizationId, memberId, role, level, cause, reason }), ...meta(by, at) },
  };
}
