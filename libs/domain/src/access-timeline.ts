import type { By } from './event.js';
import type { OrganizationReason } from './headless.js';
import type { Grant } from './member.state.js';
import type { MemberReason } from './member-status.js';
import type { MemberRecord, OrganizationState } from './organization.state.js';
import { ms } from './time.js';
import { hasSystemAccessType } from './vocabulary.js';

/*
 * Numeric views of the state for evaluating access at many instants: every ISO instant parsed once.
 * An absent instant is NaN, so `x <= at` is false exactly where `reached(undefined, at)` is; an absent
 * end of a validity is Infinity (`within` treats it as open). The predicates mirror member-status.ts,
 * headless.ts and access.ts one for one; properties compare them with those (access-intervals.spec.ts).
 */

const at = (instant: string | undefined): number => (instant === undefined ? NaN : ms(instant));

/** A member record's instants, parsed. */
export interface MemberView {
  record: MemberRecord;
  registeredAt: number;
  /** NaN when no subject is bound (isBound is false at every instant). */
  boundAt: number;
  endsAt: number;
  employmentEndAt: number;
  accessRemovedAt: number;
  deactivatedAt: number;
  deletedAt: number;
  blockedAt: number;
  typeFrom: number[];
  /** Whether the type in force from `typeFrom[i]` has system access. */
  typeAccess: boolean[];
  /** The same before the first `typeFrom` (typeAt's fallback). */
  initialAccess: boolean;
}

export function memberView(record: MemberRecord): MemberView {
  const history = record.typeHistory;
  return {
    record,
    registeredAt: ms(record.registeredAt),
    boundAt: record.subject === undefined ? NaN : at(record.boundAt),
    endsAt: at(record.endsAt),
    employmentEndAt: at(record.employmentEnd?.effectiveAt),
    accessRemovedAt: at(record.accessRemoved?.at),
    deactivatedAt: at(record.deactivated?.at),
    deletedAt: at(record.deleted?.at),
    blockedAt: at(record.blocked?.at),
    typeFrom: history.map((entry) => ms(entry.from)),
    typeAccess: history.map((entry) => hasSystemAccessType(entry.type)),
    initialAccess: hasSystemAccessType(history[0]?.type ?? record.type),
  };
}

/** Every instant of the record (the inputs of its standing), NaN for absent ones. */
export function memberViewInstants(view: MemberView): number[] {
  const { registeredAt, boundAt, endsAt, employmentEndAt, accessRemovedAt, deactivatedAt, deletedAt, blockedAt } = view;
  return [registeredAt, boundAt, endsAt, employmentEndAt, accessRemovedAt, deactivatedAt, deletedAt, blockedAt, ...view.typeFrom];
}

/** memberDenials(record, t) is empty. */
export function activeAt(m: MemberView, t: number): boolean {
  return !(m.registeredAt > t) && !(m.deletedAt <= t) && !(m.deactivatedAt <= t) && !(m.blockedAt <= t) && !(m.endsAt <= t) && !(m.employmentEndAt <= t);
}

/** hasSystemAccessType(typeAt(record, t)). */
export function systemAccessTypeAt(m: MemberView, t: number): boolean {
  let access = m.initialAccess;
  for (let i = 0; i < m.typeFrom.length; i += 1) if (m.typeFrom[i]! <= t) access = m.typeAccess[i]!;
  return access;
}

/** effectiveAccess's member reasons at `t`, in its order (standing, invitation, access removed or no system access). */
export function memberReasonsAt(m: MemberView | undefined, t: number): string[] {
  if (!m || m.registeredAt > t) return ['NOT_A_MEMBER' satisfies MemberReason];
  const reasons: string[] = [];
  if (m.deletedAt <= t) reasons.push('MEMBER_DELETED');
  if (m.deactivatedAt <= t) reasons.push('MEMBER_DEACTIVATED');
  if (m.blockedAt <= t) reasons.push('MEMBER_BLOCKED');
  if (m.endsAt <= t) reasons.push('EXTERNAL_END_PASSED');
  if (m.employmentEndAt <= t) reasons.push('EMPLOYMENT_ENDED');
  if (!(m.registeredAt <= t)) return reasons;
  if (!(m.boundAt <= t)) reasons.push('INVITATION_NOT_ACCEPTED');
  if (m.accessRemovedAt <= t) reasons.push('ACCESS_REMOVED');
  else if (!(m.deactivatedAt <= t) && !systemAccessTypeAt(m, t)) reasons.push('NO_SYSTEM_ACCESS');
  return reasons;
}

