import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCREDITATION_STATUSES, ITEM_TYPES, PUBLICATION_STATUSES } from '../../catalogue/listing';

export class CodeName {
  @ApiProperty({ example: '10000' }) code: string;
  @ApiProperty({ example: 'EMIS Health' }) name: string;
}

export class RefName {
  @ApiProperty({ example: 'C5' }) ref: string;
  @ApiProperty({ example: 'Appointments Management - GP' }) name: string;
}

export class KeyName {
  @ApiProperty({ example: 'PublicCloud' }) key: string;
  @ApiProperty({ example: 'Public cloud' }) name: string;
}

export class IdName {
  @ApiProperty({ example: 'TIF001' }) id: string;
  @ApiProperty() name: string;
}

export class HighlightPart {
  @ApiProperty() text: string;
  @ApiProperty({ description: 'This part matched the search words' }) match: boolean;
}

export class SearchResultItem {
  @ApiProperty({ example: '10000-001' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ITEM_TYPES }) type: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: CodeName }) supplier: CodeName;
  @ApiProperty({ enum: ACCREDITATION_STATUSES, nullable: true, type: String }) accreditationStatus: string | null;
  @ApiProperty({ enum: PUBLICATION_STATUSES, description: 'published or in_remediation' }) publicationStatus: string;
  @ApiProperty({ type: [RefName] }) capabilities: RefName[];
  @ApiProperty({ type: [IdName] }) frameworks: IdName[];
  @ApiProperty({ type: [KeyName] }) hostingTypes: KeyName[];
  @ApiProperty({ type: [KeyName] }) applicationTypes: KeyName[];
  @ApiProperty({ type: [String], example: ['IM1: Bulk', 'GP Connect: Appointment Management'] }) integrations: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiPropertyOptional({ type: [HighlightPart], description: 'The summary with the parts that matched marked (text searches only)' })
  highlight?: HighlightPart[];
}

export class FacetValue {
  @ApiProperty({ description: 'The value to put in the filter', example: 'C5' }) value: string;
  @ApiProperty({ example: 'Appointments Management - GP' }) label: string;
  @ApiProperty({ description: 'Results if this value were chosen, given every other active filter' }) count: number;
  @ApiProperty({ description: 'Chosen in the current filters' }) selected: boolean;
}

/** Each facet lists its values with the most results first (capabilities in C1, C2… order), at most 50 plus any chosen. */
export class SearchFacets {
  @ApiProperty({ type: [FacetValue] }) capability: FacetValue[];
  @ApiProperty({ type: [FacetValue] }) epic: FacetValue[];
  @ApiProperty({ type: [FacetValue] }) framework: FacetValue[];
  @ApiProperty({ type: [FacetValue] }) integration: FacetValue[];
  @ApiProperty({ type: [FacetValue] }) applicationType: FacetValue[];
  @ApiProperty({ type: [FacetValue] }) hostingType: FacetValue[];
  @ApiProperty({ type: [FacetValue] }) accreditation: FacetValue[];
  @ApiProperty({ type: [FacetValue] }) supplier: FacetValue[];
}

export class SearchResults {
  @ApiProperty({ type: [SearchResultItem] }) items: SearchResultItem[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: SearchFacets }) facets: SearchFacets;
  @ApiProperty({ description: 'No exact word matched, so these results are close spellings of the words' }) fuzzy: boolean;
  @ApiPropertyOptional({ description: 'With fuzzy results: the words as they are spelt in the catalogue', example: 'appointments' })
  didYouMean?: string;
}

export class Suggestion {
  @ApiProperty({ example: '10000-001' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ enum: ITEM_TYPES }) type: string;
}
