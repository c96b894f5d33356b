import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class InactivityItemAnswer {
  @ApiProperty({ format: 'uuid' })
  memberId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ['no-login', 'invitation-not-accepted'] })
  kind!: string;

  @ApiPropertyOptional()
  lastLoginAt?: string;

  @ApiPropertyOptional()
  invitedAt?: string;
}

/** R-TIME-5: members with no login for `months` months, and invitations never accepted. */
export class InactivityAnswer {
  @ApiProperty()
  months!: number;

  @ApiProperty()
  at!: string;

  @ApiProperty({ type: [InactivityItemAnswer] })
  items!: InactivityItemAnswer[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class ExpiringItemAnswer {
  @ApiProperty({ format: 'uuid' })
  memberId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ['grant', 'appointment', 'external-end'] })
  kind!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  grantId?: string;

  @ApiPropertyOptional()
  service?: string;

  @ApiPropertyOptional({ description: 'A business role (grant) or an authority role (appointment).' })
  role?: string;

  @ApiPropertyOptional()
  level?: number;

  @ApiProperty()
  expiresAt!: string;

  @ApiProperty()
  daysLeft!: number;
}

/** What ends within `days` days, soonest first. */
export class ExpiringAnswer {
  @ApiProperty()
  days!: number;

  @ApiProperty()
  at!: string;

  @ApiProperty({ type: [ExpiringItemAnswer] })
  items!: ExpiringItemAnswer[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
