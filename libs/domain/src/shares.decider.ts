import { loginEligibility } from './access.js';
import { canEditMembers, unitInScope } from './authority.js';
import { DomainError, ensure } from './errors.js';
import { byOf, compact, meta, type By } from './event.js';
import { actorPowers, requireActive, requireMember, requireSystemAccess } from './guards.js';
import type { MemberCommandOf, MemberContext } from './member.commands.js';
import type { MemberEvent } from './member.events.js';
import type { MemberState, Share } from './member.state.js';
import type { OrganizationState } from './organization.state.js';
import { cascadeOf, heldShares, mayPassOn, type ShareRights } from './share-rights.js';
import type { EndCause, ShareAction } from './vocabulary.js';

type ShareCommand = MemberCommandOf<'ShareAccess' | 'RevokeShare' | 'SwitchWorkspace'>;

const ACTIONS: readonly ShareAction[] = ['read', 'edit'];

/** Sharing personal resources: R-SHR-1…5 (the stream is the owner's). */
export function decideShares(command: ShareCommand, state: MemberState, context: MemberContext): MemberEvent[] {
  const org = context.organization;
  const now = +context.now;
  const powers = actorPowers(org, context);
  const owner = requireMember(org, command.memberId);
  switch (command.type) {
    case 'ShareAccess': {
      requireActive(owner, now);
      const requested = validRights(command);
      ensure(command.holderMemberId !== owner.memberId, 'INVALID_SHARE_RIGHTS', 'the owner already holds every right');
      ensure(command.holderMemberId !== powers.memberId, 'SELF_GRANT_FORBIDDEN', 'nobody shares with themselves');
      ensure(!state.shares[command.shareId], 'ALREADY_EXISTS', 'the share id is taken');
      requireSystemAccess(requireMember(org, command.holderMemberId), now);
      let via: 'owner' | 'share' | 'administrator';
      let parent: Share | undefined;
      if (powers.memberId === owner.memberId) via = 'owner';
      else {
        const held = heldShares(state.shares, powers.memberId, command.resource, now);
        parent = held.find((s) => mayPassOn(s, requested));
        if (parent) via = 'share';
        else if (isWorkspaceAdministrator(org, powers, owner.unitId, command.resource)) via = 'administrator';
        else if (held.length > 0) throw new DomainError('SHARE_RIGHTS_EXCEEDED', 'a holder passes on only what it was made able to pass on');
        else throw new DomainError('NOT_AUTHORIZED', 'only the owner shares its resources (R-SHR-1)');
      }
      const by = byOf(context.actor, powers.memberId);
      const data = compact({
        organizationId: org.organizationId,
        memberId: owner.memberId,
        shareId: command.shareId,
        resource: command.resource,
        holderMemberId: command.holderMemberId,
        ...requested,
        via,
        parentShareId: parent?.shareId,
      });
      return [{ type: 'AccessShared', data: { ...data, ...meta(by, now) } }];
    }
    case 'RevokeShare': {
      const share = state.shares[command.shareId];
      ensure(share, 'SHARE_NOT_FOUND', 'no such share');
      ensure(!share.revoked, 'SHARE_NOT_FOUND', 'the share was already revoked');
      const mayRevoke =
        powers.memberId === owner.memberId ||
        powers.memberId === share.sharedBy.memberId ||
        isWorkspaceAdministrator(org, powers, owner.unitId, share.resource);
      ensure(mayRevoke, 'NOT_AUTHORIZED', 'only the owner, the sharer or an L1–L2 administrator revokes a share');
      return revokeCascade(state, share, 'revoked', byOf(context.actor, powers.memberId), now, command.reason);
    }
    case 'SwitchWorkspace': {
      const held = heldShares(state.shares, powers.memberId, 'workspace', now).find((s) => s.actions.includes('read'));
      ensure(held, 'NOT_AUTHORIZED', 'no workspace access to switch into');
      const actorMember = context.actorMember;
      if (!actorMember) throw new Error('SwitchWorkspace needs context.actorMember');
      const login = loginEligibility({ organization: org, member: actorMember, memberId: powers.memberId }, now);
      ensure(login.allowed && !login.profileOnly, 'NOT_AUTHORIZED', 'the holder may not use the system', { reasons: login.reasons });
      const data = { organizationId: org.organizationId, memberId: owner.memberId, shareId: held.shareId, resource: held.resource, holderMemberId: powers.memberId };
      return [{ type: 'WorkspaceSwitched', data: { ...data, ...meta(byOf(context.actor, powers.memberId), now) } }];
    }
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled share command ${JSON.stringify(unhandled)}`);
    }
  }
}

/** R-SHR-3: L1–L2 administrators (and main responsibles and delegates) act on workspaces of members in their scope. */
function isWorkspaceAdministrator(org: OrganizationState, powers: ReturnType<typeof actorPowers>, ownerUnitId: string | undefined, resource: string): boolean {
  if (resource !== 'workspace' || !canEditMembers(powers)) return false;
  return (powers.role !== 'administrator' || (powers.level ?? 4) <= 2) && unitInScope(org, powers.scopeUnitId, ownerUnitId);
}

function validRights(command: MemberCommandOf<'ShareAccess'>): ShareRights {
  const actions = [...new Set(command.actions)].sort();
  const grantable = [...new Set(command.grantable ?? [])].sort();
  const known = [...actions, ...grantable].every((a) => ACTIONS.includes(a));
  ensure(known && actions.length > 0, 'INVALID_SHARE_RIGHTS', 'actions are read and/or edit, at least one');
  ensure(grantable.every((a) => actions.includes(a)), 'INVALID_SHARE_RIGHTS', 'grantable rights must be among the actions');
  return { actions, grantable, authorize: command.authorize ?? false };
}

/** Revokes `root` and, in the same decision, everything passed on from it (R-SHR-5). */
export function revokeCascade(state: MemberState, root: Share, cause: EndCause, by: By, at: number | string, reason?: string): MemberEvent[] {
  const instant = typeof at === 'string' ? Date.parse(at) : at;
  return cascadeOf(state.shares, root.shareId, instant).map((share) => ({
    type: 'ShareRevoked' as const,
    data: {
      ...compact({
        organizationId: state.organizationId,
        memberId: state.memberId,
        shareId: share.shareId,
        resource: share.resource,
        holderMemberId: share.holderMemberId,
        cause,
        cascadedFrom: share.shareId === root.shareId ? undefined : root.shareId,
        reason,
      }),
      ...meta(by, at),
    },
  }));
}
