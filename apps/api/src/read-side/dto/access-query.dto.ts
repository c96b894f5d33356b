import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { KEY_PATTERN } from '../../catalog/dto/catalog.dto.js';
import { INSTANT, instantReason } from '../../members/dto/instant.js';
import { PageQueryDto, ReadQueryDto } from './read-query.dto.js';

const SERVICE_REASON = 'service must be a service key (1–64 lower-case letters, digits, ".", "_" or "-")';

/** `GET /v1/organizations/:org/access?at&service` (R-READ-3). */
export class AccessAtQueryDto extends PageQueryDto {
  @ApiProperty({ example: 'payroll' })
  @IsString()
  @Matches(KEY_PATTERN, { message: SERVICE_REASON })
  service!: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'The instant asked about; default now. Not in the future.' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: instantReason('at') })
  at?: string;
}

/** `GET /v1/access-check?organizationId&memberId&service&employerCode&at` (R-READ-5). */
export class AccessCheckQueryDto extends ReadQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'memberId must be a UUID' })
  memberId!: string;

  @ApiProperty({ example: 'payroll' })
  @IsString()
  @Matches(KEY_PATTERN, { message: SERVICE_REASON })
  service!: string;

  @ApiPropertyOptional({ example: 'AG-100', description: 'Asks about use under this employer code (grants may be limited to codes).' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  employerCode?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'The instant asked about; default now. Not in the future.' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: instantReason('at') })
  at?: string;
}
