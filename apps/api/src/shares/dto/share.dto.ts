import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import type { ShareAction, SharedResource } from '@behorighet/domain';

/** A member's personal resources (R-SHR-1) and the rights over them (R-SHR-2). */
export const SHARED_RESOURCES: readonly SharedResource[] = ['address-book', 'workspace'];
export const SHARE_ACTIONS: readonly ShareAction[] = ['read', 'edit'];

export class ShareAccessDto {
  @ApiProperty({ enum: SHARED_RESOURCES, example: 'workspace' })
  @IsIn(SHARED_RESOURCES)
  resource!: SharedResource;

  @ApiProperty({ format: 'uuid', description: 'The member who receives the access (never the caller, R-ADM-5).' })
  @IsUUID()
  memberId!: string;

  @ApiProperty({ enum: SHARE_ACTIONS, isArray: true, example: ['read', 'edit'], description: 'Action rights.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SHARE_ACTIONS.length)
  @ArrayUnique()
  @IsIn(SHARE_ACTIONS, { each: true })
  actions!: ShareAction[];

  @ApiPropertyOptional({ enum: SHARE_ACTIONS, isArray: true, example: ['read'], description: 'Rights the holder may share on; among the actions.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SHARE_ACTIONS.length)
  @ArrayUnique()
  @IsIn(SHARE_ACTIONS, { each: true })
  grantable?: ShareAction[];

  @ApiPropertyOptional({ default: false, description: 'The holder may give others grantable rights.' })
  @IsOptional()
  @IsBoolean()
  authorize?: boolean;
}
