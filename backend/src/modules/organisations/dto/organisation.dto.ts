import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ORGANISATION_TYPES, OrganisationType } from '../../../core/auth/roles';
import { ListQuery } from '../../../core/http/paging';

export class OrganisationRef {
  @ApiProperty({ example: 'QHM' }) code: string;
  @ApiProperty() name: string;
}

export class OrganisationSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'A81001', description: 'ODS code (supplier id for suppliers)' }) code: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) type: OrganisationType;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['active', 'inactive'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String }) town: string | null;
  @ApiProperty({ nullable: true, type: String }) pcnCode: string | null;
  @ApiProperty({ nullable: true, type: String }) pcnName: string | null;
  @ApiProperty({ nullable: true, type: String }) subIcbCode: string | null;
  @ApiProperty({ nullable: true, type: String }) icbCode: string | null;
  @ApiProperty({ nullable: true, type: Number }) registeredPatients: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Principal GP clinical system supplier (ODS data)' })
  clinicalSystemSupplier: string | null;
}

export class OrganisationDetail {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) type: OrganisationType;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['active', 'inactive'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) onsCode: string | null;
  @ApiProperty({ type: [String] }) addressLines: string[];
  @ApiProperty({ nullable: true, type: String }) town: string | null;
  @ApiProperty({ nullable: true, type: String }) county: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String }) telephone: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) openDate: string | null;
  @ApiProperty({ nullable: true, type: Number }) registeredPatients: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) registeredPatientsDate: string | null;
  @ApiProperty({ nullable: true, type: String }) clinicalSystemSupplier: string | null;
  @ApiProperty({ nullable: true, type: OrganisationRef }) region: OrganisationRef | null;
  @ApiProperty({ nullable: true, type: OrganisationRef }) icb: OrganisationRef | null;
  @ApiProperty({ nullable: true, type: OrganisationRef }) subIcb: OrganisationRef | null;
  @ApiProperty({ nullable: true, type: OrganisationRef }) pcn: OrganisationRef | null;
}

export const ORGANISATION_CODE = /^[A-Z0-9]{2,16}$/;

export class OrganisationListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: ORGANISATION_TYPES })
  @IsOptional()
  @IsIn(ORGANISATION_TYPES as unknown as string[])
  type?: OrganisationType;

  @ApiPropertyOptional({ description: 'Only organisations in this ICB (ODS code)' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  @Matches(ORGANISATION_CODE, { message: 'icb must be an ODS code' })
  icb?: string;

  @ApiPropertyOptional({ description: 'Only organisations in this sub-ICB location (ODS code)' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  @Matches(ORGANISATION_CODE, { message: 'subIcb must be an ODS code' })
  subIcb?: string;

  @ApiPropertyOptional({ description: 'Only practices in this PCN (ODS code)' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  @Matches(ORGANISATION_CODE, { message: 'pcn must be an ODS code' })
  pcn?: string;
}
