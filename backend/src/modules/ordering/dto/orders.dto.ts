import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsDefined, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { ListQuery } from '../../../core/http/paging';
import { IsFrameworkId, IsPracticeOdsCodes, IsPriceId, IsQuantity } from './order-fields';

export const ORDER_REF = /^C\d{6}-\d{2}$/;
const ITEM_ID = /^[0-9]{5}-([0-9]{3}|S-[0-9]{3}|[0-9]{3}A[0-9]{3})$/;
const ODS_CODE = /^[A-Z0-9]{3,10}$/;

export const ORDER_STATUSES = ['in_progress', 'awaiting_approval', 'completed', 'superseded', 'terminated'] as const;
export const FUNDING_SOURCES = ['central', 'local'] as const;
export const TASK_KEYS = ['description', 'ordering-party', 'supplier', 'term', 'recipients', 'items', 'funding', 'review'] as const;

export class OrderRefParam {
  @ApiProperty({ example: 'C000123-01', description: 'Order number and revision' })
  @Matches(ORDER_REF, { message: 'order must be an order number such as C000123-01' })
  ref: string;
}

export class OrderItemParam extends OrderRefParam {
  @ApiProperty({ example: '10000-001' })
  @Matches(ITEM_ID, { message: 'itemId must be a catalogue item id such as 10000-001' })
  itemId: string;
}

export class CreateOrderBody {
  @ApiProperty({ example: 'Online consultation for the practice', description: 'What the order is for, in a few words' })
  @IsString()
  @Matches(/\S/, { message: 'Enter a description of the order' })
  @MaxLength(500, { message: 'Description must be 500 characters or fewer' })
  description: string;
}

export class DescriptionBody extends CreateOrderBody {}

export class ContactDto {
  @ApiProperty({ example: 'Sam Patel' })
  @IsString()
  @Matches(/\S/, { message: 'Enter a name' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'sam.patel@nhs.net' })
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.com' })
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: '01234 567890' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9 +()-]{6,32}$/, { message: 'Enter a telephone number, like 01234 567890' })
  telephone?: string;
}

export class OrderingPartyBody {
  @ApiProperty({ type: ContactDto, description: 'Who at the ordering party the supplier and approvers deal with' })
  @IsDefined({ message: 'Enter the contact' })
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;
}

export class SupplierBody {
  @ApiProperty({ example: '10000', description: 'The supplier’s code' })
  @IsString()
  @Matches(/^\d{5}$/, { message: 'Choose a supplier' })
  supplierCode: string;

  @ApiProperty({ type: ContactDto, description: 'The supplier’s contact for this order' })
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;
}

export class TermBody {
  @ApiProperty({ example: 'TIF001' })
  @IsFrameworkId()
  frameworkId: string;

  @ApiProperty({ example: '2027-01-01', format: 'date', description: 'At most 3 months in the past' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter the commencement date as YYYY-MM-DD' })
  commencementDate: string;

  @ApiProperty({ example: 3, minimum: 1, maximum: 120 })
  @Type(() => Number)
  @IsInt({ message: 'Enter the initial period in whole months' })
  @Min(1, { message: 'Initial period must be at least 1 month' })
  @Max(120, { message: 'Initial period must be 120 months or less' })
  initialPeriodMonths: number;

  @ApiProperty({ example: 36, minimum: 1, maximum: 120, description: 'Longer than the initial period and within the framework’s maximum' })
  @Type(() => Number)
  @IsInt({ message: 'Enter the maximum term in whole months' })
  @Min(1, { message: 'Maximum term must be at least 1 month' })
  @Max(120, { message: 'Maximum term must be 120 months or less' })
  maximumTermMonths: number;
}

export class RecipientsBody {
  @ApiProperty({ type: [String], example: ['A81001', 'A81002'], description: 'ODS codes of the practices that will use what is ordered' })
  @IsPracticeOdsCodes()
  odsCodes: string[];
}

export class AddItemBody {
  @ApiProperty({ example: '10000-001', description: 'A listed solution, additional service or associated service of the order’s supplier' })
  @Matches(ITEM_ID, { message: 'Choose a catalogue item' })
  itemId: string;

  @ApiProperty({ example: 'p1', description: 'The id of one of the item’s prices' })
  @IsPriceId()
  priceId: string;
}

export class RecipientQuantity {
  @ApiProperty({ example: 'A81001' })
  @IsString()
  @Matches(ODS_CODE, { message: 'odsCode must be an ODS code' })
  odsCode: string;

  @ApiProperty({ minimum: 0, maximum: 100000000 })
  @IsQuantity()
  quantity: number;
}

export class QuantitiesBody {
  @ApiPropertyOptional({ minimum: 0, description: 'For prices applied once per order (per solution, not per patient)' })
  @IsOptional()
  @IsQuantity()
  quantity?: number;

  @ApiPropertyOptional({ type: [RecipientQuantity], description: 'For prices applied per service recipient (not per patient)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => RecipientQuantity)
  recipients?: RecipientQuantity[];
}

export class FundingBody {
  @ApiProperty({ enum: FUNDING_SOURCES, description: 'central: GP IT funding held by the ICB (needs the ICB’s approval); local: the practice’s or ICB’s own budget' })
  @IsIn(FUNDING_SOURCES, { message: 'Choose central or local funding' })
  fundingSource: (typeof FUNDING_SOURCES)[number];
}

export class ReasonBody {
  @ApiProperty({ example: 'The practice list is out of date; please check the recipients' })
  @IsString()
  @Matches(/\S/, { message: 'Enter a reason' })
  @MaxLength(1000, { message: 'Reason must be 1,000 characters or fewer' })
  reason: string;
}

export class OrderListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: (typeof ORDER_STATUSES)[number];
}

export class ApprovalQueueQuery extends ListQuery {}

// ---- responses

export class OrgRef {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class Contact {
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiPropertyOptional() telephone?: string;
}

export class OrderFrameworkRef {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() maximumTermMonths: number;
  @ApiProperty({ description: 'Whether central (GP IT) funding may be used on this framework' }) centralFunding: boolean;
}

export class Task {
  @ApiProperty({ enum: TASK_KEYS }) key: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['completed', 'in_progress', 'not_started', 'cannot_start'] }) status: string;
}

export class Recipient {
  @ApiProperty() odsCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: Number, nullable: true }) registeredPatients: number | null;
}

