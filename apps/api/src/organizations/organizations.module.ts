import { Module } from '@nestjs/common';
import { ChangeOrganizationHandler } from './organization-command.handler.js';

@Module({ controllers: [], providers: [ChangeOrganizationHandler] })
export class OrganizationsModule {}
