import { Body, Controller, Delete, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { packageServices, type MemberCommandOf } from '@behorighet/domain';
import { ApiCommand } from '../common/api-command.decorator.js';
import { CommandAnswer } from '../common/command-answer.js';
import { UuidParam } from '../common/uuid-param.js';
import { Aggregates } from '../write-model/aggregates.js';
import { Ctx, type RequestContext } from '../write-model/request-context.js';
import { ExtendGrantDto, IssueGrantDto, IssuedGrantsAnswer } from './dto/grant.dto.js';
import { ReasonDto } from './dto/member.dto.js';
import { ChangeMember } from './member-command.handler.js';

const STANDING = ['NOT_A_MEMBER', 'ORGANIZATION_NOT_FOUND', 'MEMBER_NOT_FOUND', 'ORGANIZATION_HEADLESS', 'AGREEMENT_TERMINATED'];
const EDITOR = [...STANDING, 'NOT_AUTHORIZED', 'ADMIN_LEVEL_TOO_LOW', 'OUT_OF_SCOPE'];

/** Grants of services, packages and business roles (R-GRT-1/2, R-ADM-5, R-TIME-1/3): commands on the member stream. */
@ApiTags('grants')
@ApiBearerAuth()
@Controller('v1/organizations/:org/members/:member/grants')
export class GrantsController {
  constructor(private readonly commands: CommandBus, private readonly aggregates: Aggregates) {}

  @Post()
  @ApiResponse({ status: 201, type: IssuedGrantsAnswer, description: 'One id per grant issued: a package issues one grant per service.' })
  @ApiCommand({
    summary: 'Grant a service, a package (one grant per service) or a business role, for at most 36 months (MR, delegate, L1–L3; never to oneself).',
    events: ['GrantIssued'],
    errors: [
      ...EDITOR,
      'SELF_GRANT_FORBIDDEN',
      'MEMBER_INACTIVE',
      'NO_SYSTEM_ACCESS',
      'UNKNOWN_SERVICE',
      'UNKNOWN_PACKAGE',
      'UNKNOWN_ROLE',
      'SERVICE_NOT_SUBSCRIBED',
      'UNKNOWN_EMPLOYER_CODE',
      'ALREADY_EXISTS',
      'VALIDITY_TOO_LONG',
      'INVALID_VALIDITY',
      'INSTANT_IN_PAST',
      'INVALID_INSTANT',
      'INVALID_INPUT',
    ],
  })
  async issue(
    @UuidParam('org') org: string,
    @UuidParam('member') member: string,
    @Body() body: IssueGrantDto,
    @Ctx() ctx: RequestContext,
  ): Promise<IssuedGrantsAnswer> {
    const target = body.service !== undefined ? { service: body.service } : body.package !== undefined ? { package: body.package } : { role: body.role! };
    const grantIds = await this.newGrantIds(target);
    const command: MemberCommandOf<'IssueGrant'> = {
      type: 'IssueGrant',
      memberId: member,
      grantIds,
      target,
      employerCodes: body.employerCodes,
      validFrom: body.validFrom,
      validUntil: body.validUntil,
    };
    const answer = await this.commands.execute(new ChangeMember(org, command, ctx, grantIds[0]));
    return { ...answer, id: grantIds[0]!, ids: grantIds };
  }

  @Post(':grant/extension')
  @ApiCommand({
    summary: 'Extend a grant, at most 36 months from now (MR, delegate, L1–L3; one’s own grant: main responsible only, R-TIME-3).',
    events: ['GrantExtended'],
    errors: [...EDITOR, 'MAIN_RESPONSIBLE_ONLY', 'SELF_GRANT_FORBIDDEN', 'GRANT_NOT_FOUND', 'GRANT_ENDED', 'MEMBER_INACTIVE', 'NO_SYSTEM_ACCESS', 'VALIDITY_TOO_LONG', 'INVALID_VALIDITY', 'INVALID_INSTANT'],
    status: 200,
  })
  extend(
    @UuidParam('org') org: string,
    @UuidParam('member') member: string,
    @UuidParam('grant') grant: string,
    @Body() body: ExtendGrantDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeMember(org, { type: 'ExtendGrant', memberId: member, grantId: grant, validUntil: body.validUntil }, ctx));
  }

  @Delete(':grant')
  @ApiCommand({ summary: 'Revoke a grant (MR, delegate, L1–L3).', events: ['GrantRevoked'], errors: [...EDITOR, 'GRANT_NOT_FOUND', 'GRANT_ENDED'], status: 200 })
  revoke(
    @UuidParam('org') org: string,
    @UuidParam('member') member: string,
    @UuidParam('grant') grant: string,
    @Body() body: ReasonDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeMember(org, { type: 'RevokeGrant', memberId: member, grantId: grant, reason: body.reason }, ctx));
  }

  /**
   * One new id per grant the command will issue: a package issues one per service (R-GRT-1). Packages never
   * change once defined, so the count read here is the one the decision sees; an unknown package gets one id
   * and the domain answers UNKNOWN_PACKAGE.
   */
  private async newGrantIds(target: MemberCommandOf<'IssueGrant'>['target']): Promise<string[]> {
    const count = 'package' in target ? (packageServices(await this.aggregates.catalog(), target.package)?.length ?? 1) : 1;
    return Array.from({ length: Math.max(count, 1) }, () => randomUUID());
  }
}