export class Totals {
  @ApiProperty() oneOffPence: number;
  @ApiProperty() monthlyPence: number;
  @ApiProperty() annualPence: number;
  @ApiProperty({ description: 'One-off plus recurring costs over the maximum term' }) wholeTermPence: number;
}

export class OrderItemView {
  @ApiProperty() itemId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['solution', 'additional_service', 'associated_service'] }) type: string;
  @ApiProperty() priceId: string;
  @ApiProperty({ description: 'The price as listed (snapshot); unit prices in hundredths of a penny', type: Object }) price: Record<string, unknown>;
  @ApiProperty({ enum: ['per_patient', 'per_recipient', 'per_order'], description: 'What quantities the buyer gives: none (patients), one per practice, or one for the order' })
  quantityInput: string;
  @ApiProperty({ type: String, nullable: true, enum: FUNDING_SOURCES }) fundingSource: string | null;
  @ApiProperty({ type: Number, nullable: true }) quantity: number | null;
  @ApiProperty({ type: [RecipientQuantity] }) quantities: RecipientQuantity[];
  @ApiProperty({ type: Totals, nullable: true, description: 'Cost of this item (null until its quantities are complete)' }) cost: Totals | null;
}

export class ContractRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ format: 'date' }) noticeDeadline: string;
  @ApiProperty() valuePence: number;
  @ApiProperty({ enum: ['pending', 'active', 'terminated', 'ended'] }) status: string;
}

export class Approval {
  @ApiProperty({ enum: ['not_required', 'pending', 'approved', 'returned'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) requestedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedByName: string | null;
}

export class OrderSummary {
  @ApiProperty({ example: 'C000123-01' }) ref: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: OrgRef }) orderingParty: OrgRef;
  @ApiProperty({ type: OrgRef, nullable: true }) supplier: OrgRef | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) commencementDate: string | null;
  @ApiProperty({ enum: ['not_required', 'pending', 'approved', 'returned'] }) approvalStatus: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Whole-term value once completed' }) wholeTermPence: number | null;
}

export class OrderDetail extends OrderSummary {
  @ApiProperty({ type: Contact, nullable: true }) orderingContact: Contact | null;
  @ApiProperty({ type: Contact, nullable: true }) supplierContact: Contact | null;
  @ApiProperty({ type: OrderFrameworkRef, nullable: true }) framework: OrderFrameworkRef | null;
  @ApiProperty({ type: Number, nullable: true }) initialPeriodMonths: number | null;
  @ApiProperty({ type: Number, nullable: true }) maximumTermMonths: number | null;
  @ApiProperty({ type: [Recipient] }) recipients: Recipient[];
  @ApiProperty({ type: [OrderItemView] }) items: OrderItemView[];
  @ApiProperty({ type: [Task] }) tasks: Task[];
  @ApiProperty({ type: Totals, nullable: true, description: 'Null until every item can be priced' }) totals: Totals | null;
  @ApiProperty({ type: Approval }) approval: Approval;
  @ApiProperty({ type: ContractRef, nullable: true }) contract: ContractRef | null;
  @ApiProperty({ description: 'You may change this order now' }) canEdit: boolean;
  @ApiProperty({ description: 'You may approve or return this order now' }) canApprove: boolean;
  @ApiProperty({ description: 'You may start an amendment (a new revision that can only add) of this completed order' }) canAmend: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'For an amendment: the revision it amends' }) previousRevisionRef: string | null;
  @ApiProperty({ description: 'Completing needs the approval of a commissioner of the ICB (some items are centrally funded)' }) needsApproval: boolean;
  @ApiProperty({ type: [String], description: 'What still stops the order from being completed' }) blockers: string[];
}

export class RecipientCsvError {
  @ApiProperty() line: number;
  @ApiProperty() value: string;
  @ApiProperty() message: string;
}
