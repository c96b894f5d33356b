import { Module } from '@nestjs/common';
import { GrantsController } from './grants.controller.js';
import { InvitationTokens } from './invitation-token.js';
import { LoginEligibilityQuery } from './login-eligibility.query.js';
import { LoginsController } from './logins.controller.js';
import { ChangeMemberHandler, MemberDecisions } from './member-command.handler.js';
import { MembersController } from './members.controller.js';

@Module({
  controllers: [MembersController, GrantsController, LoginsController],
  providers: [ChangeMemberHandler, MemberDecisions, LoginEligibilityQuery, InvitationTokens],
  exports: [MemberDecisions, InvitationTokens],
})
export class MembersModule {}
