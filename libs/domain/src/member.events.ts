import type { Event } from './event.js';
import type { BusinessRole, EndCause, LifecycleCause, ShareAction, SharedResource } from './vocabulary.js';

type OfMember = { organizationId: string; memberId: string };
/** What a grant gives: exactly one of `service` and `role`. */
type Target = { service?: string; role?: BusinessRole };
type OfGrant = OfMember & Target & { grantId: string };
type OfShare = OfMember & { shareId: string; resource: SharedResource; holderMemberId: string };

/** Events of the `member-<uuid>` stream: the member's grants, shares of its own resources, logins and reminders. */
export type MemberEvent =
  /** One per service (a package issues one per service in it, R-GRT-1). */
  | Event<'GrantIssued', OfGrant & { package?: string; employerCodes?: string[]; validFrom: string; validUntil: string }>
  | Event<'GrantExtended', OfGrant & { previousValidUntil: string; validUntil: string }>
  | Event<'GrantRevoked', OfGrant & { cause: EndCause; reason?: string }>
  /** R-TIME-4: occurredAt is the grant's validUntil. */
  | Event<'GrantExpired', OfGrant & { validUntil: string }>
  | Event<'ReminderSent', OfGrant & { about: 'grant'; daysBefore: number; expiresAt: string }>
  | Event<
      'AccessShared',
      OfShare & {
        actions: ShareAction[];
        grantable: ShareAction[];
        authorize: boolean;
        /** How the sharer could share: as owner, through its own share (`parentShareId`), or as L1–L2 administrator. */
        via: 'owner' | 'share' | 'administrator';
        parentShareId?: string;
      }
    >
  /** R-SHR-5: a revocation also revokes, in the same decision, every share passed on from it (`cascadedFrom`). */
  | Event<'ShareRevoked', OfShare & { cause: EndCause; cascadedFrom?: string; reason?: string }>
  | Event<'WorkspaceSwitched', OfShare>
  | Event<'UserLoggedIn', OfMember & { profileOnly: boolean }>
  | Event<'LoginDenied', OfMember & { reasons: string[] }>;

export type MemberEventType = MemberEvent['type'];
export type MemberEventOf<T extends MemberEventType> = Extract<MemberEvent, { type: T }>;
export type { LifecycleCause };
