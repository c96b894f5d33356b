import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ApiCommand } from '../common/api-command.decorator.js';
import { CommandAnswer } from '../common/command-answer.js';
import { EmptyBodyDto } from '../common/empty-body.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { Ctx, type RequestContext } from '../write-model/request-context.js';
import { AddEmployerCodeDto, CreateUnitDto } from './dto/structure.dto.js';
import { EmployerCodeParam } from './employer-code-param.js';
import { ChangeOrganization } from './organization-command.handler.js';

const EDITOR = ['NOT_A_MEMBER', 'ORGANIZATION_NOT_FOUND', 'ORGANIZATION_HEADLESS', 'AGREEMENT_TERMINATED', 'NOT_AUTHORIZED', 'ADMIN_LEVEL_TOO_LOW', 'OUT_OF_SCOPE'];

/** The organization's structure (R-ORG-6): the unit tree and the employer codes (MR, delegate, L1). */
@ApiTags('structure')
@ApiBearerAuth()
@Controller('v1/organizations/:org')
export class StructureController {
  constructor(private readonly commands: CommandBus) {}

  @Post('units')
  @ApiCommand({
    summary: 'Create a unit, top-level or under a parent (MR, delegate, L1 within its scope). Answers the unit id.',
    events: ['UnitCreated'],
    errors: [...EDITOR, 'UNKNOWN_UNIT', 'ALREADY_EXISTS', 'INVALID_INPUT'],
  })
  createUnit(@UuidParam('org') org: string, @Body() body: CreateUnitDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    const unitId = randomUUID();
    return this.commands.execute(new ChangeOrganization(org, { type: 'CreateUnit', unitId, name: body.name, parentId: body.parentId }, ctx, unitId));
  }

  @Post('employer-codes')
  @ApiCommand({
    summary: 'Add an employer code (MR, delegate, whole-organization L1).',
    events: ['EmployerCodeAdded'],
    errors: [...EDITOR, 'ALREADY_EXISTS', 'INVALID_INPUT'],
  })
  addEmployerCode(@UuidParam('org') org: string, @Body() body: AddEmployerCodeDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'AddEmployerCode', code: body.code }, ctx));
  }

  @Post('employer-codes/:code/closure')
  @ApiCommand({
    summary: 'Close an employer code; grants limited to it stay usable for reading (old invoices, R-ORG-6).',
    events: ['EmployerCodeClosed'],
    errors: [...EDITOR, 'UNKNOWN_EMPLOYER_CODE', 'EMPLOYER_CODE_CLOSED'],
    status: 200,
  })
  closeEmployerCode(
    @UuidParam('org') org: string,
    @EmployerCodeParam() code: string,
    @Body() _body: EmptyBodyDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrganization(org, { type: 'CloseEmployerCode', code }, ctx));
  }
}
