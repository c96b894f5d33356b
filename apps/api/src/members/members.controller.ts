import { Body, Controller, Delete, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { OrganizationCommand } from '@behorighet/domain';
import { ApiCommand } from '../common/api-command.decorator.js';
import { CommandAnswer } from '../common/command-answer.js';
import { UuidParam } from '../common/uuid-param.js';
import { ChangeOrganization } from '../organizations/organization-command.handler.js';
import { Ctx, type RequestContext } from '../write-model/request-context.js';
import { AcceptInvitationDto, EndEmploymentDto, InviteMemberDto, ReasonDto, ResendInvitationDto } from './dto/member.dto.js';
import { InvitationTokens } from './invitation-token.js';

const STANDING = ['NOT_A_MEMBER', 'ORGANIZATION_NOT_FOUND', 'ORGANIZATION_HEADLESS', 'AGREEMENT_TERMINATED'];
const EDITOR = [...STANDING, 'NOT_AUTHORIZED', 'ADMIN_LEVEL_TOO_LOW', 'OUT_OF_SCOPE', 'MEMBER_NOT_FOUND'];

/** Members and their lifecycle (R-MEM-1…7): commands on the organization stream, every rule the domain's. */
@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/organizations/:org/members')
export class MembersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly invitations: InvitationTokens,
  ) {}

  @Post()
  @ApiCommand({
    summary: 'Invite a member by e-mail (MR, delegate, L1–L3); a `person-only` member is registered without an invitation.',
    events: ['UserInvited', 'MemberRegistered'],
    errors: [...STANDING, 'NOT_AUTHORIZED', 'ADMIN_LEVEL_TOO_LOW', 'OUT_OF_SCOPE', 'ALREADY_EXISTS', 'UNKNOWN_UNIT', 'EXTERNAL_END_DATE_REQUIRED', 'RESELLER_MEMBERSHIP_REQUIRED', 'INVALID_INSTANT', 'INVALID_INPUT'],
  })
  invite(@UuidParam('org') org: string, @Body() body: InviteMemberDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    const memberId = randomUUID();
    const command: OrganizationCommand = {
      type: 'InviteUser',
      memberId,
      memberType: body.type,
      name: body.name,
      email: body.email,
      subject: body.subject,
      unitId: body.unitId,
      endsAt: body.endsAt,
      resellerOrgId: body.resellerOrgId,
      message: body.message,
    };
    return this.commands.execute(new ChangeOrganization(org, command, ctx, memberId));
  }

  @Post(':member/invitation/resend')
  @ApiCommand({ summary: 'Send the invitation again, maybe with a new message.', events: ['InvitationResent'], errors: [...EDITOR, 'MEMBER_INACTIVE', 'INVITATION_NOT_PENDING'], status: 200 })
  resend(@UuidParam('org') org: string, @UuidParam('member') member: string, @Body() body: ResendInvitationDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'ResendInvitation', memberId: member, message: body.message }, ctx));
  }

  @Post(':member/invitation/acceptance')
  @ApiCommand({
    summary: 'Accept the invitation as the invitee — the person it names, or whoever presents its e-mail’s token: binds the caller’s identity (subject) to the member (R-MEM-2).',
    events: ['InvitationAccepted'],
    errors: ['ORGANIZATION_NOT_FOUND', 'MEMBER_NOT_FOUND', 'MEMBER_INACTIVE', 'INVITATION_NOT_PENDING', 'ALREADY_EXISTS'],
    status: 200,
  })
  async accept(@UuidParam('org') org: string, @UuidParam('member') member: string, @Body() body: AcceptInvitationDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    const tokenVerified = await this.invitations.verify(org, member, body.token);
    return this.commands.execute(new ChangeOrganization(org, { type: 'AcceptInvitation', memberId: member, tokenVerified }, ctx));
  }

  @Post(':member/employment-end')
  @ApiCommand({
    summary: 'Record that the member’s employment ends, now or at a future instant (MR, delegate, L1–L3, operator); access ends then (R-MEM-6).',
    events: ['EmploymentEnded', 'AdminDismissed'],
    errors: [...EDITOR, 'EMPLOYMENT_ALREADY_ENDED', 'INSTANT_IN_PAST', 'INVALID_INSTANT'],
    status: 200,
  })
  endEmployment(@UuidParam('org') org: string, @UuidParam('member') member: string, @Body() body: EndEmploymentDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    const command: OrganizationCommand = { type: 'EndEmployment', memberId: member, effectiveAt: body.effectiveAt, reason: body.reason };
    return this.commands.execute(new ChangeOrganization(org, command, ctx));
  }

  @Post(':member/access-removal')
  @ApiCommand({
    summary: 'Remove every grant and role; the member still logs in, to its profile only (R-MEM-3).',
    events: ['AccessRemoved', 'AdminDismissed'],
    errors: [...EDITOR, 'MEMBER_INACTIVE', 'NO_SYSTEM_ACCESS'],
    status: 200,
  })
  removeAccess(@UuidParam('org') org: string, @UuidParam('member') member: string, @Body() body: ReasonDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'RemoveAccess', memberId: member, reason: body.reason }, ctx));
  }

  @Post(':member/deactivation')
  @ApiCommand({
    summary: 'Deactivate: all access and login end, the member stays referable as `person-only` (R-MEM-4).',
    events: ['UserDeactivated', 'AdminDismissed'],
    errors: [...EDITOR, 'MEMBER_INACTIVE'],
    status: 200,
  })
  deactivate(@UuidParam('org') org: string, @UuidParam('member') member: string, @Body() body: ReasonDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'DeactivateUser', memberId: member, reason: body.reason }, ctx));
  }

  @Delete(':member')
  @ApiCommand({
    summary: 'Delete the member from the member list; its history stays in the audit trail and exports (R-MEM-5).',
    events: ['MemberDeleted', 'AdminDismissed'],
    errors: EDITOR,
    status: 200,
  })
  delete(@UuidParam('org') org: string, @UuidParam('member') member: string, @Body() body: ReasonDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'DeleteMember', memberId: member, reason: body.reason }, ctx));
  }
}
