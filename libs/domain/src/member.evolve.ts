import { copying, inPlace, type Edit } from './edit.js';
import type { MemberEvent } from './member.events.js';
import type { Grant, MemberState, Share } from './member.state.js';
import { reminderKey } from './organization.state.js';
import type { GrantTarget } from './vocabulary.js';

/** Folds one member event into the state. Pure; never throws. */
export function evolveMember(state: MemberState, event: MemberEvent): MemberState {
  return foldMember(copying, state, event);
}

/**
 * Folds one member event into the state by mutating it: the same fold as `evolveMember`, allocating only what the
 * new facts need. Only for states the caller owns, parts included: built from `initialMember()` by this fold alone,
 * or freshly deserialized; never a state `evolveMember` made (those share their parts with earlier states). Records
 * that are not yet dictionaries are replaced by dictionaries on their first new entry.
 */
export function foldMemberInto(state: MemberState, event: MemberEvent): void {
  foldMember(inPlace, state, event);
}

function foldMember(edit: Edit, state: MemberState, event: MemberEvent): MemberState {
  const d = event.data;
  const at = d.occurredAt;
  switch (event.type) {
    // Logins first: about half of all member events, and a string switch tests its cases in order.
    case 'UserLoggedIn': {
      const base = identified(edit, state, event);
      return edit.set(base, { lastLoginAt: at, loginCount: base.loginCount + 1 });
    }
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
      const base = identified(edit, state, event);
      return edit.set(base, { grants: edit.put(base.grants, grant.grantId, grant) });
    }
    case 'GrantExtended':
      return updateGrant(edit, identified(edit, state, event), event.data.grantId, (g) => ({
        validUntil: event.data.validUntil,
        extensions: edit.push(g.extensions, { at, by: d.by, validUntil: event.data.validUntil }),
      }));
    case 'GrantRevoked':
      return updateGrant(edit, identified(edit, state, event), event.data.grantId, () => ({
        revoked: { at, by: d.by, reason: event.data.reason, cause: event.data.cause },
      }));
    case 'GrantExpired':
      return updateGrant(edit, identified(edit, state, event), event.data.grantId, () => ({ expiredAt: at }));
    case 'ReminderSent': {
      const { grantId, expiresAt, daysBefore } = event.data;
      const base = identified(edit, state, event);
      return edit.set(base, { reminders: edit.put(base.reminders, reminderKey('grant', grantId, expiresAt, daysBefore), at) });
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
      const base = identified(edit, state, event);
      return edit.set(base, { shares: edit.put(base.shares, share.shareId, share) });
    }
    case 'ShareRevoked': {
      const base = identified(edit, state, event);
      const share = base.shares[event.data.shareId];
      if (!share || share.revoked) return base;
      const revoked = { at, by: d.by, reason: event.data.reason, cause: event.data.cause, cascadedFrom: event.data.cascadedFrom };
      return edit.set(base, { shares: edit.putChanged(base.shares, share.shareId, edit.set(share, { revoked })) });
    }
    case 'WorkspaceSwitched':
      return identified(edit, state, event);
    case 'LoginDenied':
      return edit.set(identified(edit, state, event), { lastDeniedAt: at });
    default:
      return state;
  }
}

/** The state named after the stream's member and organization, which the first event (of a known type) sets. */
function identified(edit: Edit, state: MemberState, event: MemberEvent): MemberState {
  return state.memberId ? state : edit.set(state, { memberId: event.data.memberId, organizationId: event.data.organizationId });
}

function updateGrant(edit: Edit, state: MemberState, grantId: string, change: (g: Grant) => Partial<Grant>): MemberState {
  const grant = state.grants[grantId];
  return grant ? edit.set(state, { grants: edit.putChanged(state.grants, grantId, edit.set(grant, change(grant))) }) : state;
}
