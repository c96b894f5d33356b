import type { By } from './event.js';
import type { Mark } from './organization.state.js';
import type { EndCause, GrantTarget, ShareAction, SharedResource } from './vocabulary.js';

export interface Grant {
  grantId: string;
  target: GrantTarget;
  package?: string;
  /** Limits a service grant to these employer codes; undefined = all codes. */
  employerCodes?: string[];
  validFrom: string;
  /** The latest end (extensions only happen while the grant is valid, so it answers for every past instant). */
  validUntil: string;
  issuedAt: string;
  issuedBy: By;
  extensions: Array<{ at: string; by: By; validUntil: string }>;
  revoked?: Mark & { cause: EndCause };
  expiredAt?: string;
}

export interface Share {
  shareId: string;
  resource: SharedResource;
  holderMemberId: string;
  actions: ShareAction[];
  grantable: ShareAction[];
  authorize: boolean;
  via: 'owner' | 'share' | 'administrator';
  parentShareId?: string;
  sharedAt: string;
  sharedBy: By;
  revoked?: Mark & { cause: EndCause; cascadedFrom?: string };
}

/** The state of one member stream. `memberId` is empty until the stream's first event. */
export interface MemberState {
  memberId: string;
  organizationId: string;
  grants: Record<string, Grant>;
  shares: Record<string, Share>;
  lastLoginAt?: string;
  loginCount: number;
  lastDeniedAt?: string;
  /** Reminder keys (see `reminderKey`) → when sent. */
  reminders: Record<string, string>;
}

export function initialMember(): MemberState {
  return { memberId: '', organizationId: '', grants: {}, shares: {}, loginCount: 0, reminders: {} };
}

/** The service or role key a grant target names. */
export function targetKey(target: GrantTarget | { service?: string; role?: string }): string {
  return 'service' in target && target.service !== undefined ? `service:${target.service}` : `role:${(target as { role: string }).role}`;
}
