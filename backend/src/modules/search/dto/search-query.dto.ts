import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ACCREDITATION_STATUSES, ITEM_TYPES } from '../../catalogue/listing';

export const SEARCH_SORTS = ['relevance', 'name', '-published'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** `?capability=C1&capability=C5` and `?capability=C1,C5` mean the same; JSON bodies send arrays. */
const toList = () =>
  Transform(({ value }) => {
    if (value === undefined || value === null) return value;
    const values = Array.isArray(value) ? value : [value];
    if (!values.every((v) => typeof v === 'string')) return value; // left for IsString to refuse
    return values.flatMap((v: string) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  });

const LIST = (example: string, description: string) =>
  ApiPropertyOptional({ type: [String], example: [example], description: `${description}. Repeat the parameter or separate values with commas; values of one filter are alternatives (OR), different filters all apply (AND).` });

/**
 * The search filter state: everything the search page keeps in its URL, and what a shortlist saves.
 */
export class SearchFilters {
  @ApiPropertyOptional({ description: 'Words to search for: web-search syntax ("exact phrase", or, -not); the last word also matches as a prefix', example: 'appointments' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @LIST('C5', 'Capability references')
  @IsOptional()
  @toList()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[Cc]\d{1,3}$/, { each: true, message: 'capability must be capability references such as C5' })
  capability?: string[];

  @LIST('E00109', 'Epic ids')
  @IsOptional()
  @toList()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9]{2,16}$/, { each: true, message: 'epic must be epic ids such as E00109' })
  epic?: string[];

  @LIST('TIF001', 'Framework ids')
  @IsOptional()
  @toList()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[A-Za-z0-9]{2,16}$/, { each: true, message: 'framework must be framework ids such as TIF001' })
  framework?: string[];

  @LIST('IM1: Bulk', 'Integration types as "<integration>: <type>"')
  @IsOptional()
  @toList()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[A-Za-z0-9 ]{2,32}: [A-Za-z0-9 ]{2,64}$/, { each: true, message: 'integration must be integration types such as "IM1: Bulk"' })
  integration?: string[];

  @LIST('browser-based', 'Application type keys')
  @IsOptional()
  @toList()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[A-Za-z-]{2,32}$/, { each: true, message: 'applicationType must be application type keys such as browser-based' })
  applicationType?: string[];

  @LIST('PublicCloud', 'Hosting type keys')
  @IsOptional()
  @toList()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[A-Za-z]{2,32}$/, { each: true, message: 'hostingType must be hosting type keys such as PublicCloud' })
  hostingType?: string[];

  @ApiPropertyOptional({ type: [String], enum: ACCREDITATION_STATUSES, description: 'Accreditation statuses' })
  @IsOptional()
  @toList()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(ACCREDITATION_STATUSES, { each: true, message: `accreditation must be one of ${ACCREDITATION_STATUSES.join(', ')}` })
  accreditation?: string[];

  @LIST('10000', 'Supplier codes')
  @IsOptional()
  @toList()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9]{1,16}$/, { each: true, message: 'supplier must be supplier codes such as 10000' })
  supplier?: string[];

  @ApiPropertyOptional({ enum: ITEM_TYPES, default: 'solution' })
  @IsOptional()
  @IsIn(ITEM_TYPES)
  type?: (typeof ITEM_TYPES)[number];

  @ApiPropertyOptional({ enum: SEARCH_SORTS, default: 'relevance', description: 'relevance (A–Z without words), name (A–Z) or -published (recently published first)' })
  @IsOptional()
  @IsIn(SEARCH_SORTS)
  sort?: SearchSort;
}

export class SearchQuery extends SearchFilters {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class SuggestQuery {
  @ApiProperty({ description: 'What the user has typed so far', example: 'appo' })
  @IsString()
  @MaxLength(100)
  q: string;

  @ApiPropertyOptional({ enum: ['solution', 'additional_service', 'associated_service'], description: 'Only items of this type (default: all)' })
  @IsOptional()
  @IsIn(['solution', 'additional_service', 'associated_service'])
  type?: string;
}

export class CompareQuery {
  @ApiProperty({ type: [String], example: ['10000-001', '10001-001'], description: '2 to 4 listed catalogue item ids, comma-separated or repeated' })
  @toList()
  @IsArray()
  @Matches(/^[0-9]{5}-([0-9]{3}|S-[0-9]{3}|[0-9]{3}A[0-9]{3})$/, { each: true, message: 'items must be catalogue item ids such as 10000-001' })
  items: string[];
}

export const ITEM_ID = /^[0-9]{5}-([0-9]{3}|S-[0-9]{3}|[0-9]{3}A[0-9]{3})$/;

export class ItemIdParam {
  @ApiProperty({ example: '10000-001' })
  @Matches(ITEM_ID, { message: 'id must be a catalogue item id such as 10000-001' })
  id: string;
}

/** For routes that take no query parameters: any parameter is refused as unknown. */
export class NoQuery {}
