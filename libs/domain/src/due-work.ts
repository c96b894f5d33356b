import { openAppointment } from './authority.js';
import { isOpenGrant } from './grants.decider.js';
import type { MemberCommand } from './member.commands.js';
import type { MemberState } from './member.state.js';
import type { OrderCommand } from './order.commands.js';
import type { OrderState } from './order.state.js';
import type { OrganizationCommand } from './organization.commands.js';
import { reminderKey, type MemberRecord, type OrganizationState } from './organization.state.js';
import { shareActiveAt } from './share-rights.js';
import { addDays, DEFAULT_REMINDER_DAYS, ms } from './time.js';
import type { LifecycleCause } from './vocabulary.js';

/** A command a scheduled job should run now (as `{ system: … }`), with the stream it targets. */
export type DueWork =
  | { stream: 'organization'; organizationId: string; command: OrganizationCommand }
  | { stream: 'member'; memberId: string; command: MemberCommand }
  | { stream: 'order'; orderId: string; command: OrderCommand };

/**
 * Everything due in one organization at `now`: expiries (R-TIME-1/4), blocks (R-MEM-8), automatic endings
 * (R-MEM-3…6), reminders (R-TIME-2: per item only the closest window, each once). Running the commands and
 * asking again yields nothing new (they are idempotent). `members` are the member streams' states by memberId.
 */
export function dueWork(
  org: OrganizationState,
  members: Record<string, MemberState | undefined>,
  now: Date | number,
  reminderDays: readonly number[] = DEFAULT_REMINDER_DAYS,
): DueWork[] {
  const t = +now;
  const work: DueWork[] = [];
  const onOrg = (command: OrganizationCommand) => work.push({ stream: 'organization', organizationId: org.organizationId, command });
  const onMember = (memberId: string, command: MemberCommand) => work.push({ stream: 'member', memberId, command });

  for (const a of org.appointments) {
    if (a.ended) continue;
    // An employment end or external end before the appointment's end dismisses it at that instant instead (below).
    const cause = lifecycleCause(org.members[a.memberId], t);
    const endedEarlier = cause !== undefined && ms(cause.at) < ms(a.validUntil);
    if (ms(a.validUntil) <= t && !endedEarlier) onOrg({ type: 'ExpireAppointment', memberId: a.memberId });
    else {
      const days = reminderDue(org.reminders, 'appointment', a.memberId, a.validUntil, t, reminderDays);
      if (days !== undefined && !lifecycleCause(org.members[a.memberId], t)) onOrg({ type: 'SendOrganizationReminder', memberId: a.memberId, about: 'appointment', daysBefore: days });
    }
  }
  for (const m of Object.values(org.members)) {
    if (m.endsAt && !m.blocked && !m.deleted && ms(m.endsAt) <= t) onOrg({ type: 'BlockExternalMember', memberId: m.memberId });
    if (m.endsAt && ms(m.endsAt) > t && !lifecycleCause(m, t)) {
      const days = reminderDue(org.reminders, 'external-end', m.memberId, m.endsAt, t, reminderDays);
      if (days !== undefined) onOrg({ type: 'SendOrganizationReminder', memberId: m.memberId, about: 'external-end', daysBefore: days });
    }
    const effectiveAt = m.employmentEnd?.effectiveAt;
    if (effectiveAt && ms(effectiveAt) <= t && openAppointment(org, m.memberId, ms(effectiveAt))) onOrg({ type: 'ApplyEmploymentEnd', memberId: m.memberId });

    const state = members[m.memberId];
    if (!state) continue;
    const cause = lifecycleCause(m, t);
    if (cause) {
      const at = ms(cause.at);
      const grantsLeft = Object.values(state.grants).some((g) => isOpenGrant(g, at));
      const sharesLeft = cause.cause !== 'access-removed' && Object.values(state.shares).some((s) => shareActiveAt(s, at));
      if (grantsLeft || sharesLeft) onMember(m.memberId, { type: 'EndMemberAccess', memberId: m.memberId, cause: cause.cause });
    }
    for (const g of Object.values(state.grants)) {
      if (g.revoked || g.expiredAt) continue;
      if (ms(g.validUntil) <= t) onMember(m.memberId, { type: 'ExpireGrant', memberId: m.memberId, grantId: g.grantId });
      else if (!cause) {
        const days = reminderDue(state.reminders, 'grant', g.grantId, g.validUntil, t, reminderDays);
        if (days !== undefined) onMember(m.memberId, { type: 'SendGrantReminder', memberId: m.memberId, grantId: g.grantId, daysBefore: days });
      }
    }
    const holders = new Set(Object.values(state.shares).filter((s) => shareActiveAt(s, t)).map((s) => s.holderMemberId));
    for (const holderMemberId of holders) {
      const held = lifecycleCause(org.members[holderMemberId], t);
      if (held && held.cause !== 'access-removed') onMember(m.memberId, { type: 'RevokeHeldShares', memberId: m.memberId, holderMemberId, cause: held.cause });
    }
  }
  return work;
}

/** R-ORD-3: the order's lapse, when due. */
export function dueOrderWork(order: OrderState, now: Date | number): DueWork[] {
  return order.status === 'placed' && ms(order.lapsesAt) <= +now ? [{ stream: 'order', orderId: order.orderId, command: { type: 'LapseOrder', orderId: order.orderId } }] : [];
}

/** The earliest lifecycle fact in effect at `now` that ends a member's access, if any. */
export function lifecycleCause(m: MemberRecord | undefined, now: number): { cause: LifecycleCause; at: string } | undefined {
  if (!m) return undefined;
  const candidates: Array<{ cause: LifecycleCause; at: string | undefined }> = [
    { cause: 'employment-ended', at: m.employmentEnd?.effectiveAt },
    { cause: 'deactivated', at: m.deactivated?.at },
    { cause: 'deleted', at: m.deleted?.at },
    { cause: 'blocked', at: m.blocked?.at ?? m.endsAt },
    { cause: 'access-removed', at: m.accessRemoved?.at },
  ];
  const inEffect = candidates.filter((c): c is { cause: LifecycleCause; at: string } => c.at !== undefined && ms(c.at) <= now);
  return inEffect.sort((a, b) => ms(a.at) - ms(b.at))[0];
}

/** The reminder (days before) due now for something ending at `expiresAt`: the closest window reached, if not yet sent. */
function reminderDue(sent: Record<string, string>, about: string, id: string, expiresAt: string, now: number, reminderDays: readonly number[]): number | undefined {
  const reached = [...reminderDays].sort((a, b) => a - b).find((d) => now >= addDays(ms(expiresAt), -d));
  if (reached === undefined || sent[reminderKey(about, id, expiresAt, reached)]) return undefined;
  return reached;
}
