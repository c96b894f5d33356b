import { Body, Controller, Delete, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ApiCommand } from '../common/api-command.decorator.js';
import { CommandAnswer } from '../common/command-answer.js';
import { UuidParam } from '../common/uuid-param.js';
import { Ctx, type RequestContext } from '../write-model/request-context.js';
import { AppointDelegateDto, ExtendAppointmentDto, RegisterMainResponsibleDto } from './dto/authority.dto.js';
import { ReasonDto } from './dto/organization.dto.js';
import { ChangeOrganization } from './organization-command.handler.js';

const STANDING = ['NOT_A_MEMBER', 'ORGANIZATION_NOT_FOUND', 'ORGANIZATION_HEADLESS', 'AGREEMENT_TERMINATED'];
const VALIDITY = ['VALIDITY_TOO_LONG', 'INVALID_VALIDITY', 'INSTANT_IN_PAST', 'INVALID_INSTANT'];

/** The organization's top authority: main responsibles (R-ORG-2, R-ORG-3, R-TIME-3) and their delegates (R-ORG-5). */
@ApiTags('authority')
@ApiBearerAuth()
@Controller('v1/organizations/:org')
export class MainResponsiblesController {
  constructor(private readonly commands: CommandBus) {}

  @Post('main-responsibles')
  @ApiCommand({
    summary: 'Register a main responsible on the organization\'s own application (operator); employed by it or its group. Answers the member id.',
    events: ['MemberRegistered', 'AdminAppointed', 'AdminDismissed'],
    errors: ['OPERATOR_ONLY', 'ORGANIZATION_NOT_FOUND', 'NOT_IN_GROUP', 'ALREADY_EXISTS', 'MEMBER_INACTIVE', 'NO_SYSTEM_ACCESS', 'INVALID_INPUT', ...VALIDITY],
  })
  registerMainResponsible(@UuidParam('org') org: string, @Body() body: RegisterMainResponsibleDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    const memberId = randomUUID();
    const { subject, name, email, employedBy, validFrom, validUntil } = body;
    const command = { type: 'RegisterMainResponsible' as const, memberId, subject, name, email, employedBy, validFrom, validUntil };
    return this.commands.execute(new ChangeOrganization(org, command, ctx, memberId));
  }

  @Delete('main-responsibles/:member')
  @ApiCommand({
    summary: 'Remove a main responsible (operator); removing the last one leaves the organization headless (R-ORG-3, R-ORG-4).',
    events: ['AdminDismissed'],
    errors: ['OPERATOR_ONLY', 'ORGANIZATION_NOT_FOUND', 'APPOINTMENT_NOT_FOUND'],
    status: 200,
  })
  dismissMainResponsible(
    @UuidParam('org') org: string,
    @UuidParam('member') member: string,
    @Body() body: ReasonDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'DismissMainResponsible', memberId: member, reason: body.reason }, ctx));
  }

  @Post('main-responsibles/:member/extension')
  @ApiCommand({
    summary: 'Extend a main responsible\'s authority (a main responsible, its own included, or the operator), at most 36 months from now (R-TIME-3).',
    events: ['AdminAppointmentExtended'],
    errors: [...STANDING, 'MAIN_RESPONSIBLE_ONLY', 'SELF_GRANT_FORBIDDEN', 'APPOINTMENT_NOT_FOUND', 'APPOINTMENT_ENDED', ...VALIDITY],
    status: 200,
  })
  extendMainResponsible(
    @UuidParam('org') org: string,
    @UuidParam('member') member: string,
    @Body() body: ExtendAppointmentDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'ExtendAppointment', memberId: member, validUntil: body.validUntil, role: 'main-responsible' }, ctx));
  }

  @Post('delegates')
  @ApiCommand({
    summary: 'Register a delegate with the main responsible\'s powers in the system (main responsible only, R-ORG-5).',
    events: ['AdminAppointed', 'AdminDismissed'],
    errors: [...STANDING, 'MAIN_RESPONSIBLE_ONLY', 'SELF_GRANT_FORBIDDEN', 'MEMBER_NOT_FOUND', 'OUT_OF_SCOPE', 'MEMBER_INACTIVE', 'NO_SYSTEM_ACCESS', 'ALREADY_EXISTS', ...VALIDITY],
  })
  appointDelegate(@UuidParam('org') org: string, @Body() body: AppointDelegateDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    const { memberId, validFrom, validUntil } = body;
    return this.commands.execute(new ChangeOrganization(org, { type: 'AppointDelegate', memberId, validFrom, validUntil }, ctx));
  }

  @Post('delegates/:member/extension')
  @ApiCommand({
    summary: 'Extend a delegate\'s appointment (main responsible only), at most 36 months from now (R-TIME-3).',
    events: ['AdminAppointmentExtended'],
    errors: [...STANDING, 'MAIN_RESPONSIBLE_ONLY', 'SELF_GRANT_FORBIDDEN', 'APPOINTMENT_NOT_FOUND', 'APPOINTMENT_ENDED', ...VALIDITY],
    status: 200,
  })
  extendDelegate(
    @UuidParam('org') org: string,
    @UuidParam('member') member: string,
    @Body() body: ExtendAppointmentDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'ExtendAppointment', memberId: member, validUntil: body.validUntil, role: 'delegate' }, ctx));
  }

  @Delete('delegates/:member')
  @ApiCommand({
    summary: 'Remove a delegate (main responsible only, R-ORG-5).',
    events: ['AdminDismissed'],
    errors: [...STANDING, 'MAIN_RESPONSIBLE_ONLY', 'APPOINTMENT_NOT_FOUND'],
    status: 200,
  })
  dismissDelegate(
    @UuidParam('org') org: string,
    @UuidParam('member') member: string,
    @Body() body: ReasonDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'DismissDelegate', memberId: member, reason: body.reason }, ctx));
  }
}
