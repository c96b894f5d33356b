import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ApiCommand } from '../common/api-command.decorator.js';
import { CommandAnswer } from '../common/command-answer.js';
import { EmptyBodyDto } from '../common/empty-body.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { Ctx, type RequestContext } from '../write-model/request-context.js';
import { ReasonDto, RegisterOrganizationDto, SubscribeServiceDto } from './dto/organization.dto.js';
import { ChangeOrganization } from './organization-command.handler.js';

/** The operator's side of an organization (R-ORG-1): registration, agreement, subscriptions. */
@ApiTags('organizations')
@ApiBearerAuth()
@Controller('v1/organizations')
export class OrganizationsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'Register an organization (operator); its agreement is active from now.',
    events: ['OrganizationRegistered'],
    errors: ['OPERATOR_ONLY', 'ALREADY_EXISTS', 'INVALID_ORG_NUMBER', 'INVALID_INPUT'],
  })
  register(@Body() body: RegisterOrganizationDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    const organizationId = randomUUID();
    const command = { type: 'RegisterOrganization' as const, organizationId, name: body.name, orgNumber: body.orgNumber, groupId: body.groupId };
    return this.commands.execute(new ChangeOrganization(organizationId, command, ctx, organizationId));
  }

  @Post(':org/agreement/termination')
  @ApiCommand({
    summary: 'Terminate the agreement (operator): no member can log in until it is renewed (R-ORG-4).',
    events: ['AgreementTerminated'],
    errors: ['OPERATOR_ONLY', 'ORGANIZATION_NOT_FOUND', 'AGREEMENT_TERMINATED'],
    status: 200,
  })
  terminate(@UuidParam('org') org: string, @Body() body: ReasonDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'TerminateAgreement', reason: body.reason }, ctx));
  }

  @Post(':org/agreement/renewal')
  @ApiCommand({
    summary: 'Renew a terminated agreement (operator).',
    events: ['AgreementRenewed'],
    errors: ['OPERATOR_ONLY', 'ORGANIZATION_NOT_FOUND', 'AGREEMENT_ACTIVE'],
    status: 200,
  })
  renew(@UuidParam('org') org: string, @Body() _body: EmptyBodyDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'RenewAgreement' }, ctx));
  }

  @Post(':org/subscriptions')
  @ApiCommand({
    summary: 'Subscribe the organization to a catalog service (operator); orders subscribe through attestation.',
    events: ['ServiceSubscribed'],
    errors: ['OPERATOR_ONLY', 'ORGANIZATION_NOT_FOUND', 'UNKNOWN_SERVICE', 'ALREADY_SUBSCRIBED'],
  })
  subscribe(@UuidParam('org') org: string, @Body() body: SubscribeServiceDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'SubscribeService', service: body.service }, ctx));
  }
}
