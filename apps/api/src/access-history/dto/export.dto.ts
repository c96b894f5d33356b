import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { INSTANT, instantReason } from '../../members/dto/instant.js';
import { ReadQueryDto } from '../../read-side/dto/read-query.dto.js';
import type { ExportFormat } from '../access-export.js';

/** `GET /v1/organizations/:org/access-history/export?from&to&format` (R-READ-4). */
export class AccessExportQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'Intervals that hold at or after this instant; default: from the beginning.' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: instantReason('from') })
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00Z', description: 'Intervals that start before this instant; default: now.' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: instantReason('to') })
  to?: string;

  @ApiPropertyOptional({ enum: ['csv', 'jsonl'], default: 'csv', description: 'CSV with a header row, or JSON Lines (one interval per line).' })
  @IsOptional()
  @IsIn(['csv', 'jsonl'], { message: 'format must be csv or jsonl' })
  format?: ExportFormat;
}
