import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';

/** Instants in bodies: ISO-8601 with date and time; the domain also insists on a zone (422 INVALID_INSTANT). */
const INSTANT = { strict: true, strictSeparator: true } as const;
const instantReason = (field: string) => `${field} must be an ISO-8601 instant, e.g. 2026-01-01T00:00:00Z`;
export const ADMIN_LEVELS = [1, 2, 3, 4] as const;

/** An appointment's requested validity; both default (now, now + 36 months) and the domain enforces R-TIME-1. */
export class ValidityDto {
  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-01T00:00:00Z', description: 'Now when absent; never in the past.' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: instantReason('validFrom') })
  validFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2028-03-01T00:00:00Z', description: 'At most 36 months after validFrom (R-TIME-1); the maximum when absent.' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: instantReason('validUntil') })
  validUntil?: string;
}

/** R-ORG-2: the organization's own registration of its main responsible, entered by the operator. */
export class RegisterMainResponsibleDto extends ValidityDto {
  @ApiProperty({ example: 'se-eid:197001011234', maxLength: 200, description: 'The person\'s e-ID subject; an existing member with it is appointed.' })
  @IsString()
  @Length(1, 200)
  subject!: string;

  @ApiProperty({ example: 'Maria Lind', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ format: 'email', example: 'maria.lind@example.se' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @Length(3, 254)
  email!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The employing organization when not this one; it must be in the same group (R-ORG-2).' })
  @IsOptional()
  @IsUUID()
  employedBy?: string;
}

/** R-ORG-5: a main responsible registers a delegate among the members. */
export class AppointDelegateDto extends ValidityDto {
  @ApiProperty({ format: 'uuid', description: 'The member who becomes delegate (never the caller, R-ADM-5).' })
  @IsUUID()
  memberId!: string;
}

/** R-ADM-1…3: an administrator at a level, for the whole organization or a unit subtree. */
export class AppointAdministratorDto extends ValidityDto {
  @ApiProperty({ format: 'uuid', description: 'The member who becomes administrator (never the caller, R-ADM-5).' })
  @IsUUID()
  memberId!: string;

  @ApiProperty({ type: 'integer', enum: ADMIN_LEVELS, example: 2, description: 'L1 appoints L1–L4, L2 appoints L3–L4, L3 edits members, L4 views (R-ADM-2).' })
  @IsIn(ADMIN_LEVELS, { message: 'level must be one of 1, 2, 3, 4' })
  level!: 1 | 2 | 3 | 4;

  @ApiPropertyOptional({ format: 'uuid', description: 'The scope: this unit and its descendants; the whole organization when absent (R-ADM-3).' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

/** R-TIME-3: a new end, at most 36 months from the extension. */
export class ExtendAppointmentDto {
  @ApiProperty({ format: 'date-time', example: '2029-01-01T00:00:00Z', description: 'In the future and at most 36 months from now.' })
  @IsISO8601(INSTANT, { message: instantReason('validUntil') })
  validUntil!: string;
}
