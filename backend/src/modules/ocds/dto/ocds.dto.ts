import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { PageParam, PageSizeParam } from '../../../core/http/paging';

export class OcidParam {
  @ApiProperty({ example: 'ocds-gpitm-C000123', description: 'Open Contracting ID: the configured prefix and the order number' })
  @IsString()
  @Matches(/^ocds-[a-z0-9]{1,24}-C\d{6}$/, { message: 'ocid must look like ocds-xxxxxx-C000123' })
  ocid: string;
}

export const RELEASES_PER_PAGE = 100;

/** Paged as ListQuery is (larger pages), without its sorting and search: releases come by date. */
export class OcdsBulkQuery {
  @ApiProperty({ example: 'QHM', description: 'ODS code of the ICB whose contracts (buyers in its area) to return' })
  @IsString()
  @Matches(/^[A-Za-z0-9]{3,8}$/, { message: 'icb must be an ICB code, like QHM' })
  icb: string;

  @ApiPropertyOptional({ example: '2027-01-01', format: 'date', description: 'Releases on or after this day (UK)' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date, like 2027-01-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2027-12-31', format: 'date', description: 'Releases on or before this day (UK)' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date, like 2027-12-31' })
  to?: string;

  @PageParam()
  page?: number;

  @PageSizeParam(1000, RELEASES_PER_PAGE)
  pageSize?: number;
}
