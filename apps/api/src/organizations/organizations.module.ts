import { Module } from '@nestjs/common';
import { AdministratorsController } from './administrators.controller.js';
import { MainResponsiblesController } from './main-responsibles.controller.js';
import { ChangeOrganizationHandler } from './organization-command.handler.js';
import { OrganizationsController } from './organizations.controller.js';
import { StructureController } from './structure.controller.js';

@Module({
  controllers: [OrganizationsController, MainResponsiblesController, AdministratorsController, StructureController],
  providers: [ChangeOrganizationHandler],
})
export class OrganizationsModule {}
