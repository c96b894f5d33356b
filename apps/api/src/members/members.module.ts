import { Module } from '@nestjs/common';
import { GrantsController } from './grants.controller.js';
import { LoginEligibilityQuery } from './login-eligibility.query.js';
import { LoginsController } from './logins.controller.js';
import { ChangeMemberHandler, MemberDecisions } from './member-command.handler.js';
import { MembersController } from './members.controller.js';

@Module({
  controllers: [MembersController, GrantsController, LoginsController],
  providers: [ChangeMemberHandler, MemberDecisions, LoginEligibilityQuery],
  exports: [MemberDecisions],
})
export class MembersModule {}
