import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { ListQuery } from '../../core/http/paging';
import { CONTRACT_STATUSES } from '../ordering/dto/contracts.dto';
import { OrgRef } from '../ordering/dto/orders.dto';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() || undefined : value);
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);
const ODS = /^[A-Z0-9]{3,10}$/;
const Integer = 'integer';
export const MAX_NOTICE_WITHIN_DAYS = 1095;

export const REGISTER_SORTS = ['noticeDeadline', 'endDate', 'value', 'supplier'] as const;

/** Contract register filters; the same for the page and the CSV. */
export class RegisterQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'Sub-ICB location ODS code, e.g. 00L' })
  @IsOptional()
  @Transform(upper)
  @Matches(ODS, { message: 'Enter a sub-ICB location ODS code, like 00L' })
  subIcb?: string;

  @ApiPropertyOptional({ description: 'PCN ODS code, e.g. U12345' })
  @IsOptional()
  @Transform(upper)
  @Matches(ODS, { message: 'Enter a PCN ODS code, like U12345' })
  pcn?: string;

  @ApiPropertyOptional({ description: 'Practice ODS code (a service recipient), e.g. A81001' })
  @IsOptional()
  @Transform(upper)
  @Matches(ODS, { message: 'Enter a practice ODS code, like A81001' })
  practice?: string;

  @ApiPropertyOptional({ description: 'Supplier code, e.g. 10000' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z0-9]{1,16}$/, { message: 'Enter a supplier code, like 10000' })
  supplier?: string;

  @ApiPropertyOptional({ description: 'Capability reference claimed by the solution, e.g. C1' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^C\d{1,4}$/, { message: 'Enter a capability reference, like C1' })
  capability?: string;

  @ApiPropertyOptional({ enum: CONTRACT_STATUSES })
  @IsOptional()
  @Transform(trimmed)
  @IsIn(CONTRACT_STATUSES, { message: `Status must be one of ${CONTRACT_STATUSES.join(', ')}` })
  status?: (typeof CONTRACT_STATUSES)[number];

  @ApiPropertyOptional({ type: Integer, minimum: 0, maximum: MAX_NOTICE_WITHIN_DAYS, description: 'Only contracts whose notice deadline is between today and today + N days' })
  @IsOptional()
  @Transform(trimmed)
  @Matches(/^\d{1,6}$/, { message: 'Notice deadline within must be a whole number of days, like 180' })
  noticeWithinDays?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only contracts for a Lapsed or Failed solution' })
  @IsOptional()
  @Transform(trimmed)
  @IsIn(['true', 'false'], { message: 'Flagged must be true or false' })
  flagged?: 'true' | 'false';
}

export class RegisterIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a contract id (a UUID)' })
  id: string;
}

/** Enforcement (product.md §4): the solution's accreditation is Lapsed or Failed. */
export class EnforcementFlag {
  @ApiProperty({ enum: ['lapsed', 'failed'] }) status: 'lapsed' | 'failed';
  @ApiProperty({ type: String, nullable: true, description: 'Why, as recorded with the accreditation status' }) reason: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the solution became Lapsed or Failed' }) since: string | null;
}

export class RegisterRow {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'C000123-01' }) orderRef: string;
  @ApiProperty({ type: OrgRef }) buyer: OrgRef;
  @ApiProperty({ type: OrgRef }) supplier: OrgRef;
  @ApiProperty() solutionId: string;
  @ApiProperty() solutionName: string;
  @ApiProperty() frameworkId: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ format: 'date' }) noticeDeadline: string;
  @ApiProperty() valuePence: number;
  @ApiProperty({ enum: CONTRACT_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) terminationDate: string | null;
  @ApiProperty() recipientCount: number;
  @ApiProperty({ type: EnforcementFlag, nullable: true, description: 'Set while the solution is Lapsed or Failed' }) flag: EnforcementFlag | null;
}

export class RegisterPage {
  @ApiProperty({ type: [RegisterRow] }) items: RegisterRow[];
  @ApiProperty({ description: 'Matching contracts, counted up to totalCap; see totalIsCapped' }) total: number;
  @ApiProperty({ description: 'true when more than `totalCap` contracts match: total is then a lower bound ("more than 1,000")' }) totalIsCapped: boolean;
  @ApiProperty() totalCap: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class RegisterRevision {
  @ApiProperty() ref: string;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) commencementDate: string | null;
}

export class RegisterAuditEvent {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() action: string;
  @ApiProperty({ type: String, nullable: true }) actorEmail: string | null;
  @ApiProperty() objectType: string;
  @ApiProperty() objectId: string;
  @ApiProperty({ type: Object, nullable: true }) before: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true }) after: Record<string, unknown> | null;
}

export class RegisterDetail extends RegisterRow {
  @ApiProperty() noticePeriodDays: number;
  @ApiProperty({ type: String, nullable: true }) terminationReason: string | null;
  @ApiProperty({ type: [OrgRef] }) recipients: OrgRef[];
  @ApiProperty({ type: [RegisterRevision] }) revisions: RegisterRevision[];
  @ApiProperty({ type: [RegisterAuditEvent], description: 'Audit events of the contract and its order revisions, oldest first' }) history: RegisterAuditEvent[];
}
