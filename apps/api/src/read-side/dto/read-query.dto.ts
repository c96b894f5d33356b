import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/** The query-string part every query accepts: `minPosition` (R-READ-7, read your writes). */
export class ReadQueryDto {
  @ApiPropertyOptional({ description: 'Answer only once the read model has reached this log position (a command answer’s `position`); 503 READ_MODEL_BEHIND after READ_WAIT_MS.', example: '42' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'minPosition must be a log position (a non-negative whole number)' })
  minPosition?: string;
}

/** A list query: `?limit=` (default 100, max 1000) and `?cursor=` (the previous page's `nextCursor`). */
export class PageQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;
}
