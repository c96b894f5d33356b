import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.js';
import { CurrentCaller } from '../auth/caller.decorator.js';
import { UuidParam } from '../common/uuid-param.js';
import { AccessAtAnswer, AccessCheckAnswer } from './dto/access.answer.js';
import { AccessAtQueryDto, AccessCheckQueryDto } from './dto/access-query.dto.js';
import { pageOf } from './paging.js';
import { QueryAccess } from './query-access.js';
import { queryInstant } from './query-instant.js';
import { ReadStates, STATE_READ_MODELS } from './read-states.js';
import { ReadYourWrites } from './read-your-writes.js';
import { accessAt, accessCheck } from './views/access.view.js';

/** Who may use what, when: R-READ-3 (who had access at an instant) and R-READ-5 (may this member use this). */
@ApiTags('queries')
@ApiBearerAuth()
@Controller('v1')
export class AccessController {
  constructor(private readonly access: QueryAccess, private readonly reads: ReadYourWrites, private readonly states: ReadStates) {}

  @Get('organizations/:org/access')
  @ApiOperation({ summary: 'The members (in the caller’s scope) who could use the service at the instant (default now): grants, expiry, revocation, employment end, blocks and R-ORG-4 count. MR, delegate, L1–L4.' })
  @ApiOkResponse({ type: AccessAtAnswer })
  @ApiNotFoundResponse({ description: 'Unknown, or not visible to the caller (NOT_A_MEMBER).' })
  @ApiServiceUnavailableResponse({ description: 'READ_MODEL_BEHIND: `minPosition` not reached within READ_WAIT_MS.' })
  async accessAtInstant(@UuidParam('org') org: string, @Query() query: AccessAtQueryDto, @CurrentCaller() caller: Caller): Promise<AccessAtAnswer> {
    const granted = await this.access.administrators(org, caller);
    const at = queryInstant(query.at, granted.now);
    await this.reads.reach(query.minPosition, STATE_READ_MODELS);
    const [organization, members] = await Promise.all([this.states.organization(org), this.states.members(org)]);
    const items = accessAt(organization, members, { organization: granted.organization, unitId: granted.scopeUnitId }, query.service, at);
    return { at: at.toISOString(), service: query.service, ...pageOf(items, (item) => item.memberId, query) };
  }

  @Get('access-check')
  @ApiOperation({
    summary: 'May the member use the service (with the employer code) at the instant (default now)? `{ allowed, reasons }`. Asked by the member itself, its organization’s MR, delegates and administrators (in scope), or the operator.',
  })
  @ApiOkResponse({ type: AccessCheckAnswer })
  @ApiNotFoundResponse({ description: 'Unknown, or not visible to the caller (NOT_A_MEMBER).' })
  @ApiServiceUnavailableResponse({ description: 'READ_MODEL_BEHIND: `minPosition` not reached within READ_WAIT_MS.' })
  async check(@Query() query: AccessCheckQueryDto, @CurrentCaller() caller: Caller): Promise<AccessCheckAnswer> {
    const granted = await this.access.aboutMember(query.organizationId, query.memberId, caller);
    const at = queryInstant(query.at, granted.now);
    await this.reads.reach(query.minPosition, STATE_READ_MODELS);
    const [organization, member] = await Promise.all([this.states.organization(query.organizationId), this.states.member(query.memberId)]);
    // A member stream of another organization never answers for this one.
    const own = member.organizationId === query.organizationId ? member : undefined;
    const answer = accessCheck(organization, own, query.memberId, query.service, query.employerCode, at);
    return { allowed: answer.allowed, reasons: answer.reasons, grantIds: answer.grantIds, readOnly: answer.readOnly, at: at.toISOString() };
  }
}
