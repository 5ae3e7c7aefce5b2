import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ListQuery } from '../../../core/http/paging';
import { ITEM_ID, SearchFilters } from './search-query.dto';
import { SearchResults } from './search.dto';

export class CreateShortlistBody {
  @ApiProperty({ example: 'Online appointments 2026', description: 'Unique within your organisation (ignoring case)' })
  @IsString()
  @MinLength(1, { message: 'Enter a name for the shortlist' })
  @MaxLength(100)
  @Matches(/\S/, { message: 'Enter a name for the shortlist' })
  name: string;

  @ApiPropertyOptional({ type: SearchFilters, description: 'The search to save: the same filters as GET /catalogue/search' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SearchFilters)
  filters?: SearchFilters;

  @ApiPropertyOptional({ type: [String], example: ['10000-001'], description: 'Chosen listed items; each records the listing version seen now' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(ITEM_ID, { each: true, message: 'itemIds must be catalogue item ids such as 10000-001' })
  itemIds?: string[];
}

export class UpdateShortlistBody {
  @ApiPropertyOptional({ example: 'Online appointments 2026' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'Enter a name for the shortlist' })
  @MaxLength(100)
  @Matches(/\S/, { message: 'Enter a name for the shortlist' })
  name?: string;

  @ApiPropertyOptional({ type: SearchFilters, description: 'Replaces the saved filters' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SearchFilters)
  filters?: SearchFilters;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the chosen items; items already chosen keep the version recorded then' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(ITEM_ID, { each: true, message: 'itemIds must be catalogue item ids such as 10000-001' })
  itemIds?: string[];
}

export class ShortlistIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a shortlist id (a UUID)' })
  id: string;
}

export class ShortlistListQuery extends ListQuery {}

export const SHORTLIST_SORTS = ['name', 'createdAt', 'updatedAt'] as const;

export class ShortlistSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: SearchFilters }) filters: SearchFilters;
  @ApiProperty() itemCount: number;
  @ApiProperty({ type: String, nullable: true }) createdByName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ShortlistItem {
  @ApiProperty({ example: '10000-001' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ format: 'uuid', description: 'The listing version seen when the item was chosen' }) savedVersionId: string;
  @ApiProperty() savedVersion: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The version live now (null if no longer listed)' }) liveVersionId: string | null;
  @ApiProperty({ description: 'A newer version has been published since it was chosen' }) newerVersionLive: boolean;
  @ApiProperty({ description: 'Still listed (published or in remediation)' }) listed: boolean;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

export class ShortlistDetail extends ShortlistSummary {
  @ApiProperty({ type: [ShortlistItem] }) items: ShortlistItem[];
  @ApiProperty({ type: SearchResults, description: 'The saved search run now (first page)' }) results: SearchResults;
}
