import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AdminViewAnswer } from './member-view.answer.js';

export class MembershipAnswer {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty()
  organizationName!: string;

  @ApiProperty({ format: 'uuid' })
  memberId!: string;

  @ApiProperty({ type: [String], example: ['main-responsible', 'attestant'], description: 'Its authority (`administrator-L1`…`L4` for levels) and business roles in force now.' })
  roles!: string[];

  @ApiPropertyOptional({ type: AdminViewAnswer })
  admin?: AdminViewAnswer;
}

/** `GET /v1/me`: the caller's active memberships. */
export class MeAnswer {
  @ApiProperty()
  subject!: string;

  @ApiProperty({ type: [MembershipAnswer] })
  memberships!: MembershipAnswer[];
}

export class AuthorityAnswer {
  @ApiProperty({ format: 'uuid' })
  memberId!: string;

  @ApiProperty()
  name!: string;

  @ApiPropertyOptional({ enum: [1, 2, 3, 4] })
  level?: number;

  @ApiPropertyOptional({ description: 'Scope unit of an administrator; absent = the whole organization.' })
  unitId?: string;

  @ApiProperty()
  validUntil!: string;
}

/** R-ADM-4: who holds authority in the organization now. */
export class AdministratorsAnswer {
  @ApiProperty({ type: [AuthorityAnswer] })
  mainResponsibles!: AuthorityAnswer[];

  @ApiProperty({ type: [AuthorityAnswer] })
  delegates!: AuthorityAnswer[];

  @ApiProperty({ type: [AuthorityAnswer] })
  administrators!: AuthorityAnswer[];
}
