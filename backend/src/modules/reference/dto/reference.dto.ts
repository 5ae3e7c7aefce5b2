import { ApiProperty } from '@nestjs/swagger';
import { CAPABILITY_STATUSES, COMPLIANCY, STANDARD_CATEGORIES, STANDARD_TYPES } from '../catalogue.data';
import { FRAMEWORK_STATUSES } from './reference-query.dto';

// ---- capabilities

export class CapabilityListItem {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ example: 'C1' }) ref: string;
  @ApiProperty({ example: 'Appointments Management - Citizen' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: 'Citizen services' }) category: string;
  @ApiProperty({ example: 3 }) categoryId: number;
  @ApiProperty({ enum: CAPABILITY_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true, example: '1.0.2' }) version: string | null;
  @ApiProperty({ description: 'A GP IT Futures foundation capability' }) isFoundation: boolean;
  @ApiProperty({ description: 'Active epics a solution must meet' }) mustEpicCount: number;
  @ApiProperty({ description: 'Active optional epics' }) mayEpicCount: number;
}

export class CapabilityEpic {
  @ApiProperty({ example: 'E00001' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Defined by a supplier rather than NHS England' }) supplierDefined: boolean;
}

export class CapabilityEpicsByCompliancy {
  @ApiProperty({ type: [CapabilityEpic] }) must: CapabilityEpic[];
  @ApiProperty({ type: [CapabilityEpic] }) should: CapabilityEpic[];
  @ApiProperty({ type: [CapabilityEpic] }) may: CapabilityEpic[];
}

export class StandardRef {
  @ApiProperty({ example: 'S24' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STANDARD_TYPES }) type: string;
  @ApiProperty({ enum: STANDARD_CATEGORIES }) category: string;
  @ApiProperty({ type: String, nullable: true }) version: string | null;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
}

export class FrameworkRef {
  @ApiProperty({ example: 'TIF001' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'Tech Innovation' }) shortName: string;
  @ApiProperty({ enum: FRAMEWORK_STATUSES }) status: string;
}

export class CapabilityDetail extends CapabilityListItem {
  @ApiProperty({ type: String, nullable: true }) sourceUrl: string | null;
  @ApiProperty({ type: CapabilityEpicsByCompliancy, description: 'Active epics by compliancy level' }) epics: CapabilityEpicsByCompliancy;
  @ApiProperty({ type: [StandardRef], description: 'Standards that apply (deleted ones left out)' }) standards: StandardRef[];
  @ApiProperty({ type: [FrameworkRef] }) frameworks: FrameworkRef[];
}

export class CapabilityCategory {
  @ApiProperty({ example: 3 }) id: number;
  @ApiProperty({ example: 'Citizen services' }) name: string;
  @ApiProperty() capabilityCount: number;
}

export class CapabilityRef {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ example: 'C1' }) ref: string;
  @ApiProperty() name: string;
  @ApiProperty() category: string;
  @ApiProperty({ enum: CAPABILITY_STATUSES }) status: string;
}

// ---- epics

export class EpicCapabilityLink {
  @ApiProperty({ example: 'C1' }) ref: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COMPLIANCY }) compliancy: string;
}

export class EpicListItem {
  @ApiProperty({ example: 'E00109' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() isActive: boolean;
  @ApiProperty() supplierDefined: boolean;
  @ApiProperty({ type: [EpicCapabilityLink] }) capabilities: EpicCapabilityLink[];
}

// ---- standards

export class StandardListItem extends StandardRef {
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() isDeleted: boolean;
  @ApiProperty({ description: 'Capabilities the standard applies to' }) capabilityCount: number;
}

export class StandardDetail extends StandardListItem {
  @ApiProperty({ type: [CapabilityRef] }) capabilities: CapabilityRef[];
}

// ---- frameworks

export class FrameworkListItem extends FrameworkRef {
  @ApiProperty({ example: 'NHS Digital' }) owner: string;
  @ApiProperty({ type: [String], example: ['GPIT funding', 'Local funding'] }) fundingTypes: string[];
  @ApiProperty({ example: 36 }) maximumTermMonths: number;
  @ApiProperty() capabilityCount: number;
}

export class FrameworkDetail extends FrameworkListItem {
  @ApiProperty({ type: [CapabilityRef] }) capabilities: CapabilityRef[];
}

// ---- solution listing vocabularies

export class IntegrationType {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ example: 'IM1', description: 'IM1, GP Connect or NHS App' }) integration: string;
  @ApiProperty({ example: 'Bulk' }) name: string;
  @ApiProperty({ type: String, nullable: true, description: 'Set for NHS App integration types' }) description: string | null;
}

export class ApplicationType {
  @ApiProperty({ example: 'browser-based' }) key: string;
  @ApiProperty({ example: 'Browser-based' }) name: string;
  @ApiProperty({ type: [String], description: 'What a listing records for this type' }) detailFields: string[];
}

export class HostingType {
  @ApiProperty({ example: 'PublicCloud' }) key: string;
  @ApiProperty({ example: 'Public cloud' }) name: string;
  @ApiProperty({ type: [String], description: 'What a listing records for this type' }) detailFields: string[];
}
