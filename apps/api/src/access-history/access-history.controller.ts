import { BadRequestException, Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { unitInScope } from '@behorighet/domain';
import type { Caller } from '../auth/caller.js';
import { CurrentCaller } from '../auth/caller.decorator.js';
import { UuidParam } from '../common/uuid-param.js';
import { QueryAccess, type ReadGrant } from '../read-side/query-access.js';
import { ReadYourWrites } from '../read-side/read-your-writes.js';
import { EXPORT_CONTENT_TYPES, exportStream } from './access-export.js';
import { ACCESS_HISTORY_READ_MODELS, AccessHistoryReader } from './access-history.reader.js';
import { AccessExportQueryDto } from './dto/export.dto.js';

/** R-READ-4: the compliance export of who had access to what, when. */
@ApiTags('queries')
@ApiBearerAuth()
@Controller('v1/organizations/:org/access-history')
export class AccessHistoryController {
  private readonly logger = new Logger('AccessExport');

  constructor(
    private readonly access: QueryAccess,
    private readonly reads: ReadYourWrites,
    private readonly reader: AccessHistoryReader,
  ) {}

  @Get('export')
  @ApiOperation({
    summary: 'The access intervals (member, service or role, from, to, granted by, ended by, reason) that overlap the period, streamed as CSV with a header row or as JSON Lines. MR, delegate, L1–L4 (administrators with a unit scope: members in it).',
  })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: `from`, `to` or `format` is not valid.' })
  @ApiNotFoundResponse({ description: 'Unknown, or not visible to the caller (NOT_A_MEMBER).' })
  @ApiServiceUnavailableResponse({ description: 'READ_MODEL_BEHIND: `minPosition` not reached within READ_WAIT_MS.' })
  async export(@UuidParam('org') org: string, @Query() query: AccessExportQueryDto, @CurrentCaller() caller: Caller, @Res() reply: FastifyReply): Promise<void> {
    const granted = await this.access.administrators(org, caller);
    const from = query.from === undefined ? undefined : Date.parse(query.from);
    const to = query.to === undefined ? +granted.now : Date.parse(query.to);
    if (from !== undefined && from >= to) {
      throw new BadRequestException({ code: 'VALIDATION_FAILED', detail: 'The request is not valid.', errors: [{ field: 'to', reason: 'to must lie after from' }] });
    }
    await this.reads.reach(query.minPosition, ACCESS_HISTORY_READ_MODELS);
    const format = query.format ?? 'csv';
    const rows = this.reader.intervals(org, { asOf: granted.now, from, to, include: scopeOf(granted) });
    const body = exportStream(rows, format, (error) => this.logger.error(`export of ${org} ended early`, error.stack));
    const day = granted.now.toISOString().slice(0, 10);
    await reply
      .status(200)
      .header('content-type', EXPORT_CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="access-history-${org}-${day}.${format}"`)
      .send(body);
  }
}

/** An administrator with a unit scope exports the members in it (R-ADM-3), by the write model's unit tree. */
function scopeOf(granted: ReadGrant): ((memberId: string) => boolean) | undefined {
  const { organization, scopeUnitId } = granted;
  if (scopeUnitId === undefined) return undefined;
  return (memberId) => unitInScope(organization, scopeUnitId, organization.members[memberId]?.unitId);
}
