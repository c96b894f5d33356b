import type { LifecycleCause } from '@behorighet/domain';

/** A lifecycle fact recorded on the organization whose automatic endings fall to the process manager. */
export interface MemberEnding {
  organizationId: string;
  memberId: string;
  cause: LifecycleCause;
  /** When the fact takes effect: an employment end may lie in the future (then the job applies it). */
  effectiveAt: string;
}

const CAUSES: Readonly<Record<string, LifecycleCause>> = {
  EmploymentEnded: 'employment-ended',
  AccessRemoved: 'access-removed',
  UserDeactivated: 'deactivated',
  MemberDeleted: 'deleted',
  MemberBlocked: 'blocked',
};

/** The ending an (upcast) organization event starts, if any (R-MEM-3…8). */
export function memberEndingOf(type: string, data: unknown): MemberEnding | undefined {
  const cause = CAUSES[type];
  if (!cause) return undefined;
  const d = data as { organizationId: string; memberId: string; occurredAt: string; effectiveAt?: string };
  return { organizationId: d.organizationId, memberId: d.memberId, cause, effectiveAt: d.effectiveAt ?? d.occurredAt };
}
