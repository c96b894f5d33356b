import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MemberRecord } from '@behorighet/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Aggregates } from '../write-model/aggregates.js';

/**
 * The secret an invitation e-mail carries (R-MEM-2): an HMAC of the member id and the instant the invitation
 * was last (re)sent, under INVITATION_SECRET. Nothing of it is stored: the e-mail derives it from the event, the
 * acceptance recomputes it, and a resend makes the previous e-mail's token worthless.
 */
export function invitationToken(secret: string, memberId: string, issuedAt: string): string {
  return createHmac('sha256', secret).update(`invitation\u0000${memberId}\u0000${issuedAt}`).digest('base64url');
}

/** When the member's open invitation was last sent, if it has one. */
export function invitationIssuedAt(member: MemberRecord | undefined): string | undefined {
  const invitation = member?.invitation;
  if (!invitation || invitation.acceptedAt) return undefined;
  return invitation.resentAt.at(-1) ?? invitation.invitedAt;
}

@Injectable()
export class InvitationTokens {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly aggregates: Aggregates,
  ) {}

  /** True when `token` is the one the member's latest invitation e-mail carried (checked from the write model). */
  async verify(organizationId: string, memberId: string, token: string | undefined): Promise<boolean> {
    if (!token) return false;
    const organization = await this.aggregates.organization(organizationId);
    const issuedAt = invitationIssuedAt(organization.members[memberId]);
    if (!issuedAt) return false;
    const expected = Buffer.from(invitationToken(this.config.invitationSecret, memberId, issuedAt));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
