import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AdminViewAnswer, GrantViewAnswer } from './member-view.answer.js';

export class OverviewMemberAnswer {
  @ApiProperty({ format: 'uuid' })
  memberId!: string;

  @ApiProperty()
  name!: string;

  @ApiPropertyOptional()
  email?: string;

  @ApiProperty({ enum: ['employee', 'consultant', 'reseller', 'external', 'no-system-access', 'person-only'] })
  type!: string;

  @ApiProperty({ enum: ['active', 'invited', 'left', 'external-ended', 'blocked', 'deactivated'] })
  status!: string;

  @ApiPropertyOptional()
  unitId?: string;

  @ApiProperty({ type: [String], example: ['administrator-L2', 'attestant'], description: 'Its authority and its business roles in force now.' })
  roles!: string[];

  @ApiPropertyOptional({ type: AdminViewAnswer })
  admin?: AdminViewAnswer;

  @ApiProperty({ type: [GrantViewAnswer], description: 'Grants not ended (including those that start later).' })
  grants!: GrantViewAnswer[];

  @ApiPropertyOptional()
  lastLoginAt?: string;

  @ApiPropertyOptional({ description: 'An external member’s end date.' })
  endsAt?: string;

  @ApiProperty({ type: [String], enum: ['expiring-soon', 'inactive', 'leaver', 'external-ending', 'headless-organization'], isArray: true })
  flags!: string[];
}

export class OrganizationWarningAnswer {
  @ApiProperty({ enum: ['NO_MAIN_RESPONSIBLE', 'TOO_MANY_MAIN_RESPONSIBLES', 'AGREEMENT_TERMINATED'] })
  code!: string;

  @ApiPropertyOptional({ description: 'How many main responsibles hold authority now.' })
  count?: number;
}

/** R-READ-1: one page of the members in the caller's scope, with the organization's warnings (R-ORG-3). */
export class OverviewAnswer {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'The instant the answer is computed for.' })
  at!: string;

  @ApiProperty({ type: [OrganizationWarningAnswer] })
  warnings!: OrganizationWarningAnswer[];

  @ApiProperty({ type: [OverviewMemberAnswer] })
  items!: OverviewMemberAnswer[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
