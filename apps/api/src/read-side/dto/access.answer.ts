import { ApiProperty } from '@nestjs/swagger';

export class AccessAtItemAnswer {
  @ApiProperty({ format: 'uuid' })
  memberId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'The member’s type at that instant.' })
  type!: string;

  @ApiProperty({ type: [String], description: 'The grants that gave the access.' })
  grantIds!: string[];
}

/** R-READ-3: who could use the service at the instant. */
export class AccessAtAnswer {
  @ApiProperty()
  at!: string;

  @ApiProperty()
  service!: string;

  @ApiProperty({ type: [AccessAtItemAnswer] })
  items!: AccessAtItemAnswer[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

/** R-READ-5: the domain's answer with every reason. */
export class AccessCheckAnswer {
  @ApiProperty()
  allowed!: boolean;

  @ApiProperty({ type: [String], example: ['NO_VALID_GRANT', 'GRANT_EXPIRED'], description: 'Denied: every reason. Allowed: notes such as EMPLOYER_CODE_CLOSED_READ_ONLY.' })
  reasons!: string[];

  @ApiProperty({ type: [String] })
  grantIds!: string[];

  @ApiProperty({ description: 'A closed employer code stays usable for reading only.' })
  readOnly!: boolean;

  @ApiProperty()
  at!: string;
}
