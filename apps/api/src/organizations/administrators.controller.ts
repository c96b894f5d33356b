import { Body, Controller, Delete, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../common/api-command.decorator.js';
import { CommandAnswer } from '../common/command-answer.js';
import { UuidParam } from '../common/uuid-param.js';
import { Ctx, type RequestContext } from '../write-model/request-context.js';
import { AppointAdministratorDto, ExtendAppointmentDto } from './dto/authority.dto.js';
import { ReasonDto } from './dto/organization.dto.js';
import { ChangeOrganization } from './organization-command.handler.js';

const STANDING = ['NOT_A_MEMBER', 'ORGANIZATION_NOT_FOUND', 'ORGANIZATION_HEADLESS', 'AGREEMENT_TERMINATED', 'NOT_AUTHORIZED'];
const RANK = ['ADMIN_LEVEL_TOO_LOW', 'OUT_OF_SCOPE'];

/** Administrators L1–L4 (R-ADM-1…3, R-ADM-5): appointed by main responsibles, delegates and L1–L2 within their level and scope. */
@ApiTags('authority')
@ApiBearerAuth()
@Controller('v1/organizations/:org/administrators')
export class AdministratorsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'Appoint an administrator at a level, for the organization or a unit subtree (MR, delegate, L1–L2; never oneself).',
    events: ['AdminAppointed', 'AdminDismissed'],
    errors: [
      ...STANDING, ...RANK, 'SELF_GRANT_FORBIDDEN', 'MAIN_RESPONSIBLE_ONLY', 'MEMBER_NOT_FOUND', 'MEMBER_INACTIVE', 'NO_SYSTEM_ACCESS',
      'ALREADY_EXISTS', 'INVALID_LEVEL', 'UNKNOWN_UNIT', 'VALIDITY_TOO_LONG', 'INVALID_VALIDITY', 'INSTANT_IN_PAST', 'INVALID_INSTANT',
    ],
  })
  appoint(@UuidParam('org') org: string, @Body() body: AppointAdministratorDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    const { memberId, level, unitId, validFrom, validUntil } = body;
    return this.commands.execute(new ChangeOrganization(org, { type: 'AppointAdministrator', memberId, level, unitId, validFrom, validUntil }, ctx));
  }

  @Delete(':member')
  @ApiCommand({
    summary: 'Dismiss an administrator (MR, delegate, L1–L2 within level and scope; anyone may step down).',
    events: ['AdminDismissed'],
    errors: [...STANDING, ...RANK, 'APPOINTMENT_NOT_FOUND'],
    status: 200,
  })
  dismiss(
    @UuidParam('org') org: string,
    @UuidParam('member') member: string,
    @Body() body: ReasonDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'DismissAdministrator', memberId: member, reason: body.reason }, ctx));
  }

  @Post(':member/extension')
  @ApiCommand({
    summary: 'Extend an administrator\'s appointment (MR, delegate, L1–L2 within level and scope; own: MR only), at most 36 months from now.',
    events: ['AdminAppointmentExtended'],
    errors: [...STANDING, ...RANK, 'SELF_GRANT_FORBIDDEN', 'MAIN_RESPONSIBLE_ONLY', 'APPOINTMENT_NOT_FOUND', 'APPOINTMENT_ENDED', 'VALIDITY_TOO_LONG', 'INVALID_VALIDITY', 'INVALID_INSTANT'],
    status: 200,
  })
  extend(
    @UuidParam('org') org: string,
    @UuidParam('member') member: string,
    @Body() body: ExtendAppointmentDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'ExtendAppointment', memberId: member, validUntil: body.validUntil, role: 'administrator' }, ctx));
  }
}
