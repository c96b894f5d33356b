/** The words of SPEC section 1 as types. */

/** R-MEM-1 member types. */
export const MEMBER_TYPES = ['employee', 'consultant', 'reseller', 'external', 'no-system-access', 'person-only'] as const;
export type MemberType = (typeof MEMBER_TYPES)[number];

/** Types that may use services (hold grants, roles, appointments). */
export const SYSTEM_ACCESS_TYPES: readonly MemberType[] = ['employee', 'consultant', 'reseller', 'external'];

export function hasSystemAccessType(type: MemberType): boolean {
  return SYSTEM_ACCESS_TYPES.includes(type);
}

/** R-GRT-1 business roles (seed 003). */
export const BUSINESS_ROLES = [
  'attestant',
  'orderer',
  'agent-orderer',
  'contact-person',
  'signatory',
  'case-handler-agent',
  'case-handler-connection',
  'case-handler-own',
] as const;
export type BusinessRole = (typeof BUSINESS_ROLES)[number];

export function isBusinessRole(value: string): value is BusinessRole {
  return (BUSINESS_ROLES as readonly string[]).includes(value);
}

/** The organization's authorities (R-ORG-2, R-ORG-5, R-ADM-1). */
export type AuthorityRole = 'main-responsible' | 'delegate' | 'administrator';
export type AdminLevel = 1 | 2 | 3 | 4;

export function isAdminLevel(value: number): value is AdminLevel {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** Why a grant or share ended before its time. */
export type EndCause = 'revoked' | 'employment-ended' | 'access-removed' | 'deactivated' | 'deleted' | 'blocked';
/** The lifecycle causes of automatic endings (R-MEM-3…8). */
export type LifecycleCause = Exclude<EndCause, 'revoked'>;

/** Why an admin appointment ended before its time. */
export type AppointmentEndCause = 'dismissed' | 'superseded' | LifecycleCause;

/** What a grant gives: a service or a business role. */
export type GrantTarget = { service: string } | { role: BusinessRole };

/** Personal resources of R-SHR-1. */
export type SharedResource = 'address-book' | 'workspace';
export type ShareAction = 'read' | 'edit';
