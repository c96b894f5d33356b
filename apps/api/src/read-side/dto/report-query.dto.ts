import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from './read-query.dto.js';

/** `GET …/reports/inactivity?months=18` (R-TIME-5). */
export class InactivityQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 120, default: 18, description: 'No login for at least this many months.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'months must be a whole number' })
  @Min(1)
  @Max(120)
  months?: number;
}

/** `GET …/reports/expiring?days=30` (R-TIME-2). */
export class ExpiringQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1096, default: 30, description: 'Ends within this many days.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'days must be a whole number' })
  @Min(1)
  @Max(1096)
  days?: number;
}
