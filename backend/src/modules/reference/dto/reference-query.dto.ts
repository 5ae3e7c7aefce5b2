import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ListQuery } from '../../../core/http/paging';
import { CAPABILITY_STATUSES, COMPLIANCY, STANDARD_CATEGORIES, STANDARD_TYPES } from '../catalogue.data';

export const FRAMEWORK_STATUSES = ['coming', 'open', 'pending', 'standstill', 'live', 'expired'] as const;

const CAPABILITY_REF = /^[Cc]\d{1,3}$/;
const STANDARD_ID = /^[Ss]\d{1,6}$/;
const FRAMEWORK_ID = /^[A-Za-z0-9]{2,16}$/;

/** Query strings carry text; only the words true and false become booleans, anything else fails validation. */
const toBoolean = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

export class CapabilityListQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'Category id, or its exact name', example: 'Citizen services' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string;

  @ApiPropertyOptional({ description: 'Only capabilities on this framework', example: 'TIF001' })
  @IsOptional()
  @Matches(FRAMEWORK_ID, { message: 'framework must be a framework id such as TIF001' })
  framework?: string;

  @ApiPropertyOptional({ enum: CAPABILITY_STATUSES })
  @IsOptional()
  @IsIn(CAPABILITY_STATUSES)
  status?: (typeof CAPABILITY_STATUSES)[number];
}

export class EpicListQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'Only epics of this capability', example: 'C1' })
  @IsOptional()
  @Matches(CAPABILITY_REF, { message: 'capability must be a capability reference such as C1' })
  capability?: string;

  @ApiPropertyOptional({ enum: COMPLIANCY, description: 'With `capability`: the epic’s level for that capability; without: at that level for any capability' })
  @IsOptional()
  @IsIn(COMPLIANCY)
  compliancy?: (typeof COMPLIANCY)[number];

  @ApiPropertyOptional({ type: Boolean, description: 'true: active epics only; false: retired ones only; omitted: both' })
  @IsOptional()
  @toBoolean()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class StandardListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: STANDARD_TYPES })
  @IsOptional()
  @IsIn(STANDARD_TYPES)
  type?: (typeof STANDARD_TYPES)[number];

  @ApiPropertyOptional({ enum: STANDARD_CATEGORIES, description: 'The category used before October 2024' })
  @IsOptional()
  @IsIn(STANDARD_CATEGORIES)
  category?: (typeof STANDARD_CATEGORIES)[number];

  @ApiPropertyOptional({ description: 'Only standards that apply to this capability', example: 'C1' })
  @IsOptional()
  @Matches(CAPABILITY_REF, { message: 'capability must be a capability reference such as C1' })
  capability?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Include standards the catalogue has deleted' })
  @IsOptional()
  @toBoolean()
  @IsBoolean({ message: 'includeDeleted must be true or false' })
  includeDeleted?: boolean;
}

export class FrameworkListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: FRAMEWORK_STATUSES })
  @IsOptional()
  @IsIn(FRAMEWORK_STATUSES)
  status?: (typeof FRAMEWORK_STATUSES)[number];
}

/** For endpoints that take no query parameters: any parameter is refused rather than ignored. */
export class NoQuery {}

export class CapabilityRefParam {
  @ApiProperty({ example: 'C1', description: 'Capability reference' })
  @Matches(CAPABILITY_REF, { message: 'ref must be a capability reference such as C1' })
  ref: string;
}

export class StandardIdParam {
  @ApiProperty({ example: 'S24' })
  @Matches(STANDARD_ID, { message: 'id must be a standard id such as S24' })
  id: string;
}

export class FrameworkIdParam {
  @ApiProperty({ example: 'TIF001' })
  @Matches(FRAMEWORK_ID, { message: 'id must be a framework id such as TIF001' })
  id: string;
}
