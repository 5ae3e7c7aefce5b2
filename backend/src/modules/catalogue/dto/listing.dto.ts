import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BILLING_PERIODS,
  CALCULATION_TYPES,
  DataProcessing,
  INTEGRATIONS,
  ListingApplicationType,
  ListingContent,
  ListingHostingType,
  ListingIntegration,
  ListingPrice,
  PriceTier,
  PRICE_TYPES,
  PROVISIONING_TYPES,
  QUANTITY_BASES,
  ServiceLevels,
} from '../listing';

/** Largest unit price we accept: £10,000,000 in hundredths of a penny. */
export const MAX_PRICE = 100_000_000_000;

export class PriceTierDto implements PriceTier {
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(1_000_000_000) from: number;
  @ApiProperty({ nullable: true, type: Number, description: 'null for the last, open-ended tier' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  to: number | null;
  @ApiProperty({ description: 'Unit price in hundredths of a penny (£1.26 = 12600)', minimum: 0 })
  @IsInt({ message: '$property must be a whole number of hundredths of a penny' })
  @Min(0, { message: '$property must not be negative' })
  @Max(MAX_PRICE)
  priceHundredthsOfPenny: number;
}

export class ListingPriceDto implements ListingPrice {
  @ApiProperty({ description: 'Stable id of the price within the item, kept across versions', example: 'p1' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'id must be 1 to 40 letters, digits, - or _' })
  id: string;
  @ApiProperty({ enum: PROVISIONING_TYPES }) @IsIn(PROVISIONING_TYPES) provisioningType: ListingPrice['provisioningType'];
  @ApiProperty({ enum: PRICE_TYPES }) @IsIn(PRICE_TYPES) priceType: ListingPrice['priceType'];
  @ApiProperty({ enum: CALCULATION_TYPES }) @IsIn(CALCULATION_TYPES) calculationType: ListingPrice['calculationType'];
  @ApiProperty({ enum: QUANTITY_BASES }) @IsIn(QUANTITY_BASES) quantityBasis: ListingPrice['quantityBasis'];
  @ApiProperty({ enum: BILLING_PERIODS }) @IsIn(BILLING_PERIODS) billingPeriod: ListingPrice['billingPeriod'];
  @ApiProperty({ example: 'per patient' }) @IsString() @IsNotEmpty() @MaxLength(100) unit: string;
  @ApiProperty({ type: [PriceTierDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PriceTierDto)
  tiers: PriceTierDto[];
}

export class ListingIntegrationDto implements ListingIntegration {
  @ApiProperty({ enum: INTEGRATIONS }) @IsIn(INTEGRATIONS) integration: ListingIntegration['integration'];
  @ApiProperty({ example: 'Bulk' }) @IsString() @MaxLength(100) type: string;
  @ApiPropertyOptional({ enum: ['provider', 'consumer'] }) @IsOptional() @IsIn(['provider', 'consumer']) role?: 'provider' | 'consumer';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) integratesWith?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) description?: string;
}

export class ListingApplicationTypeDto implements ListingApplicationType {
  @ApiProperty({ example: 'browser-based' }) @IsString() @MaxLength(32) key: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) @IsObject() details: Record<string, string>;
}

export class ListingHostingTypeDto implements ListingHostingType {
  @ApiProperty({ example: 'PublicCloud' }) @IsString() @MaxLength(32) key: string;
  @ApiProperty() @IsString() @MaxLength(1000) summary: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_protocol: true, protocols: ['https', 'http'] }) @MaxLength(500) link?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) hostingModel?: string;
  @ApiProperty() @IsBoolean() requiresHscn: boolean;
}

export class ServiceLevelsDto implements ServiceLevels {
  @ApiProperty() @IsString() @MaxLength(500) availability: string;
  @ApiProperty() @IsString() @MaxLength(500) supportHours: string;
  @ApiProperty() @IsString() @MaxLength(1000) responseTimes: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) plannedMaintenance?: string;
}

export class DataProcessingDto implements DataProcessing {
  @ApiProperty({ example: 'UK only' }) @IsString() @MaxLength(200) dataLocation: string;
  @ApiProperty() @IsString() @MaxLength(3000) processingSummary: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true }) subProcessors: string[];
}

/**
 * A listing as the vendor saves it. Only the name is required for a draft; everything else may be
 * left out and is checked for completeness when the draft is submitted.
 */
export class ListingContentDto implements Partial<ListingContent> {
  @ApiProperty({ maxLength: 100 }) @IsString() @IsNotEmpty({ message: 'Enter a name' }) @MaxLength(100) name: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) summary?: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  features?: string[];
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @ArrayUnique() @IsInt({ each: true }) capabilityIds?: number[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  epicIds?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  frameworkIds?: string[];
  @ApiPropertyOptional({ type: [ListingIntegrationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ListingIntegrationDto)
  integrations?: ListingIntegrationDto[];
  @ApiPropertyOptional({ type: [ListingApplicationTypeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => ListingApplicationTypeDto)
  applicationTypes?: ListingApplicationTypeDto[];
  @ApiPropertyOptional({ type: [ListingHostingTypeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => ListingHostingTypeDto)
  hostingTypes?: ListingHostingTypeDto[];
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) implementation?: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) roadmap?: string;
  @ApiPropertyOptional({ type: ServiceLevelsDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ServiceLevelsDto)
  serviceLevels?: ServiceLevelsDto | null;
  @ApiPropertyOptional({ type: DataProcessingDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DataProcessingDto)
  dataProcessing?: DataProcessingDto | null;
  @ApiPropertyOptional({ type: [ListingPriceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ListingPriceDto)
  prices?: ListingPriceDto[];
  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_protocol: true, protocols: ['https', 'http'] }) @MaxLength(500) aboutUrl?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) orderGuidance?: string;
}

/** Listing content as stored and returned (always the full shape). */
export class ListingContentView implements ListingContent {
  @ApiProperty() name: string;
  @ApiProperty() summary: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) features: string[];
  @ApiProperty({ type: [Number] }) capabilityIds: number[];
  @ApiProperty({ type: [String] }) epicIds: string[];
  @ApiProperty({ type: [String] }) frameworkIds: string[];
  @ApiProperty({ type: [ListingIntegrationDto] }) integrations: ListingIntegrationDto[];
  @ApiProperty({ type: [ListingApplicationTypeDto] }) applicationTypes: ListingApplicationTypeDto[];
  @ApiProperty({ type: [ListingHostingTypeDto] }) hostingTypes: ListingHostingTypeDto[];
  @ApiProperty() implementation: string;
  @ApiProperty() roadmap: string;
  @ApiProperty({ type: ServiceLevelsDto, nullable: true }) serviceLevels: ServiceLevelsDto | null;
  @ApiProperty({ type: DataProcessingDto, nullable: true }) dataProcessing: DataProcessingDto | null;
  @ApiProperty({ type: [ListingPriceDto] }) prices: ListingPriceDto[];
  @ApiPropertyOptional() aboutUrl?: string;
  @ApiPropertyOptional() orderGuidance?: string;
}
