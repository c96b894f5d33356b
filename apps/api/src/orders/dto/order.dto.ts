import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { KEY_PATTERN } from '../../catalog/dto/catalog.dto.js';

/** What an orderer may order (R-ORD-1); connection applications have their own route (R-ORD-4). */
export const ORDER_KINDS = ['service', 'agent-assignment'] as const;
export type PlaceableOrderKind = (typeof ORDER_KINDS)[number];

const SERVICE_REASON = 'service must be a catalog key (1–64 lower-case letters, digits, ".", "_" or "-")';

export class PlaceOrderDto {
  @ApiProperty({ example: 'payroll', description: 'The catalog key of the ordered service.' })
  @IsString()
  @Matches(KEY_PATTERN, { message: SERVICE_REASON })
  service!: string;

  @ApiPropertyOptional({ enum: ORDER_KINDS, default: 'service', description: '`agent-assignment` needs the agent-orderer role.' })
  @IsOptional()
  @IsIn(ORDER_KINDS)
  kind?: PlaceableOrderKind;

  @ApiPropertyOptional({ example: 'For the payroll team from March', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class RejectOrderDto {
  @ApiProperty({ example: 'Not in this year’s budget', maxLength: 1000, description: 'Why the attestant refuses (R-ORD-3).' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class RegisterConnectionApplicationDto {
  @ApiProperty({ example: 'e-archive', description: 'The agent’s service the customer wants to connect to.' })
  @IsString()
  @Matches(KEY_PATTERN, { message: SERVICE_REASON })
  service!: string;

  @ApiProperty({ format: 'uuid', description: 'The customer organization that applies.' })
  @IsUUID()
  applicantOrganizationId!: string;

  @ApiPropertyOptional({ example: 'Applied by phone on 3 March', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}
