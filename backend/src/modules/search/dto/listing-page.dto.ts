import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCREDITATION_STATUSES, BILLING_PERIODS, CALCULATION_TYPES, ITEM_TYPES, PRICE_TYPES, PROVISIONING_TYPES, QUANTITY_BASES } from '../../catalogue/listing';
import { IdName, KeyName } from './search.dto';

export class PageEpic {
  @ApiProperty({ example: 'E00109' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['MUST', 'SHOULD', 'MAY'] }) compliancy: string;
  @ApiProperty({ description: 'The supplier claims this epic' }) claimed: boolean;
  @ApiProperty({ description: 'Assessed as passed' }) met: boolean;
  @ApiProperty({ type: String, nullable: true, enum: ['passed', 'not_evidenced', 'failed'] }) result: string | null;
}

export class PageCapability {
  @ApiProperty({ example: 'C5' }) ref: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, enum: ['passed_full', 'passed_partial', 'failed'] }) result: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) assessedOn: string | null;
  @ApiProperty() mustMet: number;
  @ApiProperty() mustTotal: number;
  @ApiProperty() mayMet: number;
  @ApiProperty() mayTotal: number;
  @ApiProperty({ type: [PageEpic], description: 'Active MUST, SHOULD and MAY epics of the capability' }) epics: PageEpic[];
}

export const STANDARD_OUTCOMES = ['met', 'work_off_plan', 'not_met', 'not_assessed'] as const;

export class PageStandard {
  @ApiProperty({ example: 'S24' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'Overarching' }) category: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ enum: STANDARD_OUTCOMES }) outcome: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Work-off plan due date' }) dueOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) assessedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expiresOn: string | null;
}

export class PageIntegration {
  @ApiProperty({ example: 'IM1' }) integration: string;
  @ApiProperty({ example: 'Bulk' }) type: string;
  @ApiProperty({ example: 'IM1: Bulk' }) key: string;
  @ApiPropertyOptional({ enum: ['provider', 'consumer'] }) role?: string;
  @ApiPropertyOptional() integratesWith?: string;
  @ApiPropertyOptional() description?: string;
}

export class PageApplicationType extends KeyName {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) details: Record<string, string>;
}

export class PageHostingType extends KeyName {
  @ApiProperty() summary: string;
  @ApiPropertyOptional() link?: string;
  @ApiPropertyOptional() hostingModel?: string;
  @ApiProperty() requiresHscn: boolean;
}

export class PageServiceLevels {
  @ApiProperty() availability: string;
  @ApiProperty() supportHours: string;
  @ApiProperty() responseTimes: string;
  @ApiPropertyOptional() plannedMaintenance?: string;
}

export class PageDataProcessing {
  @ApiProperty() dataLocation: string;
  @ApiProperty() processingSummary: string;
  @ApiProperty({ type: [String] }) subProcessors: string[];
}

export class PagePriceTier {
  @ApiProperty() from: number;
  @ApiProperty({ type: Number, nullable: true }) to: number | null;
  @ApiProperty({ description: 'Integer hundredths of a penny (£1.26 = 12600)' }) priceHundredthsOfPenny: number;
}

export class PagePrice {
  @ApiProperty() id: string;
  @ApiProperty({ enum: PROVISIONING_TYPES }) provisioningType: string;
  @ApiProperty({ enum: PRICE_TYPES }) priceType: string;
  @ApiProperty({ enum: CALCULATION_TYPES }) calculationType: string;
  @ApiProperty({ enum: QUANTITY_BASES }) quantityBasis: string;
  @ApiProperty({ enum: BILLING_PERIODS }) billingPeriod: string;
  @ApiProperty({ example: 'per patient' }) unit: string;
  @ApiProperty({ type: [PagePriceTier] }) tiers: PagePriceTier[];
  @ApiProperty({ example: '£1.26 per patient per year' }) display: string;
}

export class PageSupplier {
  @ApiProperty({ example: '10000' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) website: string | null;
  @ApiProperty({ type: String, nullable: true }) summary: string | null;
}

export class PageAccreditation {
  @ApiProperty({ enum: ACCREDITATION_STATUSES, nullable: true, type: String }) status: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) derivedAt: string | null;
}

export class WorkOffPlan {
  @ApiProperty({ example: 'S24' }) standardId: string;
  @ApiProperty() standardName: string;
  @ApiProperty({ type: String, format: 'date' }) dueOn: string;
  @ApiProperty() overdue: boolean;
}

