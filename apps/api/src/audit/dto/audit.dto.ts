import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { INSTANT, instantReason } from '../../members/dto/instant.js';
import { PageQueryDto } from '../../read-side/dto/read-query.dto.js';
import { AUDITED_TYPES } from '../audit.projection.js';

/** `GET /v1/organizations/:org/audit?memberId&actor&type&from&to&limit&cursor` (R-READ-2). */
export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only events about this member.' })
  @IsOptional()
  @IsUUID('all', { message: 'memberId must be a UUID' })
  memberId?: string;

  @ApiPropertyOptional({ description: 'Only events by this actor: a member id, an operator’s subject, or `system:<job>` (e.g. `system:scheduler`).' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({ enum: AUDITED_TYPES, description: 'Only events of this type.' })
  @IsOptional()
  @IsIn(AUDITED_TYPES, { message: 'type must be an event type of the log, e.g. GrantIssued' })
  type?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'Only events that occurred at or after this instant.' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: instantReason('from') })
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00Z', description: 'Only events that occurred before this instant.' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: instantReason('to') })
  to?: string;
}

class ActorAnswer {
  @ApiPropertyOptional({ description: 'The person’s subject (e-ID).' })
  subject?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The person’s member id in the organization, when it acted as a member.' })
  memberId?: string;

  @ApiPropertyOptional({ description: 'True for the platform operator.' })
  operator?: true;

  @ApiPropertyOptional({ description: 'A scheduled job, e.g. `scheduler`.' })
  system?: string;
}

export class AuditItemAnswer {
  @ApiProperty({ example: 'GrantIssued' })
  type!: string;

  @ApiProperty({ type: String, nullable: true, description: 'When it took effect (an expiry: the instant it was due).' })
  occurredAt!: string | null;

  @ApiProperty({ type: ActorAnswer, nullable: true, description: 'Who did it.' })
  actor!: ActorAnswer | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The member it is about.' })
  subject!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event as recorded: what and why (e.g. `reason`).' })
  data!: Record<string, unknown>;

  @ApiProperty({ example: '42', description: 'Its position in the event log.' })
  position!: string;
}

/** R-READ-2: a page of the audit history, oldest first. */
export class AuditAnswer {
  @ApiProperty({ type: [AuditItemAnswer] })
  items!: AuditItemAnswer[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor!: string | null;
}
