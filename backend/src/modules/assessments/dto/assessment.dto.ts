import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { ListQuery } from '../../../core/http/paging';
import { ACCREDITATION_STATUSES } from '../../catalogue/listing';
import { CAPABILITY_RESULTS, CapabilityResult, EPIC_RESULTS, EpicResult, STANDARD_RESULTS, StandardResult } from '../accreditation';

/** A calendar day, YYYY-MM-DD, that exists (no 2026-02-30). */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
const IsDay = (example: string) =>
  ValidateBy({ name: 'isDay', validator: { validate: isDay, defaultMessage: (a) => `${a?.property} must be a date like ${example}` } });

/** Fields every result carries. Cross-field rules (dates in order, dueOn iff work-off plan) are checked by the service. */
abstract class RecordResultBase {
  @ApiPropertyOptional({ maxLength: 5000, description: 'Evidence notes' })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'evidence must be 5000 characters or fewer' })
  evidence?: string;

  @ApiProperty({ maxLength: 200, description: 'Who assessed it' })
  @IsString({ message: 'assessor must be text' })
  @IsNotEmpty({ message: 'Enter the assessor' })
  @MaxLength(200, { message: 'assessor must be 200 characters or fewer' })
  assessor: string;

  @ApiProperty({ format: 'date', example: '2026-11-01' })
  @IsDay('2026-11-01')
  assessedOn: string;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'After assessedOn; omit if the result does not expire' })
  @IsOptional()
  @IsDay('2027-11-01')
  expiresOn?: string | null;
}

export class RecordCapabilityResult extends RecordResultBase {
  @ApiProperty({ enum: CAPABILITY_RESULTS })
  @IsIn(CAPABILITY_RESULTS as string[], { message: `result must be one of ${CAPABILITY_RESULTS.join(', ')}` })
  result: CapabilityResult;
}

export class RecordEpicResult extends RecordResultBase {
  @ApiProperty({ enum: EPIC_RESULTS })
  @IsIn(EPIC_RESULTS as string[], { message: `result must be one of ${EPIC_RESULTS.join(', ')}` })
  result: EpicResult;
}

export class RecordStandardResult extends RecordResultBase {
  @ApiProperty({ enum: STANDARD_RESULTS })
  @IsIn(STANDARD_RESULTS as string[], { message: `result must be one of ${STANDARD_RESULTS.join(', ')}` })
  result: StandardResult;

  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    description: 'Remediation due date: required for a work-off plan (after assessedOn), otherwise omitted',
  })
  @IsOptional()
  @IsDay('2027-02-01')
  dueOn?: string | null;
}

export class ResultView {
  @ApiProperty({
    description: 'passed_full / passed_partial / failed (capability), passed / not_evidenced / failed (epic), met / not_met / work_off_plan (standard)',
  })
  result: string;
  @ApiProperty({ description: 'The result in words, e.g. "Passed – Partial"' }) label: string;
  @ApiProperty({ nullable: true, type: String }) evidence: string | null;
  @ApiProperty() assessor: string;
  @ApiProperty({ format: 'date' }) assessedOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) expiresOn: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'Standards: work-off plan due date' }) dueOn?: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class AccreditationView {
  @ApiProperty({ enum: ACCREDITATION_STATUSES, nullable: true, description: 'null: not yet assessed' }) status: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) derivedAt: string | null;
}

export class EpicAssessmentView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['MUST', 'SHOULD', 'MAY'] }) compliancy: string;
  @ApiProperty({ description: 'Inactive epics are shown but never decide accreditation' }) isActive: boolean;
  @ApiProperty({ description: 'Claimed in the listing (MUST epics are required whether claimed or not)' }) claimed: boolean;
  @ApiProperty({ nullable: true, type: ResultView }) assessment: ResultView | null;
}

export class CapabilityAssessmentView {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'C1' }) ref: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: ResultView }) assessment: ResultView | null;
  @ApiProperty({ type: [EpicAssessmentView] }) epics: EpicAssessmentView[];
}

