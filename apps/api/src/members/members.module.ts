import { Module } from '@nestjs/common';
import { ChangeMemberHandler, MemberDecisions } from './member-command.handler.js';

@Module({ controllers: [], providers: [ChangeMemberHandler, MemberDecisions], exports: [MemberDecisions] })
export class MembersModule {}
