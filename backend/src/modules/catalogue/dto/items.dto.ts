import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ListQuery } from '../../../core/http/paging';
import { ACCREDITATION_STATUSES, ITEM_TYPES, ItemType, PUBLICATION_STATUSES, PublicationStatus, VERSION_STATUSES, VersionStatus } from '../listing';
import { ListingContentView } from './listing.dto';

export const ITEM_ID = /^[0-9]{5}-([0-9]{3}|S-[0-9]{3}|[0-9]{3}A[0-9]{3})$/;

export class CreateItemRequest {
  @ApiProperty({ enum: ITEM_TYPES }) @IsIn(ITEM_TYPES) type: ItemType;
  @ApiProperty({ maxLength: 100 }) @IsString() @IsNotEmpty({ message: 'Enter a name' }) @MaxLength(100) name: string;
  @ApiPropertyOptional({ description: 'Additional services: the solution they add to', example: '10000-001' })
  @IsOptional()
  @Matches(/^[0-9]{5}-[0-9]{3}$/, { message: 'parentSolutionId must be a solution id like 10000-001' })
  parentSolutionId?: string;
}

export class VendorItemListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: ITEM_TYPES }) @IsOptional() @IsIn(ITEM_TYPES) type?: ItemType;
  @ApiPropertyOptional({ enum: PUBLICATION_STATUSES }) @IsOptional() @IsIn(PUBLICATION_STATUSES) status?: PublicationStatus;
}

export class VendorItemSummary {
  @ApiProperty({ example: '10000-001' }) id: string;
  @ApiProperty({ enum: ITEM_TYPES }) type: ItemType;
  @ApiProperty({ description: 'Name of the open draft if any, else of the live version' }) name: string;
  @ApiProperty({ nullable: true, type: String }) parentItemId: string | null;
  @ApiProperty({ enum: PUBLICATION_STATUSES }) publicationStatus: PublicationStatus;
  @ApiProperty({ nullable: true, type: Number }) liveVersion: number | null;
  @ApiProperty({ nullable: true, type: Number }) openVersion: number | null;
  @ApiProperty({ nullable: true, enum: ['draft', 'submitted'] }) openVersionStatus: 'draft' | 'submitted' | null;
  @ApiProperty({ nullable: true, enum: ACCREDITATION_STATUSES }) accreditationStatus: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ListingVersionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: VERSION_STATUSES }) status: VersionStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The operator’s reason (rejections and publication changes)' }) decisionReason: string | null;
}

export class OpenVersionView extends ListingVersionView {
  @ApiProperty({ type: ListingContentView }) content: ListingContentView;
}

export class PublicationEventView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'listing.suspended' }) action: string;
  @ApiProperty({ nullable: true, type: String }) fromStatus: string | null;
  @ApiProperty({ nullable: true, type: String }) toStatus: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class VendorItemDetail extends VendorItemSummary {
  @ApiProperty({ nullable: true, type: ListingContentView }) liveContent: ListingContentView | null;
  @ApiProperty({ nullable: true, type: OpenVersionView }) draft: OpenVersionView | null;
  @ApiProperty({ type: [ListingVersionView], description: 'Every version, newest first, with the operator’s decisions and reasons' })
  versions: ListingVersionView[];
  @ApiProperty({ type: [PublicationEventView], description: 'Operator decisions on the item (approvals, rejections, suspensions…), newest first' })
  decisions: PublicationEventView[];
}

export class CompletenessSection {
  @ApiProperty({ example: 'Service levels' }) section: string;
  @ApiProperty({ enum: ['complete', 'incomplete'] }) status: 'complete' | 'incomplete';
  @ApiProperty({ type: [String] }) messages: string[];
}

export class CompletenessView {
  @ApiProperty({ description: 'True when the open draft (or, with none, the live version) can be submitted' }) ready: boolean;
  @ApiProperty({ nullable: true, type: Number }) version: number | null;
  @ApiProperty({ type: [CompletenessSection] }) sections: CompletenessSection[];
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } })
  errors: { field: string; message: string }[];
}
