import { Module } from '@nestjs/common';
import { SharesController } from './shares.controller.js';

/** The share routes; their commands run through MembersModule's ChangeMember handler (the CQRS bus is global). */
@Module({ controllers: [SharesController] })
export class SharesModule {}