/** memberReasonsAt(m, t) is empty, without building it. */
export function memberClearAt(m: MemberView | undefined, t: number): boolean {
  if (m === undefined || !activeAt(m, t)) return false;
  return !(m.registeredAt <= t) || (m.boundAt <= t && !(m.accessRemovedAt <= t) && systemAccessTypeAt(m, t));
}

/** A grant's instants, parsed. */
export interface GrantView {
  grant: Grant;
  issuedAt: number;
  validFrom: number;
  validUntil: number;
  revokedAt: number;
  expiredAt: number;
}

export function grantView(grant: Grant): GrantView {
  return { grant, issuedAt: ms(grant.issuedAt), validFrom: ms(grant.validFrom), validUntil: ms(grant.validUntil), revokedAt: at(grant.revoked?.at), expiredAt: at(grant.expiredAt) };
}

/** grantValidAt(grant, t). */
export function grantInForce(g: GrantView, t: number): boolean {
  return g.issuedAt <= t && g.validFrom <= t && t < g.validUntil && !(g.revokedAt <= t) && !(g.expiredAt <= t);
}

/**
 * organizationDenials as a step function of time: `reasons[i]` holds from `starts[i]` until the next start,
 * `before` ahead of the first. Consecutive steps with the same reasons are merged, so a start is an instant
 * where the organization's standing really changes. Built once per organization state and shared by every
 * member's `accessIntervals` (pass it as the `timeline` option).
 */
export interface OrganizationTimeline {
  organization: OrganizationState;
  before: readonly OrganizationReason[];
  starts: number[];
  reasons: Array<readonly OrganizationReason[]>;
  /** Agreement ends (ms) and who terminated, in agreement order. */
  agreementEnds: Array<{ until: number; terminatedBy: By | undefined }>;
}

export function organizationTimeline(org: OrganizationState): OrganizationTimeline {
  const heads = org.appointments
    .filter((a) => a.role === 'main-responsible')
    .map((a) => {
      const record = org.members[a.memberId];
      return { validFrom: ms(a.validFrom), validUntil: a.validUntil === undefined ? Infinity : ms(a.validUntil), endedAt: at(a.ended?.at), member: record && memberView(record) };
    });
  const agreement = org.agreement.map((p) => ({ from: ms(p.from), until: p.until === undefined ? Infinity : ms(p.until) }));
  const registered = org.status === 'registered';
  const registeredAt = ms(org.registeredAt);
  const reasonsAt = (t: number): OrganizationReason[] => {
    if (!registered || registeredAt > t) return ['ORGANIZATION_UNKNOWN'];
    const reasons: OrganizationReason[] = [];
    if (!agreement.some((p) => p.from <= t && t < p.until)) reasons.push('AGREEMENT_TERMINATED');
    const headed = heads.some((h) => h.validFrom <= t && t < h.validUntil && !(h.endedAt <= t) && h.member !== undefined && activeAt(h.member, t) && !(h.member.accessRemovedAt <= t));
    if (!headed) reasons.push('ORGANIZATION_HEADLESS');
    return reasons;
  };
  const instants: number[] = [registeredAt];
  for (const p of agreement) instants.push(p.from, p.until);
  for (const h of heads) {
    instants.push(h.validFrom, h.validUntil, h.endedAt);
    if (h.member) instants.push(...memberViewInstants(h.member));
  }
  const before = reasonsAt(-Infinity);
  const starts: number[] = [];
  const reasons: OrganizationReason[][] = [];
  let previous: readonly OrganizationReason[] = before;
  for (const t of sortedInstants(instants)) {
    const current = reasonsAt(t);
    if (sameReasons(current, previous)) continue;
    starts.push(t);
    reasons.push(current);
    previous = current;
  }
  const agreementEnds = org.agreement.flatMap((p) => (p.until === undefined ? [] : [{ until: ms(p.until), terminatedBy: p.terminatedBy }]));
  return { organization: org, before, starts, reasons, agreementEnds };
}

/** The finite instants among `values`, sorted ascending, each once. */
export function sortedInstants(values: number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  const result: number[] = [];
  for (const v of sorted) if (Number.isFinite(v) && v !== result[result.length - 1]) result.push(v);
  return result;
}

function sameReasons(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}
