import type { AuthorityRole, SharedResource } from '@behorighet/domain';

/** The kinds of e-mail the system sends (R-NOT-1, R-TIME-2, R-MEM-2, R-MEM-6, R-ORG-4, R-ORD-5). */
export type NoticeKind = 'invitation' | 'permission-changed' | 'reminder' | 'leaver-report' | 'headless' | 'agreement-changed';

export type PermissionChange =
  | 'grant-issued'
  | 'grant-extended'
  | 'grant-revoked'
  | 'grant-expired'
  | 'appointed'
  | 'dismissed'
  | 'appointment-extended'
  | 'appointment-expired'
  | 'share-received'
  | 'share-revoked'
  | 'employment-ended'
  | 'access-removed'
  | 'deactivated'
  | 'deleted'
  | 'blocked';

/** What a grant or appointment is: a service, a business role, or an authority (with its level). */
export interface Subject {
  service?: string;
  role?: string;
  authority?: AuthorityRole;
  level?: number;
}

/** What a notice says, in facts; the templates put them into words in each language. */
export type NoticeFacts =
  | {
      kind: 'invitation';
      organizationId: string;
      memberId: string;
      message?: string;
      resent: boolean;
      /** The invitation's acceptance token (R-MEM-2), added by the processor, which holds INVITATION_SECRET. */
      token?: string;
    }
  | ({
      kind: 'permission-changed';
      change: PermissionChange;
      /** When the change takes (or took) effect. */
      at: string;
      validUntil?: string;
      resource?: SharedResource;
      /** The owner of a shared resource. */
      owner?: string;
      cause?: string;
      reason?: string;
    } & Subject)
  | ({
      kind: 'reminder';
      about: 'grant' | 'appointment' | 'external-end';
      /** The member whose grant, appointment or membership ends. */
      member: string;
      /** True when the recipient is that member. */
      own: boolean;
      daysBefore: number;
      expiresAt: string;
    } & Subject)
  | { kind: 'leaver-report'; leaver: string; effectiveAt: string; reason?: string }
  | { kind: 'headless'; at: string }
  | { kind: 'agreement-changed'; change: 'terminated' | 'renewed'; at: string; reason?: string };

/** One e-mail to one person about one event, before it is put into words. */
export interface Notice {
  to: { email: string; name: string };
  /** What makes two notices the same one (with recipient and kind); default: the event they come from. */
  key?: string;
  /** The organization's name. */
  organization: string;
  facts: NoticeFacts;
}
