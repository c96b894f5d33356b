import type { Share } from './member.state.js';
import { ms, reached } from './time.js';
import type { ShareAction, SharedResource } from './vocabulary.js';

/** Rights over a personal resource (R-SHR-2): what one may do, what one may pass on, and whether one may let others pass on. */
export interface ShareRights {
  actions: ShareAction[];
  grantable: ShareAction[];
  authorize: boolean;
}

/** What the owner (and an L1–L2 administrator for a workspace, R-SHR-3) may give. */
export const FULL_RIGHTS: ShareRights = { actions: ['read', 'edit'], grantable: ['read', 'edit'], authorize: true };

/**
 * What a holder of `held` may pass on: actions within its grantable rights; grantable rights only with
 * `authorize` and within its own grantable; `authorize` only with `authorize`.
 */
export function mayPassOn(held: ShareRights, requested: ShareRights): boolean {
  const within = (wanted: ShareAction[], allowed: ShareAction[]) => wanted.every((a) => allowed.includes(a));
  if (!within(requested.actions, held.grantable)) return false;
  if (requested.grantable.length > 0 && !(held.authorize && within(requested.grantable, held.grantable))) return false;
  return !requested.authorize || held.authorize;
}

/** True when the share is in force at `at`. */
export function shareActiveAt(share: Share, at: number): boolean {
  return ms(share.sharedAt) <= at && !reached(share.revoked?.at, at);
}

/** The shares in force at `at` that `holderMemberId` holds on the owner's resource. */
export function heldShares(shares: Record<string, Share>, holderMemberId: string, resource: SharedResource, at: number): Share[] {
  return Object.values(shares).filter((s) => s.holderMemberId === holderMemberId && s.resource === resource && shareActiveAt(s, at));
}

/** The union of a holder's rights on the owner's resource at `at` (R-SHR-1: none unless shared). */
export function sharedRights(shares: Record<string, Share>, holderMemberId: string, resource: SharedResource, at: Date | number): ShareRights {
  const held = heldShares(shares, holderMemberId, resource, +at);
  const union = (pick: (s: Share) => ShareAction[]) => [...new Set(held.flatMap(pick))].sort() as ShareAction[];
  return { actions: union((s) => s.actions), grantable: union((s) => s.grantable), authorize: held.some((s) => s.authorize) };
}

/** The share and every share passed on from it, transitively, still active at `at` (R-SHR-5). */
export function cascadeOf(shares: Record<string, Share>, rootId: string, at: number): Share[] {
  const result: Share[] = [];
  const queue = [rootId];
  const seen = new Set<string>();
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const share = shares[id];
    if (share && shareActiveAt(share, at)) result.push(share);
    for (const child of Object.values(shares)) if (child.parentShareId === id) queue.push(child.shareId);
  }
  return result;
}
