import { authoritiesOf, isActiveMember, isBound, type MemberState, type OrganizationState } from '@behorighet/domain';
import { adminView, businessRolesAt, roleNames, type AdminView } from './member-facts.js';

export interface MembershipView {
  organizationId: string;
  organizationName: string;
  memberId: string;
  roles: string[];
  admin?: AdminView;
}

/**
 * One membership as `GET /v1/me` shows it, or undefined when the member is not (any more) an active member
 * bound to `subject` at `now` (left, blocked, deactivated…).
 */
export function membershipView(organization: OrganizationState, member: MemberState, memberId: string, subject: string, now: Date): MembershipView | undefined {
  const t = +now;
  const record = organization.members[memberId];
  if (!record || record.subject !== subject || !isBound(record, t) || !isActiveMember(record, t)) return undefined;
  const admin = adminView(authoritiesOf(organization, t).find((entry) => entry.memberId === memberId), t);
  return {
    organizationId: organization.organizationId,
    organizationName: organization.name,
    memberId,
    roles: roleNames(admin, businessRolesAt(organization, member, memberId, t)),
    ...(admin ? { admin } : {}),
  };
}
