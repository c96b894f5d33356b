import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

/** Employer codes are the organization's billing identities (`AG-1234`); they appear in paths, so URL-safe. */
export const EMPLOYER_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
export const EMPLOYER_CODE_REASON = 'code must be 1–32 letters, digits, ".", "_" or "-", starting with a letter or digit';

/** R-ORG-6: a unit of the organization's tree (department, sub-department). */
export class CreateUnitDto {
  @ApiProperty({ example: 'Ekonomiavdelningen', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The parent unit; a top-level unit when absent.' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class AddEmployerCodeDto {
  @ApiProperty({ example: 'AG-1234', pattern: EMPLOYER_CODE_PATTERN.source })
  @IsString()
  @Matches(EMPLOYER_CODE_PATTERN, { message: EMPLOYER_CODE_REASON })
  code!: string;
}
