import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { MEMBER_TYPES, type MemberType } from '@behorighet/domain';
import { INSTANT, instantReason } from './instant.js';


/** R-MEM-1/2: a member invited by e-mail (or, `person-only`, registered without an invitation). */
export class InviteMemberDto {
  @ApiPropertyOptional({ format: 'email', example: 'anna.berg@example.se', description: 'Required unless the type is `person-only`.' })
  @ValidateIf((dto: InviteMemberDto) => dto.type !== 'person-only' || dto.email !== undefined)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @Length(3, 254)
  email?: string;

  @ApiProperty({ example: 'Anna Berg', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: MEMBER_TYPES, example: 'employee', description: 'R-MEM-1: `external` needs `endsAt`, `reseller` needs `resellerOrgId`.' })
  @IsIn(MEMBER_TYPES)
  type!: MemberType;

  @ApiPropertyOptional({ example: 'se-eid:197001011234', maxLength: 200, description: 'The only person who may accept, when known in advance.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subject?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The unit the member belongs to (administrators act within their unit subtree).' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-08-31T22:00:00Z', description: 'End date; required for `external` only (R-MEM-8).' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: instantReason('endsAt') })
  endsAt?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'For `reseller`: the reseller organization the person is an active member of.' })
  @IsOptional()
  @IsUUID()
  resellerOrgId?: string;

  @ApiPropertyOptional({ example: 'Välkommen! Du får tillgång till lönemodulen.', maxLength: 2000, description: 'A personal message in the invitation e-mail.' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  message?: string;
}

export class ResendInvitationDto {
  @ApiPropertyOptional({ example: 'Påminnelse: acceptera inbjudan innan fredag.', maxLength: 2000, description: 'A new personal message.' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  message?: string;
}

/** R-MEM-6: employment ends now, or at a future instant. */
export class EndEmploymentDto {
  @ApiPropertyOptional({ format: 'date-time', example: '2026-06-30T22:00:00Z', description: 'Now when absent; never in the past.' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: instantReason('effectiveAt') })
  effectiveAt?: string;

  @ApiPropertyOptional({ example: 'Slutat sin anställning', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

/** The optional why of a removal, deactivation, deletion or revocation (kept in the audit trail). */
export class ReasonDto {
  @ApiPropertyOptional({ example: 'Byter avdelning', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class AcceptInvitationDto {
  @ApiPropertyOptional({
    description: 'The token of the invitation e-mail. Needed when the invitation did not name the person’s subject; then whoever presents it is the invitee.',
    example: 'q3Zp…',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  token?: string;
}
