import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ListQuery } from '../../../core/http/paging';
import { OrgRef } from './orders.dto';

export const CONTRACT_STATUSES = ['pending', 'active', 'terminated', 'ended'] as const;

export class ContractIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a contract id (a UUID)' })
  id: string;
}

export class ContractListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES })
  @IsOptional()
  @IsIn(CONTRACT_STATUSES)
  status?: (typeof CONTRACT_STATUSES)[number];
}

export class TerminateBody {
  @ApiProperty({ example: 'Moving to a different clinical system' })
  @IsString()
  @Matches(/\S/, { message: 'Enter a reason for ending the contract' })
  @MaxLength(1000, { message: 'Reason must be 1,000 characters or fewer' })
  reason: string;

  @ApiProperty({ example: '2027-06-30', format: 'date', description: 'A future day, on or before the contract’s end date' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter the termination date as YYYY-MM-DD' })
  terminationDate: string;
}

export class ContractSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'C000123-01', description: 'The order revision the contract now follows' }) orderRef: string;
  @ApiProperty({ type: OrgRef }) buyer: OrgRef;
  @ApiProperty({ type: OrgRef }) supplier: OrgRef;
  @ApiProperty() solutionId: string;
  @ApiProperty() solutionName: string;
  @ApiProperty() frameworkId: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ format: 'date' }) noticeDeadline: string;
  @ApiProperty() noticePeriodDays: number;
  @ApiProperty() valuePence: number;
  @ApiProperty({ enum: CONTRACT_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) terminationDate: string | null;
  @ApiProperty() recipientCount: number;
}

export class ContractRevision {
  @ApiProperty() ref: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt: string | null;
}

export class ContractDetail extends ContractSummary {
  @ApiProperty({ type: String, nullable: true }) terminationReason: string | null;
  @ApiProperty({ type: [OrgRef] }) recipients: OrgRef[];
  @ApiProperty({ type: [ContractRevision] }) revisions: ContractRevision[];
  @ApiProperty({ description: 'You may end this contract early' }) canTerminate: boolean;
}
