import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandAnswer } from '../common/command-answer.js';
import { ApiCommand } from '../common/api-command.decorator.js';
import { Ctx, type RequestContext } from '../write-model/request-context.js';
import { ChangeCatalog } from './catalog-command.handler.js';
import { DefinePackageDto, RegisterServiceDto } from './dto/catalog.dto.js';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('v1')
export class CatalogController {
  constructor(private readonly commands: CommandBus) {}

  @Post('services')
  @ApiCommand({ summary: 'Register a service organizations can subscribe to (operator).', events: ['ServiceRegistered'], errors: ['OPERATOR_ONLY', 'ALREADY_EXISTS'] })
  registerService(@Body() body: RegisterServiceDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeCatalog({ type: 'RegisterService', key: body.key, name: body.name }, ctx));
  }

  @Post('packages')
  @ApiCommand({ summary: 'Define a named set of services (operator).', events: ['PackageDefined'], errors: ['OPERATOR_ONLY', 'ALREADY_EXISTS', 'UNKNOWN_SERVICE'] })
  definePackage(@Body() body: DefinePackageDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeCatalog({ type: 'DefinePackage', key: body.key, name: body.name, services: body.services }, ctx));
  }
}
