import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.js';
import { CurrentCaller } from '../auth/caller.decorator.js';
import { ApiCommand } from '../common/api-command.decorator.js';
import { answer, CommandAnswer } from '../common/command-answer.js';
import { EmptyBodyDto } from '../common/empty-body.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { problem, ProblemError } from '../problem/problem.js';
import { Ctx, type RequestContext } from '../write-model/request-context.js';
import { LoginEligibilityQuery } from './login-eligibility.query.js';
import { MemberDecisions } from './member-command.handler.js';

export class LoginEligibilityAnswer {
  @ApiProperty({ example: false })
  allowed!: boolean;

  @ApiProperty({ type: [String], example: ['ORGANIZATION_HEADLESS'], description: 'Every reason when denied (R-LOG-1).' })
  reasons!: string[];

  @ApiProperty({ example: false, description: 'Allowed to the member’s own profile only (`no-system-access`, access removed).' })
  profileOnly!: boolean;
}

/** Logins (R-LOG-1, R-TIME-5): each attempt is recorded, allowed or denied with every reason. */
@ApiTags('logins')
@ApiBearerAuth()
@Controller('v1/organizations/:org/members/:member')
export class LoginsController {
  constructor(private readonly decisions: MemberDecisions, private readonly eligibility: LoginEligibilityQuery) {}

  @Post('logins')
  @ApiResponse({ status: 403, description: 'Denied: LOGIN_DENIED with `reasons` (the attempt is recorded as LoginDenied); or NOT_AUTHORIZED for another person.' })
  @ApiCommand({
    summary: 'Log in as the member itself: records UserLoggedIn, or LoginDenied and answers 403 LOGIN_DENIED with every reason.',
    events: ['UserLoggedIn', 'LoginDenied'],
    errors: ['ORGANIZATION_NOT_FOUND', 'MEMBER_NOT_FOUND', 'NOT_AUTHORIZED'],
  })
  async login(@UuidParam('org') org: string, @UuidParam('member') member: string, @Body() _body: EmptyBodyDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    // Every attempt is its own fact (R-LOG-1): the events carry no Idempotency-Key, or a retried denial would be
    // replayed after a restart as the 201 the idempotency index answers for keys it finds in the log.
    const outcome = await this.decisions.run(org, { type: 'RecordLogin', memberId: member }, { ...ctx, idempotency: undefined });
    const denied = outcome.events.find((e) => e.type === 'LoginDenied');
    if (denied) {
      // The denial is already durable in the log; the answer carries its reasons and position.
      const { reasons } = denied.data as { reasons: string[] };
      throw new ProblemError(problem(403, 'LOGIN_DENIED', `login denied: ${reasons.join(', ')}`, { reasons, position: outcome.position.toString() }));
    }
    return answer(outcome);
  }

  @Get('login-eligibility')
  @ApiOperation({ summary: 'May the member log in now? From the write model; asked by the member, its organization’s MR, delegates and administrators, or the operator.' })
  @ApiOkResponse({ type: LoginEligibilityAnswer })
  @ApiResponse({ status: 404, description: 'Unknown, or not visible to the caller. Codes: NOT_A_MEMBER, ORGANIZATION_NOT_FOUND, MEMBER_NOT_FOUND.' })
  async loginEligibility(@UuidParam('org') org: string, @UuidParam('member') member: string, @CurrentCaller() caller: Caller): Promise<LoginEligibilityAnswer> {
    const { allowed, reasons, profileOnly } = await this.eligibility.ask(org, member, caller);
    return { allowed, reasons, profileOnly };
  }
}