export class PageConformance {
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Most recent assessment of any kind' }) latestAssessedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The first assessment to expire' }) earliestExpiresOn: string | null;
  @ApiProperty({ type: [WorkOffPlan] }) openWorkOffPlans: WorkOffPlan[];
}

export class PageAdditionalService {
  @ApiProperty({ example: '10000-001A001' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() summary: string;
}

export class ListingPage {
  @ApiProperty({ example: '10000-001' }) id: string;
  @ApiProperty({ enum: ITEM_TYPES }) type: string;
  @ApiProperty({ type: String, nullable: true, description: 'For an additional service: its solution' }) parentItemId: string | null;
  @ApiProperty({ enum: ['published', 'in_remediation'] }) publicationStatus: string;
  @ApiProperty({ example: 'Published', description: 'The publication status in plain English, e.g. "In remediation"' }) publicationStatusText: string;
  @ApiProperty({ format: 'uuid', description: 'The live listing version shown' }) versionId: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstPublishedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastPublishedAt: string | null;
  @ApiProperty() name: string;
  @ApiProperty() summary: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) features: string[];
  @ApiProperty({ type: PageSupplier }) supplier: PageSupplier;
  @ApiProperty({ type: PageAccreditation }) accreditation: PageAccreditation;
  @ApiProperty({ type: [PageCapability] }) capabilities: PageCapability[];
  @ApiProperty({ type: [PageStandard], description: 'Standards that apply: overarching ones and those of the claimed capabilities' }) standards: PageStandard[];
  @ApiProperty({ type: [PageIntegration] }) integrations: PageIntegration[];
  @ApiProperty({ type: [PageApplicationType] }) applicationTypes: PageApplicationType[];
  @ApiProperty({ type: [PageHostingType] }) hostingTypes: PageHostingType[];
  @ApiProperty() implementation: string;
  @ApiProperty() roadmap: string;
  @ApiProperty({ type: PageServiceLevels, nullable: true }) serviceLevels: PageServiceLevels | null;
  @ApiProperty({ type: PageDataProcessing, nullable: true }) dataProcessing: PageDataProcessing | null;
  @ApiProperty({ type: [PagePrice] }) prices: PagePrice[];
  @ApiProperty({ type: [IdName] }) frameworks: IdName[];
  @ApiProperty({ type: PageConformance }) conformance: PageConformance;
  @ApiProperty({ type: [PageAdditionalService], description: 'Listed additional services of a solution' }) additionalServices: PageAdditionalService[];
  @ApiPropertyOptional() aboutUrl?: string;
  @ApiPropertyOptional() orderGuidance?: string;
}

// ---- compare

export class CompareItem {
  @ApiProperty({ example: '10000-001' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ enum: ['published', 'in_remediation'] }) publicationStatus: string;
  @ApiProperty({ enum: ACCREDITATION_STATUSES, nullable: true, type: String }) accreditationStatus: string | null;
  @ApiProperty({ format: 'uuid' }) versionId: string;
}

export class CompareCell {
  @ApiProperty({ description: 'What to show, e.g. "MUST 11/11, MAY 3/25", "Met", "Not claimed"' }) text: string;
  @ApiPropertyOptional({ description: 'Capabilities and other yes/no rows: whether the item has it' }) has?: boolean;
  @ApiPropertyOptional() mustMet?: number;
  @ApiPropertyOptional() mustTotal?: number;
  @ApiPropertyOptional() mayMet?: number;
  @ApiPropertyOptional() mayTotal?: number;
  @ApiPropertyOptional({ enum: [...STANDARD_OUTCOMES, 'not_required'] }) outcome?: string;
}

export class CompareRow {
  @ApiProperty({ example: 'C5' }) key: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: [CompareCell], description: 'One cell per item, in the order of `items`' }) cells: CompareCell[];
  @ApiProperty({ description: 'The items differ on this row' }) differs: boolean;
}

export class CompareSection {
  @ApiProperty({ enum: ['capabilities', 'standards', 'integrations', 'applicationTypes', 'hostingTypes', 'serviceLevels', 'prices'] }) key: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [CompareRow] }) rows: CompareRow[];
}

export class Comparison {
  @ApiProperty({ type: [CompareItem] }) items: CompareItem[];
  @ApiProperty({ type: [CompareSection] }) sections: CompareSection[];
}
