import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** An authority in force: role, level, scope and how long it lasts. */
export class AdminViewAnswer {
  @ApiProperty({ enum: ['main-responsible', 'delegate', 'administrator'] })
  role!: string;

  @ApiPropertyOptional({ enum: [1, 2, 3, 4] })
  level?: number;

  @ApiPropertyOptional({ description: 'The unit whose subtree it covers; absent = the whole organization.' })
  scopeUnitId?: string;

  @ApiProperty()
  validUntil!: string;

  @ApiProperty()
  daysLeft!: number;
}

export class GrantViewAnswer {
  @ApiProperty({ format: 'uuid' })
  grantId!: string;

  @ApiPropertyOptional({ example: 'payroll' })
  service?: string;

  @ApiPropertyOptional({ example: 'attestant' })
  role?: string;

  @ApiPropertyOptional()
  package?: string;

  @ApiPropertyOptional({ type: [String] })
  employerCodes?: string[];

  @ApiProperty()
  validFrom!: string;

  @ApiProperty()
  validUntil!: string;

  @ApiProperty({ description: 'Whole days until validUntil, rounded up.' })
  daysLeft!: number;
}
