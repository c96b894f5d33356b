import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.js';
import { CurrentCaller } from '../auth/caller.decorator.js';
import { UuidParam } from '../common/uuid-param.js';
import { ExpiringQueryDto, InactivityQueryDto } from './dto/report-query.dto.js';
import { ExpiringAnswer, InactivityAnswer } from './dto/reports.answer.js';
import { pageOf } from './paging.js';
import { QueryAccess } from './query-access.js';
import { ReadStates, STATE_READ_MODELS } from './read-states.js';
import { ReadYourWrites } from './read-your-writes.js';
import { INACTIVE_MONTHS, EXPIRING_SOON_DAYS } from './views/overview.view.js';
import { expiringKey, expiringReport, inactivityReport } from './views/reports.view.js';

/** R-TIME-5 and R-TIME-2 as reports for the organization's administrators (MR, delegate, L1–L4, in their scope). */
@ApiTags('queries')
@ApiBearerAuth()
@Controller('v1/organizations/:org/reports')
export class ReportsController {
  constructor(private readonly access: QueryAccess, private readonly reads: ReadYourWrites, private readonly states: ReadStates) {}

  @Get('inactivity')
  @ApiOperation({ summary: 'Members with no login for `months` months (default 18) and invitations never accepted (R-TIME-5).' })
  @ApiOkResponse({ type: InactivityAnswer })
  @ApiNotFoundResponse({ description: 'Unknown, or not visible to the caller (NOT_A_MEMBER).' })
  @ApiServiceUnavailableResponse({ description: 'READ_MODEL_BEHIND: `minPosition` not reached within READ_WAIT_MS.' })
  async inactivity(@UuidParam('org') org: string, @Query() query: InactivityQueryDto, @CurrentCaller() caller: Caller): Promise<InactivityAnswer> {
    const granted = await this.access.administrators(org, caller);
    await this.reads.reach(query.minPosition, STATE_READ_MODELS);
    const months = query.months ?? INACTIVE_MONTHS;
    const [organization, members] = await Promise.all([this.states.organization(org), this.states.members(org)]);
    const items = inactivityReport(organization, members, { organization: granted.organization, unitId: granted.scopeUnitId }, granted.now, months);
    return { months, at: granted.now.toISOString(), ...pageOf(items, (item) => item.memberId, query) };
  }

  @Get('expiring')
  @ApiOperation({ summary: 'Grants, roles, appointments and external end dates that end within `days` days (default 30), soonest first.' })
  @ApiOkResponse({ type: ExpiringAnswer })
  @ApiNotFoundResponse({ description: 'Unknown, or not visible to the caller (NOT_A_MEMBER).' })
  @ApiServiceUnavailableResponse({ description: 'READ_MODEL_BEHIND: `minPosition` not reached within READ_WAIT_MS.' })
  async expiring(@UuidParam('org') org: string, @Query() query: ExpiringQueryDto, @CurrentCaller() caller: Caller): Promise<ExpiringAnswer> {
    const granted = await this.access.administrators(org, caller);
    await this.reads.reach(query.minPosition, STATE_READ_MODELS);
    const days = query.days ?? EXPIRING_SOON_DAYS;
    const [organization, members] = await Promise.all([this.states.organization(org), this.states.members(org)]);
    const items = expiringReport(organization, members, { organization: granted.organization, unitId: granted.scopeUnitId }, granted.now, days);
    return { days, at: granted.now.toISOString(), ...pageOf(items, expiringKey, query) };
  }
}
