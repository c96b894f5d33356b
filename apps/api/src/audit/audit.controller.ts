import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { unitInScope } from '@behorighet/domain';
import { EVENT_STORE, type EventStore } from '@behorighet/event-store';
import { DEFAULT_PAGE_LIMIT, READ_STORE, type ReadStore } from '@behorighet/read-models';
import type { Caller } from '../auth/caller.js';
import { CurrentCaller } from '../auth/caller.decorator.js';
import { UuidParam } from '../common/uuid-param.js';
import { QueryAccess, type ReadGrant } from '../read-side/query-access.js';
import { ReadYourWrites } from '../read-side/read-your-writes.js';
import { AUDIT, type AuditEntry } from './audit.projection.js';
import { auditPage, decodeCursor, InvalidCursorError } from './audit.query.js';
import { AuditAnswer, AuditQueryDto } from './dto/audit.dto.js';

/** R-READ-2: the audit history of an organization. */
@ApiTags('queries')
@ApiBearerAuth()
@Controller('v1/organizations/:org')
export class AuditController {
  constructor(
    private readonly access: QueryAccess,
    private readonly reads: ReadYourWrites,
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @Get('audit')
  @ApiOperation({
    summary: 'Every event of the organization — who, when, what and why — oldest first, by member, actor, type and period, paged with `cursor`. MR, delegate, L1–L4 (administrators with a unit scope: events about members in it).',
  })
  @ApiOkResponse({ type: AuditAnswer })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a filter, `limit` or `cursor` is not valid.' })
  @ApiNotFoundResponse({ description: 'Unknown, or not visible to the caller (NOT_A_MEMBER).' })
  @ApiServiceUnavailableResponse({ description: 'READ_MODEL_BEHIND: `minPosition` not reached within READ_WAIT_MS.' })
  async audit(@UuidParam('org') org: string, @Query() query: AuditQueryDto, @CurrentCaller() caller: Caller): Promise<AuditAnswer> {
    const granted = await this.access.administrators(org, caller);
    const cursor = checkedCursor(query.cursor);
    await this.reads.reach(query.minPosition, [AUDIT]);
    return auditPage(this.store, this.events, org, {
      memberId: query.memberId,
      actor: query.actor,
      type: query.type,
      from: query.from === undefined ? undefined : Date.parse(query.from),
      to: query.to === undefined ? undefined : Date.parse(query.to),
      limit: query.limit ?? DEFAULT_PAGE_LIMIT,
      cursor,
      visible: scopeOf(granted),
    });
  }
}

/** An administrator with a unit scope sees the events about the members in it (R-ADM-3); the others see all. */
function scopeOf(granted: ReadGrant): ((entry: AuditEntry) => boolean) | undefined {
  const { organization, scopeUnitId } = granted;
  if (scopeUnitId === undefined) return undefined;
  return (entry) => entry.subject !== null && unitInScope(organization, scopeUnitId, organization.members[entry.subject]?.unitId);
}

function checkedCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    decodeCursor(cursor);
    return cursor;
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    throw new BadRequestException({ code: 'VALIDATION_FAILED', detail: 'The request is not valid.', errors: [{ field: 'cursor', reason: error.message }] });
  }
}
