import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { authoritiesOf, type AuthorityEntry } from '@behorighet/domain';
import type { Caller } from '../auth/caller.js';
import { CurrentCaller } from '../auth/caller.decorator.js';
import { UuidParam } from '../common/uuid-param.js';
import { AdministratorsAnswer, type AuthorityAnswer } from './dto/me.answer.js';
import { ReadQueryDto } from './dto/read-query.dto.js';
import { QueryAccess } from './query-access.js';
import { ReadStates, STATE_READ_MODELS } from './read-states.js';
import { ReadYourWrites } from './read-your-writes.js';

/** R-ADM-4: every member can see who the organization's main responsibles, delegates and administrators are. */
@ApiTags('queries')
@ApiBearerAuth()
@Controller('v1/organizations/:org')
export class AdministratorsQueryController {
  constructor(private readonly access: QueryAccess, private readonly reads: ReadYourWrites, private readonly states: ReadStates) {}

  @Get('administrators')
  @ApiOperation({ summary: 'The main responsibles, delegates and administrators in force now (any member of the organization, or the operator).' })
  @ApiOkResponse({ type: AdministratorsAnswer })
  @ApiNotFoundResponse({ description: 'Unknown, or the caller is not a member (NOT_A_MEMBER, ORGANIZATION_NOT_FOUND).' })
  @ApiServiceUnavailableResponse({ description: 'READ_MODEL_BEHIND: `minPosition` not reached within READ_WAIT_MS.' })
  async administrators(@UuidParam('org') org: string, @Query() query: ReadQueryDto, @CurrentCaller() caller: Caller): Promise<AdministratorsAnswer> {
    const { now } = await this.access.members(org, caller);
    await this.reads.reach(query.minPosition, STATE_READ_MODELS);
    const entries = authoritiesOf(await this.states.organization(org), now);
    const of = (role: AuthorityEntry['role']) => entries.filter((e) => e.role === role).map(authority);
    return { mainResponsibles: of('main-responsible'), delegates: of('delegate'), administrators: of('administrator') };
  }
}

function authority(entry: AuthorityEntry): AuthorityAnswer {
  return {
    memberId: entry.memberId,
    name: entry.name,
    ...(entry.level === undefined ? {} : { level: entry.level }),
    ...(entry.unitId === undefined ? {} : { unitId: entry.unitId }),
    validUntil: entry.validUntil,
  };
}
