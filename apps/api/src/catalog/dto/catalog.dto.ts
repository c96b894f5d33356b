import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';

/** Keys are short, lower-case, URL-safe names chosen by the operator (`payroll`, `invoice-archive`). */
export const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const KEY_REASON = 'must be 1–64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit';

export class RegisterServiceDto {
  @ApiProperty({ example: 'payroll' })
  @IsString()
  @Matches(KEY_PATTERN, { message: `key ${KEY_REASON}` })
  key!: string;

  @ApiProperty({ example: 'Payroll reports' })
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class DefinePackageDto {
  @ApiProperty({ example: 'base' })
  @IsString()
  @Matches(KEY_PATTERN, { message: `key ${KEY_REASON}` })
  key!: string;

  @ApiProperty({ example: 'Base package' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ type: [String], example: ['payroll', 'invoices'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(KEY_PATTERN, { each: true, message: `each service ${KEY_REASON}` })
  services!: string[];
}
