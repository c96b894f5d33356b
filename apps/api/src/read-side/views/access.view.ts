import {
  effectiveAccess,
  initialMember,
  typeAt,
  unitInScope,
  type AccessAnswer,
  type MemberState,
  type OrganizationState,
} from '@behorighet/domain';
import type { Scope } from './reports.view.js';

export interface AccessAtItem {
  memberId: string;
  name: string;
  /** The member's type at that instant. */
  type: string;
  /** The grants that gave the access. */
  grantIds: string[];
}

/**
 * R-READ-3: the members who could use `service` at `at`, by the domain's `effectiveAccess` over the
 * states (which keep every dated mark): grants, expiry, revocation, employment end, blocks and R-ORG-4
 * (a headless or terminated organization at `at` gives nobody access). Deleted members count for the
 * instants before their deletion (R-MEM-5: history stays).
 */
export function accessAt(
  organization: OrganizationState,
  members: Record<string, MemberState | undefined>,
  scope: Scope,
  service: string,
  at: Date,
): AccessAtItem[] {
  const t = +at;
  const items: AccessAtItem[] = [];
  for (const record of Object.values(organization.members)) {
    if (!unitInScope(scope.organization, scope.unitId, record.unitId)) continue;
    const member = members[record.memberId];
    if (!member) continue;
    const answer = effectiveAccess({ organization, member, memberId: record.memberId }, { service }, undefined, t);
    if (answer.allowed) items.push({ memberId: record.memberId, name: record.name, type: typeAt(record, t), grantIds: answer.grantIds });
  }
  return items;
}

/** R-READ-5: may the member use the service (with the employer code) at `at` — the domain's answer, reasons included. */
export function accessCheck(
  organization: OrganizationState,
  member: MemberState | undefined,
  memberId: string,
  service: string,
  employerCode: string | undefined,
  at: Date,
): AccessAnswer {
  return effectiveAccess({ organization, member: member ?? initialMember(), memberId }, { service }, employerCode, at);
}
