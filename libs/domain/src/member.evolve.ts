import type { MemberEvent } from './member.events.js';
import type { Grant, MemberState, Share } from './member.state.js';
import { reminderKey } from './organization.state.js';
import { withEntry } from './records.js';
import type { GrantTarget } from './vocabulary.js';

/** Folds one member event into the state. Pure; never throws. */
export function evolveMember(state: MemberState, event: MemberEvent): MemberState {
  const d = event.data;
  const at = d.occurredAt;
  const base: MemberState = state.memberId ? state : { ...state, memberId: d.memberId, organizationId: d.organizationId };
  switch (event.type) {
    case 'GrantIssued': {
      const e = event.data;
      const target = (e.service !== undefined ? { service: e.service } : { role: e.role }) as GrantTarget;
      const grant: Grant = {
        grantId: e.grantId,
        target,
        package: e.package,
        employerCodes: e.employerCodes,
        validFrom: e.validFrom,
        validUntil: e.validUntil,
        issuedAt: at,
        issuedBy: d.by,
        extensions: [],
      };
      return { ...base, grants: withEntry(base.grants, grant.grantId, grant) };
    }
    case 'GrantExtended':
      return updateGrant(base, event.data.grantId, (g) => ({
        ...g,
        validUntil: event.data.validUntil,
        extensions: [...g.extensions, { at, by: d.by, validUntil: event.data.validUntil }],
      }));
    case 'GrantRevoked':
      return updateGrant(base, event.data.grantId, (g) => ({ ...g, revoked: { at, by: d.by, reason: event.data.reason, cause: event.data.cause } }));
    case 'GrantExpired':
      return updateGrant(base, event.data.grantId, (g) => ({ ...g, expiredAt: at }));
    case 'ReminderSent': {
      const { grantId, expiresAt, daysBefore } = event.data;
      return { ...base, reminders: withEntry(base.reminders, reminderKey('grant', grantId, expiresAt, daysBefore), at) };
    }
    case 'AccessShared': {
      const e = event.data;
      const share: Share = {
        shareId: e.shareId,
        resource: e.resource,
        holderMemberId: e.holderMemberId,
        actions: e.actions,
        grantable: e.grantable,
        authorize: e.authorize,
        via: e.via,
        parentShareId: e.parentShareId,
        sharedAt: at,
        sharedBy: d.by,
      };
      return { ...base, shares: withEntry(base.shares, share.shareId, share) };
    }
    case 'ShareRevoked': {
      const share = base.shares[event.data.shareId];
      if (!share || share.revoked) return base;
      const revoked = { at, by: d.by, reason: event.data.reason, cause: event.data.cause, cascadedFrom: event.data.cascadedFrom };
      return { ...base, shares: withEntry(base.shares, share.shareId, { ...share, revoked }) };
    }
    case 'WorkspaceSwitched':
      return base;
    case 'UserLoggedIn':
      return { ...base, lastLoginAt: at, loginCount: base.loginCount + 1 };
    case 'LoginDenied':
      return { ...base, lastDeniedAt: at };
    default:
      return state;
  }
}

function updateGrant(state: MemberState, grantId: string, change: (g: Grant) => Grant): MemberState {
  const grant = state.grants[grantId];
  return grant ? { ...state, grants: withEntry(state.grants, grantId, change(grant)) } : state;
}
