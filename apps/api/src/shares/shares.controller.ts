import { Body, Controller, Delete, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ApiCommand } from '../common/api-command.decorator.js';
import { CommandAnswer } from '../common/command-answer.js';
import { EmptyBodyDto } from '../common/empty-body.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { ChangeMember } from '../members/member-command.handler.js';
import { Ctx, type RequestContext } from '../write-model/request-context.js';
import { ShareAccessDto } from './dto/share.dto.js';

const STANDING = ['NOT_A_MEMBER', 'ORGANIZATION_NOT_FOUND', 'MEMBER_NOT_FOUND', 'ORGANIZATION_HEADLESS', 'AGREEMENT_TERMINATED'];

/** Shares of a member's personal resources (R-SHR-1…5), commands on the owner's member stream. */
@ApiTags('shares')
@ApiBearerAuth()
@Controller('v1/organizations/:org/members/:owner/shares')
export class SharesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'Share the owner’s address book or workspace (the owner, a holder within what it may pass on, or an L1–L2 administrator for a workspace).',
    events: ['AccessShared'],
    errors: [...STANDING, 'NOT_AUTHORIZED', 'SHARE_RIGHTS_EXCEEDED', 'SELF_GRANT_FORBIDDEN', 'INVALID_SHARE_RIGHTS', 'MEMBER_INACTIVE', 'NO_SYSTEM_ACCESS'],
  })
  share(
    @UuidParam('org') org: string,
    @UuidParam('owner') owner: string,
    @Body() body: ShareAccessDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandAnswer> {
    const shareId = randomUUID();
    const command = {
      type: 'ShareAccess' as const,
      memberId: owner,
      shareId,
      resource: body.resource,
      holderMemberId: body.memberId,
      actions: body.actions,
      grantable: body.grantable,
      authorize: body.authorize,
    };
    return this.commands.execute(new ChangeMember(org, command, ctx, shareId));
  }

  @Delete(':share')
  @ApiCommand({
    summary: 'Revoke a share and everything passed on from it (the owner, the sharer, an L1–L2 administrator for a workspace).',
    events: ['ShareRevoked'],
    errors: [...STANDING, 'SHARE_NOT_FOUND', 'NOT_AUTHORIZED'],
    status: 200,
  })
  revoke(@UuidParam('org') org: string, @UuidParam('owner') owner: string, @UuidParam('share') share: string, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeMember(org, { type: 'RevokeShare', memberId: owner, shareId: share }, ctx));
  }

  @Post(':share/switch')
  @ApiCommand({
    summary: 'Switch into the owner’s workspace as a holder of workspace access; the switch is recorded.',
    events: ['WorkspaceSwitched'],
    errors: [...STANDING, 'NOT_AUTHORIZED'],
    status: 200,
  })
  switchWorkspace(
    @UuidParam('org') org: string,
    @UuidParam('owner') owner: string,
    @UuidParam('share') _share: string,
    @Body() _body: EmptyBodyDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandAnswer> {
    // The domain switches through the caller's own active workspace share; the path's share only names the route.
    return this.commands.execute(new ChangeMember(org, { type: 'SwitchWorkspace', memberId: owner }, ctx));
  }
}
