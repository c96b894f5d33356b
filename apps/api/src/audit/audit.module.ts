import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';

/** R-READ-2: the audit history query (its projection is registered in read-side/projections.ts). */
@Module({ controllers: [AuditController] })
export class AuditModule {}
