import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class DashboardQuery {
  @ApiPropertyOptional({ example: 'QHM', description: 'An ICB or sub-ICB location code; commissioners default to their own organisation, operators must choose' })
  @IsOptional()
  @Matches(/^[A-Z0-9]{2,16}$/i, { message: 'area must be an ICB or sub-ICB code, like QHM or 16C' })
  area?: string;
}

export class DashboardArea {
  @ApiProperty({ example: 'QHM' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['icb', 'sub_icb'] }) type: string;
}

export class SupplierSpend {
  @ApiProperty({ example: '10000' }) supplierCode: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ description: 'Sum of the annual cost (pence, excluding VAT) of the active contracts' }) annualPence: number;
  @ApiProperty() contracts: number;
}

export class CapabilitySpend {
  @ApiProperty({ example: 'C13' }) capabilityRef: string;
  @ApiProperty() capabilityName: string;
  @ApiProperty({ description: 'Annual cost (pence) of active contracts whose solution claims this capability, each counted in full' }) annualPence: number;
  @ApiProperty() contracts: number;
}

export class NoticeMonth {
  @ApiProperty({ example: '2027-03', description: 'Month of the notice deadline (YYYY-MM)' }) month: string;
  @ApiProperty() contracts: number;
  @ApiProperty({ description: 'Annual cost (pence) of those contracts' }) annualPence: number;
}

export class SupplierShare {
  @ApiProperty({ description: 'Supplier code, `ods:<label>` for an ODS supplier not in the catalogue, or `not-recorded`' }) key: string;
  @ApiProperty() name: string;
  @ApiProperty() practices: number;
  @ApiProperty({ description: 'Percent of practices with a recorded system, 1 decimal place' }) practicesPercent: number;
  @ApiProperty() patients: number;
  @ApiProperty({ description: 'Percent of registered patients of practices with a recorded system, 1 decimal place' }) patientsPercent: number;
  @ApiProperty({ description: 'Practices whose system comes from a contract in force (the rest from ODS data)' }) underContract: number;
}

export class HhiPoint {
  @ApiProperty({ format: 'date', description: 'A month end, or today for the last point' }) date: string;
  @ApiProperty() byPractices: number;
  @ApiProperty() byPatients: number;
}

export class MarketShare {
  @ApiProperty({ type: [SupplierShare] }) suppliers: SupplierShare[];
  @ApiProperty() practices: number;
  @ApiProperty() patients: number;
  @ApiProperty({ description: 'Herfindahl–Hirschman index by practices (Σ share%², 0–10,000)' }) hhiByPractices: number;
  @ApiProperty({ description: 'Herfindahl–Hirschman index by registered patients' }) hhiByPatients: number;
  @ApiProperty({ type: [HhiPoint], description: 'HHI at each of the last 24 month ends, then today' }) trend: HhiPoint[];
}

export class ExposureTotal {
  @ApiProperty({ enum: ['conditional', 'lapsed', 'failed'] }) status: string;
  @ApiProperty() contracts: number;
  @ApiProperty() annualPence: number;
  @ApiProperty({ description: 'Practices in the area served by those contracts' }) practices: number;
}

export class ExposedSolution extends ExposureTotal {
  @ApiProperty() solutionId: string;
  @ApiProperty() solutionName: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) since: string | null;
}

export class Exposure {
  @ApiProperty({ type: [ExposureTotal] }) totals: ExposureTotal[];
  @ApiProperty({ type: [ExposedSolution] }) solutions: ExposedSolution[];
}

export class Dashboard {
  @ApiProperty({ type: DashboardArea }) area: DashboardArea;
  @ApiProperty({ format: 'date', description: 'The London day the figures are for' }) asOf: string;
  @ApiProperty({ format: 'date-time', description: 'When the figures were computed' }) computedAt: string;
  @ApiProperty({
    description:
      'True when these are the previous figures of a large area, served while newer ones are worked out in the background (they are exact as of computedAt); ask again shortly',
  })
  updating: boolean;
  @ApiProperty({ type: [SupplierSpend] }) spendBySupplier: SupplierSpend[];
  @ApiProperty({ type: [CapabilitySpend] }) spendByCapability: CapabilitySpend[];
  @ApiProperty({ type: [NoticeMonth], description: 'The next 24 months, this month first' }) noticeDeadlines: NoticeMonth[];
  @ApiProperty({ type: MarketShare }) marketShare: MarketShare;
  @ApiProperty({ type: Exposure }) exposure: Exposure;
}
