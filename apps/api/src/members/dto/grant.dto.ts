import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, IsString, Matches } from 'class-validator';
import { BUSINESS_ROLES, type BusinessRole } from '@behorighet/domain';
import { KEY_PATTERN } from '../../catalog/dto/catalog.dto.js';
import { CommandAnswer } from '../../common/command-answer.js';
import { EMPLOYER_CODE_PATTERN } from '../../organizations/dto/structure.dto.js';
import { ExactlyOneOf } from './exactly-one-of.validator.js';
import { INSTANT, instantReason } from './instant.js';

const TARGETS = ['service', 'package', 'role'] as const;
const KEY_REASON = (field: string) => `${field} must be a catalog key (1–64 lower-case letters, digits, ".", "_" or "-")`;

/** R-GRT-1: a service (maybe limited to employer codes), a package (one grant per service) or a business role. */
export class IssueGrantDto {
  @ApiPropertyOptional({ example: 'payroll', description: 'A service key. Exactly one of service, package, role.' })
  @ExactlyOneOf(TARGETS)
  @IsString()
  @Matches(KEY_PATTERN, { message: KEY_REASON('service') })
  service?: string;

  @ApiPropertyOptional({ example: 'base', description: 'A package key: one grant per service in it. Exactly one of service, package, role.' })
  @ExactlyOneOf(TARGETS)
  @IsString()
  @Matches(KEY_PATTERN, { message: KEY_REASON('package') })
  package?: string;

  @ApiPropertyOptional({ enum: BUSINESS_ROLES, example: 'attestant', description: 'A business role. Exactly one of service, package, role.' })
  @ExactlyOneOf(TARGETS)
  @IsIn(BUSINESS_ROLES)
  role?: BusinessRole;

  @ApiPropertyOptional({ type: [String], example: ['AG-100'], description: 'Limits a service grant to these employer codes.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(EMPLOYER_CODE_PATTERN, { each: true, message: 'each employer code must be 1–32 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  employerCodes?: string[];

  @ApiPropertyOptional({ format: 'date-time', example: '2026-01-01T00:00:00Z', description: 'Now when absent; never in the past.' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: instantReason('validFrom') })
  validFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2027-01-01T00:00:00Z', description: 'At most 36 months after validFrom; the maximum when absent (R-TIME-1).' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: instantReason('validUntil') })
  validUntil?: string;
}

/** R-TIME-3: a new end, at most 36 months from the extension. */
export class ExtendGrantDto {
  @ApiProperty({ format: 'date-time', example: '2028-01-01T00:00:00Z' })
  @IsISO8601(INSTANT, { message: instantReason('validUntil') })
  validUntil!: string;
}

/** What issuing grants answers: the first grant's id, and every id (a package issues one grant per service). */
export class IssuedGrantsAnswer extends CommandAnswer {
  @ApiProperty({ type: [String], format: 'uuid', description: 'One id per grant issued, in the package’s service order.' })
  ids!: string[];
}
