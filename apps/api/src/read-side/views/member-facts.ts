import {
  BUSINESS_ROLES,
  effectiveAccess,
  isBound,
  memberDenials,
  ms,
  type AuthorityEntry,
  type BusinessRole,
  type MemberRecord,
  type MemberState,
  type OrganizationState,
} from '@behorighet/domain';

const DAY_MS = 86_400_000;

/** Whole days until `until`, rounded up (a grant ending in 3 hours has 1 day left); 0 once passed. */
export function daysLeft(until: string, now: number): number {
  return Math.max(0, Math.ceil((ms(until) - now) / DAY_MS));
}

/** True when `instant` lies after `now` and at most `days` days after it. */
export function endsWithin(instant: string | undefined, now: number, days: number): boolean {
  return instant !== undefined && ms(instant) > now && ms(instant) <= now + days * DAY_MS;
}

export type MemberStatus = 'active' | 'invited' | 'left' | 'external-ended' | 'blocked' | 'deactivated' | 'deleted';

const STATUS_BY_REASON: Record<string, MemberStatus> = {
  MEMBER_DELETED: 'deleted',
  MEMBER_DEACTIVATED: 'deactivated',
  MEMBER_BLOCKED: 'blocked',
  EXTERNAL_END_PASSED: 'external-ended',
  EMPLOYMENT_ENDED: 'left',
};

/** The member's standing at `now`, from the domain's `memberDenials` (the most telling reason first). */
export function memberStatus(record: MemberRecord, now: number): MemberStatus {
  const [reason] = memberDenials(record, now);
  if (reason !== undefined) return STATUS_BY_REASON[reason] ?? 'deleted';
  return isBound(record, now) ? 'active' : 'invited';
}

/** The business roles the member may act in at `now` (the domain's `effectiveAccess`, so standing and validity count). */
export function businessRolesAt(organization: OrganizationState, member: MemberState | undefined, memberId: string, now: number): BusinessRole[] {
  if (!member) return [];
  return BUSINESS_ROLES.filter((role) => effectiveAccess({ organization, member, memberId }, { role }, undefined, now).allowed);
}

/** An authority as the queries show it: role, level, scope and how long it lasts. */
export interface AdminView {
  role: AuthorityEntry['role'];
  level?: AuthorityEntry['level'];
  /** The unit whose subtree it covers; absent = the whole organization. */
  scopeUnitId?: string;
  validUntil: string;
  daysLeft: number;
}

export function adminView(entry: AuthorityEntry | undefined, now: number): AdminView | undefined {
  if (!entry) return undefined;
  const scoped = entry.role === 'administrator' && entry.unitId !== undefined;
  return {
    role: entry.role,
    ...(entry.level === undefined ? {} : { level: entry.level }),
    ...(scoped ? { scopeUnitId: entry.unitId } : {}),
    validUntil: entry.validUntil,
    daysLeft: daysLeft(entry.validUntil, now),
  };
}

/** The role names a member holds: its authority (`administrator-L2` for levels) and its business roles. */
export function roleNames(admin: AdminView | undefined, business: readonly string[]): string[] {
  const authority = admin ? [admin.role === 'administrator' ? `administrator-L${admin.level ?? 4}` : admin.role] : [];
  return [...authority, ...business];
}
