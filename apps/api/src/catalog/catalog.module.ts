import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller.js';
import { ChangeCatalogHandler } from './catalog-command.handler.js';

@Module({ controllers: [CatalogController], providers: [ChangeCatalogHandler] })
export class CatalogModule {}
