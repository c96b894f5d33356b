import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { KEY_PATTERN } from '../../catalog/dto/catalog.dto.js';
import { IsSwedishOrgNumber } from './org-number.validator.js';

/** Group (koncern) identifiers are chosen by the operator: the same value on every organization of the group. */
export const GROUP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/**
 * R-ORG-1. The org number's format and Luhn digit are validated here (400 naming `orgNumber`) with the
 * domain's `luhnValid`; the domain stores the canonical `NNNNNN-NNNN` form.
 */
export class RegisterOrganizationDto {
  @ApiProperty({ example: 'Acme AB', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: '556016-0680', pattern: '^\\d{6}-?\\d{4}$', description: 'Swedish organization number; the last digit is a Luhn check digit.' })
  @IsSwedishOrgNumber()
  orgNumber!: string;

  @ApiPropertyOptional({ example: 'acme-group', maxLength: 64, description: 'The group (koncern): main responsibles may be employed by any organization of it (R-ORG-2).' })
  @IsOptional()
  @IsString()
  @Matches(GROUP_ID_PATTERN, { message: 'groupId must be 1–64 letters, digits, ".", "_", ":" or "-"' })
  groupId?: string;
}

/** The optional why of an ending (agreement terminated, appointment dismissed): kept in the audit trail. */
export class ReasonDto {
  @ApiPropertyOptional({ example: 'Avtalet sagt upp av kunden', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class SubscribeServiceDto {
  @ApiProperty({ example: 'payroll', description: 'The catalog key of the service.' })
  @IsString()
  @Matches(KEY_PATTERN, { message: 'service must be a catalog key (1–64 lower-case letters, digits, ".", "_" or "-")' })
  service!: string;
}