export class StandardAssessmentView {
  @ApiProperty({ example: 'S24' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['Overarching', 'Other'] }) type: string;
  @ApiProperty() category: string;
  @ApiProperty({ nullable: true, type: ResultView }) assessment: ResultView | null;
}

export class UpcomingDate {
  @ApiProperty({ enum: ['expiry', 'work_off_plan'] }) kind: string;
  @ApiProperty({ enum: ['capability', 'epic', 'standard'] }) subject: string;
  @ApiProperty({ description: 'Capability ref, epic id or standard id' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ description: 'Already past (the solution is lapsed)' }) overdue: boolean;
}

export class SupplierRef {
  @ApiProperty({ example: '10000' }) code: string;
  @ApiProperty() name: string;
}

export class ItemAssessment {
  @ApiProperty({ example: '10000-001' }) itemId: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty() type: string;
  @ApiProperty() publicationStatus: string;
  @ApiProperty({ type: SupplierRef }) supplier: SupplierRef;
  @ApiProperty({ type: AccreditationView }) accreditation: AccreditationView;
  @ApiProperty({ type: [String], description: 'Every finding behind the status, as derived now' }) findings: string[];
  @ApiProperty({ type: [CapabilityAssessmentView], description: 'Claimed capabilities with their epics' }) capabilities: CapabilityAssessmentView[];
  @ApiProperty({ type: [StandardAssessmentView], description: 'Required standards' }) standards: StandardAssessmentView[];
  @ApiProperty({ type: [UpcomingDate], description: 'Expiry and work-off plan dates, earliest first' }) upcoming: UpcomingDate[];
}

export class VendorAssessmentSummary {
  @ApiProperty() itemId: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty() type: string;
  @ApiProperty() publicationStatus: string;
  @ApiProperty({ enum: ACCREDITATION_STATUSES, nullable: true }) accreditationStatus: string | null;
  @ApiProperty({ nullable: true, type: String }) accreditationReason: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) accreditationDerivedAt: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Earliest work-off plan due date' }) nextDueOn: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Earliest expiry of a result' }) nextExpiresOn: string | null;
}

export class VendorAssessmentQuery extends ListQuery {
  @ApiPropertyOptional({ enum: [...ACCREDITATION_STATUSES, 'none'], description: '`none`: not yet assessed' })
  @IsOptional()
  @IsIn([...ACCREDITATION_STATUSES, 'none'], { message: `status must be one of ${[...ACCREDITATION_STATUSES, 'none'].join(', ')}` })
  status?: string;
}

export class ConformanceEpic {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class ConformanceCapability {
  @ApiProperty() id: number;
  @ApiProperty() ref: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String, enum: CAPABILITY_RESULTS }) result: string | null;
  @ApiProperty({ nullable: true, type: String }) label: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) assessedOn: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) expiresOn: string | null;
  @ApiProperty({ type: [ConformanceEpic], description: 'Epics assessed as passed' }) epicsMet: ConformanceEpic[];
}

export class ConformanceStandard {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String, enum: STANDARD_RESULTS }) result: string | null;
  @ApiProperty({ nullable: true, type: String }) label: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) assessedOn: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) expiresOn: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) dueOn: string | null;
}

export class WorkOffPlan {
  @ApiProperty() standardId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
}

export class Conformance {
  @ApiProperty() itemId: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ type: SupplierRef }) supplier: SupplierRef;
  @ApiProperty({ type: AccreditationView }) accreditation: AccreditationView;
  @ApiProperty({ type: [ConformanceCapability] }) capabilities: ConformanceCapability[];
  @ApiProperty({ type: [ConformanceStandard], description: 'Required standards' }) standards: ConformanceStandard[];
  @ApiProperty({ type: [WorkOffPlan] }) workOffPlans: WorkOffPlan[];
}

export class RederiveResult {
  @ApiProperty({ description: 'Items examined' }) examined: number;
  @ApiProperty({ description: 'Items whose status or reason changed' }) changed: number;
}
