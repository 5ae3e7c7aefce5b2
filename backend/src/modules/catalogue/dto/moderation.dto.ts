import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ITEM_TYPES, ItemType, PUBLICATION_STATUSES, PublicationStatus } from '../listing';
import { ListingContentView } from './listing.dto';

export class ModerationQueueEntry {
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty() version: number;
  @ApiProperty() itemId: string;
  @ApiProperty({ enum: ITEM_TYPES }) itemType: ItemType;
  @ApiProperty() name: string;
  @ApiProperty() supplierCode: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ enum: PUBLICATION_STATUSES }) publicationStatus: PublicationStatus;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ nullable: true, type: String }) submittedBy: string | null;
  @ApiProperty({ description: 'True when this changes a listing that already has a live version' }) isChange: boolean;
}

const ANY_JSON = [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object' }, { type: 'array', items: {} }];

export class ListingChangeView {
  @ApiProperty({ example: 'summary' }) path: string;
  @ApiProperty({ example: 'Summary' }) label: string;
  @ApiProperty({ enum: ['added', 'removed', 'changed'] }) change: string;
  @ApiProperty({ nullable: true, description: 'Live value (any JSON: text, a name, or an object such as a price)', oneOf: ANY_JSON }) before: unknown;
  @ApiProperty({ nullable: true, description: 'Submitted value (any JSON: text, a name, or an object such as a price)', oneOf: ANY_JSON }) after: unknown;
}

export class ModerationVersionView extends ModerationQueueEntry {
  @ApiProperty({ enum: ['draft', 'submitted', 'approved', 'rejected', 'superseded', 'withdrawn'] }) status: string;
  @ApiProperty({ type: ListingContentView }) content: ListingContentView;
  @ApiProperty({ nullable: true, type: ListingContentView }) liveContent: ListingContentView | null;
  @ApiProperty({ type: [ListingChangeView] }) changes: ListingChangeView[];
}

export class RejectRequest {
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty({ message: 'Enter a reason' }) @MaxLength(2000) reason: string;
}

export const OPERATOR_TARGETS = ['published', 'suspended', 'in_remediation', 'unpublished'] as const;

export class PublicationChangeRequest {
  @ApiProperty({ enum: OPERATOR_TARGETS }) @IsIn(OPERATOR_TARGETS) status: (typeof OPERATOR_TARGETS)[number];
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty({ message: 'Enter a reason' }) @MaxLength(2000) reason: string;
}

export class PublicationChangeView {
  @ApiProperty() itemId: string;
  @ApiProperty({ enum: PUBLICATION_STATUSES }) before: PublicationStatus;
  @ApiProperty({ enum: PUBLICATION_STATUSES }) after: PublicationStatus;
}

export class DecisionView {
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty() itemId: string;
  @ApiProperty() status: string;
  @ApiProperty({ enum: PUBLICATION_STATUSES }) publicationStatus: PublicationStatus;
}
