import { effectiveAccess } from './access.js';
import { appointmentValidAt, mainResponsiblesAt } from './headless.js';
import { isActiveMember, isBound } from './member-status.js';
import type { MemberState } from './member.state.js';
import type { OrganizationState } from './organization.state.js';
import { addMonths, ms } from './time.js';
import type { AdminLevel, AuthorityRole } from './vocabulary.js';

/** Pure answers that read models and jobs derive from state; they agree with the deciders because they share the rules. */

export interface AuthorityEntry {
  memberId: string;
  name: string;
  role: AuthorityRole;
  level?: AdminLevel;
  unitId?: string;
  validUntil: string;
}

/** R-ADM-4: the organization's main responsibles, delegates and administrators in force at `at` (any member may see them). */
export function authoritiesOf(org: OrganizationState, at: Date | number): AuthorityEntry[] {
  const t = +at;
  const order: Record<AuthorityRole, number> = { 'main-responsible': 0, delegate: 1, administrator: 2 };
  const mainResponsibles = new Set(mainResponsiblesAt(org, t).map((a) => a.memberId));
  return org.appointments
    .filter((a) => appointmentValidAt(a, t) && isActiveMember(org.members[a.memberId], t))
    .filter((a) => a.role !== 'main-responsible' || mainResponsibles.has(a.memberId))
    .map((a) => ({ memberId: a.memberId, name: org.members[a.memberId]!.name, role: a.role, level: a.level, unitId: a.unitId, validUntil: a.validUntil }))
    .sort((x, y) => order[x.role] - order[y.role] || (x.level ?? 0) - (y.level ?? 0) || x.name.localeCompare(y.name));
}

export interface InactivityEntry {
  memberId: string;
  /** `no-login`: bound but not logged in for N months (or never); `invitation-not-accepted`: never accepted. */
  kind: 'no-login' | 'invitation-not-accepted';
  lastLoginAt?: string;
  invitedAt?: string;
}

/**
 * R-TIME-5: active members with no login for `months` months (default 18, seed 001), and invitations never accepted.
 * A member never logged in counts from its binding (registration or acceptance).
 */
export function inactiveMembers(org: OrganizationState, members: Record<string, MemberState | undefined>, now: Date | number, months = 18): InactivityEntry[] {
  const t = +now;
  const cutoff = addMonths(t, -months);
  const result: InactivityEntry[] = [];
  for (const m of Object.values(org.members)) {
    if (!isActiveMember(m, t)) continue;
    if (m.invitation && !m.invitation.acceptedAt) {
      result.push({ memberId: m.memberId, kind: 'invitation-not-accepted', invitedAt: m.invitation.invitedAt });
      continue;
    }
    if (!isBound(m, t) || m.type === 'person-only') continue;
    const lastLoginAt = members[m.memberId]?.lastLoginAt;
    const since = lastLoginAt ?? m.boundAt!;
    if (ms(since) <= cutoff) result.push({ memberId: m.memberId, kind: 'no-login', ...(lastLoginAt ? { lastLoginAt } : {}) });
  }
  return result;
}

/** R-ORD-5: who receives notice of agreement changes: members holding the `contact-person` role at `at`. */
export function agreementNoticeRecipients(org: OrganizationState, members: Record<string, MemberState | undefined>, at: Date | number): string[] {
  return Object.keys(org.members)
    .filter((memberId) => {
      const member = members[memberId];
      return member !== undefined && effectiveAccess({ organization: org, member, memberId }, { role: 'contact-person' }, undefined, at).allowed;
    })
    .sort();
}
