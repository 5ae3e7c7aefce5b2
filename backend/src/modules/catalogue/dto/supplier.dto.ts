import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsNotEmpty, IsObject, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateNested } from 'class-validator';

export const COMPANIES_HOUSE_NUMBER = /^([0-9]{8}|[A-Z]{2}[0-9]{6})$/;
export const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i;

export class SupplierAddressDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) line1: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) line2?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) town: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) county?: string;
  @ApiProperty({ example: 'LS1 4HR' }) @IsString() @Matches(UK_POSTCODE, { message: 'postcode must be a UK postcode, like LS1 4HR' }) postcode: string;
}

export class SupplierContactDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) role?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[0-9 +()-]{6,32}$/, { message: 'phone must be a telephone number' }) phone?: string;
}

/** What a vendor may change on its supplier profile (the trading name is the organisation's). */
export class UpdateSupplierRequest {
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) legalName?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '01234567', description: '8 digits, or 2 letters and 6 digits' })
  @IsOptional()
  @Matches(COMPANIES_HOUSE_NUMBER, { message: 'companiesHouseNumber must be 8 digits, or 2 capital letters and 6 digits' })
  companiesHouseNumber?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 3000 }) @IsOptional() @IsString() @MaxLength(3000) summary?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'https://www.example.com/' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['https'] }, { message: 'website must be an https:// address' })
  @MaxLength(500)
  website?: string | null;
  @ApiPropertyOptional({ nullable: true, type: SupplierAddressDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => SupplierAddressDto) address?: SupplierAddressDto | null;
  @ApiPropertyOptional({ type: [SupplierContactDto], maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SupplierContactDto)
  contacts?: SupplierContactDto[];
}

export class SupplierProfile {
  @ApiProperty({ example: '10000', description: 'Supplier id (organisation code)' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) legalName: string | null;
  @ApiProperty({ nullable: true, type: String }) companiesHouseNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty({ nullable: true, type: SupplierAddressDto }) address: SupplierAddressDto | null;
  @ApiProperty({ type: [SupplierContactDto] }) contacts: SupplierContactDto[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt: string | null;
}
