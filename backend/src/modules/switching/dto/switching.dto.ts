import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsBoolean, IsEmail, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested,
} from 'class-validator';
import { ListQuery } from '../../../core/http/paging';
import { STEP_KEYS, STEP_STATUSES } from '../switch.rules';

const ITEM_ID = /^[0-9]{5}-[0-9]{3}$/;
export const PLAN_STATUSES = ['planned', 'in_progress', 'completed'] as const;

export class PlanIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a switch plan id (a UUID)' })
  id: string;
}

export class PlanListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: (typeof PLAN_STATUSES)[number];
}

export class CreatePlanBody {
  @ApiProperty({ example: '10000-001', description: 'The solution to move to: one of the candidates' })
  @IsString()
  @Matches(ITEM_ID, { message: 'Choose the solution to move to' })
  targetItemId: string;
}

export class StepChange {
  @ApiProperty({ enum: STEP_KEYS })
  @IsIn(STEP_KEYS, { message: 'key must be a step of the plan' })
  key: (typeof STEP_KEYS)[number];

  @ApiProperty({ format: 'date', example: '2027-06-30' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter the date as YYYY-MM-DD' })
  dueDate: string;

  @ApiProperty({ enum: STEP_STATUSES })
  @IsIn(STEP_STATUSES, { message: 'Choose not started, in progress or done' })
  status: (typeof STEP_STATUSES)[number];
}

export class StepsBody {
  @ApiProperty({ type: [StepChange], description: 'The steps to change (others keep their date and status)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ValidateNested({ each: true })
  @Type(() => StepChange)
  steps: StepChange[];

  @ApiPropertyOptional({ description: 'Go live before the earliest switch date, paying for both systems meanwhile' })
  @IsOptional()
  @IsBoolean()
  acknowledgeOverlap?: boolean;
}

export class SupplierContactDto {
  @ApiProperty({ example: 'Alex Vendor' })
  @IsString()
  @Matches(/\S/, { message: 'Enter a name' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'orders@supplier.test' })
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.com' })
  @MaxLength(254)
  email: string;
}

export class StartOrderBody {
  @ApiProperty({ type: SupplierContactDto, description: 'The supplier’s contact for the order' })
  @IsDefined({ message: 'Enter the contact' })
  @IsObject()
  @ValidateNested()
  @Type(() => SupplierContactDto)
  supplierContact: SupplierContactDto;
}

export class ScheduleTerminationBody {
  @ApiProperty({ example: 'Moving to a different clinical system' })
  @IsString()
  @Matches(/\S/, { message: 'Enter a reason for ending the contract' })
  @MaxLength(1000, { message: 'Reason must be 1,000 characters or fewer' })
  reason: string;

  @ApiProperty({ format: 'date', example: '2027-06-30', description: 'At least the notice period from today, on or before the contract’s end date' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter the termination date as YYYY-MM-DD' })
  terminationDate: string;
}

// ---- views

export class OrgRefView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class SystemView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: OrgRefView }) supplier: OrgRefView;
  @ApiProperty({ type: String, nullable: true, enum: ['accredited', 'conditional', 'lapsed', 'failed'] }) accreditationStatus: string | null;
  @ApiProperty({ description: 'Listed (published or in remediation)' }) listed: boolean;
  @ApiProperty({ description: 'On a live framework, listed, accredited or conditional' }) orderable: boolean;
  @ApiProperty({ type: [String], example: ['C5', 'C13'] }) capabilities: string[];
  @ApiProperty({ type: [String], example: ['IM1: Bulk', 'GP Connect: Access Record HTML'] }) integrations: string[];
  @ApiProperty({ type: [String], example: ['Private cloud'] }) hosting: string[];
  @ApiProperty({ type: String, nullable: true, example: '£1.26 per patient per year' }) pricePerPatient: string | null;
}

export class CurrentContractView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() orderRef: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ format: 'date' }) noticeDeadline: string;
  @ApiProperty() noticePeriodDays: number;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) terminationDate: string | null;
  @ApiProperty() status: string;
  @ApiProperty({ description: 'The practice bought it, so it can end it' }) practiceIsBuyer: boolean;
}

export class CurrentSystemView {
  @ApiProperty({ enum: ['contract', 'ods', 'unknown'], description: 'Where it comes from: a contract here, the ODS clinical system supplier, or neither' })
  source: string;
  @ApiProperty({ type: String, nullable: true, description: 'The clinical system supplier in ODS data' }) odsSupplier: string | null;
  @ApiProperty({ type: SystemView, nullable: true }) system: SystemView | null;
  @ApiProperty({ type: CurrentContractView, nullable: true }) contract: CurrentContractView | null;
}

export class SwitchDateView {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ enum: ['notice_period', 'end_date', 'already_ending', 'default_lead_time'] }) basis: string;
  @ApiProperty() explanation: string;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Termination date to schedule on the current contract, if one is needed' })
  terminationDate: string | null;
}

export class CandidateView extends SystemView {
  @ApiProperty({ description: 'How many of the current system’s capabilities it covers' }) covered: number;
  @ApiProperty() of: number;
  @ApiProperty({ type: [String] }) missing: string[];
  @ApiProperty({ description: 'Claims Patient Information Maintenance - GP (C13): a GP clinical system' }) clinicalSystem: boolean;
}

export class SwitchOptions {
  @ApiProperty({ type: OrgRefView }) practice: OrgRefView;
  @ApiProperty({ type: CurrentSystemView }) current: CurrentSystemView;
  @ApiProperty({ type: SwitchDateView }) earliestSwitch: SwitchDateView;
  @ApiProperty({ type: [CandidateView], description: 'Accredited or conditional listed solutions, most coverage first' }) candidates: CandidateView[];
}

export class CompareRowView {
  @ApiProperty() label: string;
  @ApiProperty() current: string;
  @ApiProperty() target: string;
  @ApiProperty() differs: boolean;
}

export class CompareSectionView {
  @ApiProperty() title: string;
  @ApiProperty({ type: [CompareRowView] }) rows: CompareRowView[];
}

export class StepView {
  @ApiProperty({ enum: STEP_KEYS }) key: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: STEP_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt: string | null;
}

export class PlanSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: OrgRefView }) practice: OrgRefView;
  @ApiProperty({ type: String, nullable: true }) currentName: string | null;
  @ApiProperty() targetName: string;
  @ApiProperty({ type: OrgRefView }) targetSupplier: OrgRefView;
  @ApiProperty({ format: 'date' }) earliestSwitchDate: string;
  @ApiProperty({ format: 'date' }) goLiveDate: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true }) orderRef: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PlanDetail extends PlanSummary {
  @ApiProperty({ type: CurrentSystemView }) current: CurrentSystemView;
  @ApiProperty({ type: SystemView }) target: SystemView;
  @ApiProperty({ type: SwitchDateView }) earliestSwitch: SwitchDateView;
  @ApiProperty({ type: [CompareSectionView] }) comparison: CompareSectionView[];
  @ApiProperty({ type: [StepView] }) steps: StepView[];
  @ApiProperty({ type: String, nullable: true, format: 'date' }) terminationDate: string | null;
  @ApiProperty({ description: 'You may change dates and progress (the practice’s own plan)' }) canEdit: boolean;
  @ApiProperty({ description: 'You may start the order for the target from the plan' }) canStartOrder: boolean;
  @ApiProperty({ description: 'You may schedule the current contract’s termination from the plan' }) canScheduleTermination: boolean;
}
