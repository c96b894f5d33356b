import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { MEMBERSHIPS } from '@behorighet/read-models';
import type { Caller } from '../auth/caller.js';
import { CurrentCaller } from '../auth/caller.decorator.js';
import { Clock } from '../clock/clock.js';
import { MeAnswer } from './dto/me.answer.js';
import { ReadQueryDto } from './dto/read-query.dto.js';
import { ReadStates, STATE_READ_MODELS } from './read-states.js';
import { ReadYourWrites } from './read-your-writes.js';
import { membershipView } from './views/me.view.js';

/** `GET /v1/me`: the organizations the caller is an active member of, with its roles in each. */
@ApiTags('queries')
@ApiBearerAuth()
@Controller('v1')
export class MeController {
  constructor(private readonly clock: Clock, private readonly reads: ReadYourWrites, private readonly states: ReadStates) {}

  @Get('me')
  @ApiOperation({ summary: 'The caller’s memberships: organization, member id and roles (authority with level, business roles) in force now. Anyone authenticated.' })
  @ApiOkResponse({ type: MeAnswer })
  @ApiServiceUnavailableResponse({ description: 'READ_MODEL_BEHIND: `minPosition` not reached within READ_WAIT_MS.' })
  async me(@Query() query: ReadQueryDto, @CurrentCaller() caller: Caller): Promise<MeAnswer> {
    const now = this.clock.now();
    await this.reads.reach(query.minPosition, [MEMBERSHIPS, ...STATE_READ_MODELS]);
    const memberships = await this.states.memberships(caller.subject);
    const views = await Promise.all(
      memberships.map(async ({ organizationId, memberId }) => {
        const [organization, member] = await Promise.all([this.states.organization(organizationId), this.states.member(memberId)]);
        return membershipView(organization, member, memberId, caller.subject, now);
      }),
    );
    return {
      subject: caller.subject,
      memberships: views.filter((v) => v !== undefined).sort((a, b) => a.organizationName.localeCompare(b.organizationName) || a.memberId.localeCompare(b.memberId)),
    };
  }
}
