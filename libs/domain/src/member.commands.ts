import type { CatalogState } from './catalog.decider.js';
import type { DecisionContext } from './event.js';
import type { MemberState } from './member.state.js';
import type { OrganizationState } from './organization.state.js';
import type { BusinessRole, LifecycleCause, ShareAction, SharedResource } from './vocabulary.js';

/** Commands on a `member-<uuid>` stream; `memberId` is the stream's member (the grantee, or the owner of shared resources). */
export type MemberCommand =
  // R-GRT-1/2, R-TIME-1…4 (grants.decider.ts)
  | {
      type: 'IssueGrant';
      memberId: string;
      /** One new id per grant issued: one for a service or role, one per service of a package (in the package's order). */
      grantIds: string[];
      target: { service: string } | { package: string } | { role: BusinessRole };
      employerCodes?: string[];
      validFrom?: string;
      validUntil?: string;
    }
  | { type: 'ExtendGrant'; memberId: string; grantId: string; validUntil: string }
  | { type: 'RevokeGrant'; memberId: string; grantId: string; reason?: string }
  /** Job: the grant reached its validUntil (R-TIME-4). */
  | { type: 'ExpireGrant'; memberId: string; grantId: string }
  /** Job: R-TIME-2 reminder before a grant's end. */
  | { type: 'SendGrantReminder'; memberId: string; grantId: string; daysBefore: number }
  /** The automatic endings of a lifecycle fact recorded on the organization (R-MEM-3…8): all grants, and shares of own resources. */
  | { type: 'EndMemberAccess'; memberId: string; cause: LifecycleCause }
  // R-SHR-1…5 (shares.decider.ts)
  | {
      type: 'ShareAccess';
      memberId: string;
      shareId: string;
      resource: SharedResource;
      holderMemberId: string;
      actions: ShareAction[];
      grantable?: ShareAction[];
      authorize?: boolean;
    }
  | { type: 'RevokeShare'; memberId: string; shareId: string; reason?: string }
  /** The automatic endings of shares held by a member who left (R-MEM-6), on each owner's stream. */
  | { type: 'RevokeHeldShares'; memberId: string; holderMemberId: string; cause: LifecycleCause }
  /** R-SHR-4: the caller (a holder) switches into the owner's workspace. */
  | { type: 'SwitchWorkspace'; memberId: string }
  // R-LOG-1, R-TIME-5 (member.decider.ts)
  | { type: 'RecordLogin'; memberId: string };

export type MemberCommandType = MemberCommand['type'];
export type MemberCommandOf<T extends MemberCommandType> = Extract<MemberCommand, { type: T }>;

/** What decideMember needs besides the member stream; the caller loads it. */
export interface MemberContext extends DecisionContext {
  /** The member's organization (authority, the member's standing). Always needed. */
  organization: OrganizationState;
  /** IssueGrant: services and packages. */
  catalog?: CatalogState;
  /** SwitchWorkspace: the caller's own member state (its login eligibility). */
  actorMember?: MemberState;
}
