import {
  authoritiesOf,
  inactiveMembers,
  isHeadless,
  isOpenGrant,
  unitInScope,
  warnings,
  type MemberRecord,
  type MemberState,
  type OrganizationState,
  type OrganizationWarning,
} from '@behorighet/domain';
import { adminView, businessRolesAt, daysLeft, endsWithin, memberStatus, roleNames, type AdminView, type MemberStatus } from './member-facts.js';

/** How near an end must be to flag it (R-TIME-2's first reminder). */
export const EXPIRING_SOON_DAYS = 30;
/** R-TIME-5's default inactivity period. */
export const INACTIVE_MONTHS = 18;

export type OverviewFlag = 'expiring-soon' | 'inactive' | 'leaver' | 'external-ending' | 'headless-organization';

export interface GrantView {
  grantId: string;
  service?: string;
  role?: string;
  package?: string;
  employerCodes?: string[];
  validFrom: string;
  validUntil: string;
  daysLeft: number;
}

export interface OverviewMember {
  memberId: string;
  name: string;
  email?: string;
  type: MemberRecord['type'];
  status: MemberStatus;
  unitId?: string;
  roles: string[];
  admin?: AdminView;
  grants: GrantView[];
  lastLoginAt?: string;
  endsAt?: string;
  flags: OverviewFlag[];
}

/** R-READ-1: the members the overview lists — those in the caller's scope; deleted members have left the list (R-MEM-5). */
export function overviewRecords(organization: OrganizationState, scope: { organization: OrganizationState; unitId: string | undefined }): MemberRecord[] {
  return Object.values(organization.members).filter((record) => !record.deleted && unitInScope(scope.organization, scope.unitId, record.unitId));
}

/**
 * R-READ-1: what an administrator needs to see of each of `records` (one page), computed with the domain's
 * evaluators at `now`. `members` holds at least these members' stream states.
 */
export function overviewMembers(
  organization: OrganizationState,
  members: Record<string, MemberState | undefined>,
  records: readonly MemberRecord[],
  now: Date,
): OverviewMember[] {
  const t = +now;
  const authorities = new Map(authoritiesOf(organization, t).map((entry) => [entry.memberId, entry]));
  const listed = new Set(records.map((r) => r.memberId));
  // `inactiveMembers` walks the whole roster; only the listed members' answers are used, and their states are in `members`.
  const inactive = new Set(inactiveMembers(organization, members, t, INACTIVE_MONTHS).filter((e) => e.kind === 'no-login' && listed.has(e.memberId)).map((e) => e.memberId));
  const headless = isHeadless(organization, t);
  return records.map((record) => {
    const member = members[record.memberId];
    const admin = adminView(authorities.get(record.memberId), t);
    const grants = Object.values(member?.grants ?? {})
      .filter((grant) => isOpenGrant(grant, t))
      .map((grant): GrantView => ({
        grantId: grant.grantId,
        ...grant.target,
        ...(grant.package === undefined ? {} : { package: grant.package }),
        ...(grant.employerCodes === undefined ? {} : { employerCodes: grant.employerCodes }),
        validFrom: grant.validFrom,
        validUntil: grant.validUntil,
        daysLeft: daysLeft(grant.validUntil, t),
      }))
      .sort((a, b) => a.validUntil.localeCompare(b.validUntil) || a.grantId.localeCompare(b.grantId));
    const flags: OverviewFlag[] = [];
    if (grants.some((g) => endsWithin(g.validUntil, t, EXPIRING_SOON_DAYS)) || endsWithin(admin?.validUntil, t, EXPIRING_SOON_DAYS)) flags.push('expiring-soon');
    if (inactive.has(record.memberId)) flags.push('inactive');
    if (record.employmentEnd) flags.push('leaver');
    if (endsWithin(record.endsAt, t, EXPIRING_SOON_DAYS)) flags.push('external-ending');
    if (headless) flags.push('headless-organization');
    return {
      memberId: record.memberId,
      name: record.name,
      ...(record.email === undefined ? {} : { email: record.email }),
      type: record.type,
      status: memberStatus(record, t),
      ...(record.unitId === undefined ? {} : { unitId: record.unitId }),
      roles: roleNames(admin, businessRolesAt(organization, member, record.memberId, t)),
      ...(admin ? { admin } : {}),
      grants,
      ...(member?.lastLoginAt === undefined ? {} : { lastLoginAt: member.lastLoginAt }),
      ...(record.endsAt === undefined ? {} : { endsAt: record.endsAt }),
      flags,
    };
  });
}

/** R-ORG-3: the organization-level warnings (zero or more than two main responsibles, terminated agreement). */
export function overviewWarnings(organization: OrganizationState, now: Date): OrganizationWarning[] {
  return organization.status === 'registered' ? warnings(organization, now) : [];
}
