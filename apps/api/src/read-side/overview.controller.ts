import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.js';
import { CurrentCaller } from '../auth/caller.decorator.js';
import { UuidParam } from '../common/uuid-param.js';
import { OverviewAnswer } from './dto/overview.answer.js';
import { PageQueryDto } from './dto/read-query.dto.js';
import { pageOf } from './paging.js';
import { QueryAccess } from './query-access.js';
import { ReadStates, STATE_READ_MODELS } from './read-states.js';
import { ReadYourWrites } from './read-your-writes.js';
import { overviewMembers, overviewRecords, overviewWarnings } from './views/overview.view.js';

/** R-READ-1: the administrators' overview of an organization. */
@ApiTags('queries')
@ApiBearerAuth()
@Controller('v1/organizations/:org')
export class OverviewController {
  constructor(private readonly access: QueryAccess, private readonly reads: ReadYourWrites, private readonly states: ReadStates) {}

  @Get('overview')
  @ApiOperation({
    summary: 'Every member in the caller’s scope with type, status, roles, admin level and scope, grants (days left), last login and flags; the organization’s warnings (R-ORG-3). MR, delegate, L1–L4; the operator sees the whole organization.',
  })
  @ApiOkResponse({ type: OverviewAnswer })
  @ApiNotFoundResponse({ description: 'Unknown, or not visible to the caller (NOT_A_MEMBER, ORGANIZATION_NOT_FOUND).' })
  @ApiServiceUnavailableResponse({ description: 'READ_MODEL_BEHIND: `minPosition` not reached within READ_WAIT_MS.' })
  async overview(@UuidParam('org') org: string, @Query() query: PageQueryDto, @CurrentCaller() caller: Caller): Promise<OverviewAnswer> {
    // The operator may look too: a headless organization has nobody else who could see its warning.
    const granted = await this.access.administrators(org, caller, { operator: true });
    await this.reads.reach(query.minPosition, STATE_READ_MODELS);
    const organization = await this.states.organization(org);
    // Page the roster first, then work out only the listed members (an organization may have many thousands).
    const page = pageOf(overviewRecords(organization, { organization: granted.organization, unitId: granted.scopeUnitId }), (m) => m.memberId, query);
    const members = await this.states.membersById(page.items.map((record) => record.memberId));
    const items = overviewMembers(organization, members, page.items, granted.now);
    return { organizationId: org, name: organization.name, at: granted.now.toISOString(), warnings: overviewWarnings(organization, granted.now), items, nextCursor: page.nextCursor };
  }
}
