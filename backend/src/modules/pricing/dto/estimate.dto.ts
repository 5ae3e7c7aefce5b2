import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { BILLING_PERIODS, CALCULATION_TYPES, PRICE_TYPES, PROVISIONING_TYPES, QUANTITY_BASES } from '../../catalogue/listing';

/** The framework maximum term (product.md §3): estimates cover at most 36 months. */
export const MAX_TERM_MONTHS = 36;
export const MAX_ENTERED_QUANTITY = 100_000_000;

/** `?x=a&x=b` and `?x=a,b` mean the same. */
const toList = (upper = false) =>
  Transform(({ value }) => {
    if (value === undefined || value === null) return value;
    const values = Array.isArray(value) ? value : [value];
    if (!values.every((v) => typeof v === 'string')) return value; // left for the validators to refuse
    return values
      .flatMap((v: string) => v.split(/[,\s]+/))
      .map((v) => (upper ? v.trim().toUpperCase() : v.trim()))
      .filter((v) => v !== '');
  });

export class EstimateQuery {
  @ApiPropertyOptional({
    type: [String],
    example: ['A81001'],
    description:
      'ODS codes of the practices (service recipients) to estimate for. Practice managers: their own practice (the default; any other code is 404). Commissioners: one or more practices in their area (required; a code outside it is 404). Repeat the parameter or separate codes with commas.',
  })
  @IsOptional()
  @toList(true)
  @IsArray()
  @ArrayMaxSize(2000)
  @Matches(/^[A-Z0-9]{2,16}$/, { each: true, message: 'practices must be ODS codes such as A81001' })
  practices?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['p2:12'],
    description:
      'Quantities for declarative, on-demand and one-off prices as `<price id>:<whole number>`, e.g. `p2:12` (default 1 each; 0 leaves the price out). Per-patient prices take each practice’s registered patients and accept no quantity. Repeat the parameter or separate pairs with commas.',
  })
  @IsOptional()
  @toList()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[A-Za-z0-9_-]{1,40}:\d{1,9}$/, { each: true, message: 'quantity must be pairs of a price id and a whole number, such as p2:12' })
  quantity?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TERM_MONTHS, default: MAX_TERM_MONTHS, description: 'Contract term in months (the framework maximum is 36)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'termMonths must be a whole number of months' })
  @Min(1, { message: 'termMonths must be at least 1' })
  @Max(MAX_TERM_MONTHS, { message: `termMonths must be at most ${MAX_TERM_MONTHS} (the framework maximum term)` })
  termMonths?: number;
}

export class CostTotals {
  @ApiProperty({ description: 'Paid once, in pence' }) oneOffPence: number;
  @ApiProperty({ description: 'Per month, in pence: monthly prices, plus yearly prices ÷ 12 rounded half-up per cost line' }) monthlyPence: number;
  @ApiProperty({ description: 'Per year, in pence: yearly prices, plus monthly prices × 12' }) annualPence: number;
  @ApiProperty({ description: 'One-off plus recurring costs over the term, in pence' }) wholeTermPence: number;
}

export class EstimateRecipient {
  @ApiProperty({ example: 'A81001' }) odsCode: string;
  @ApiProperty({ example: 'THE DENSHAM SURGERY' }) name: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Registered patients from the latest published list sizes; null when unknown (counted as 0)' })
  registeredPatients: number | null;
}

export class EstimateRecipientCost extends CostTotals {
  @ApiProperty({ type: String, nullable: true, description: 'The practice; null on a per-solution line (one cost for the whole order)' }) odsCode: string | null;
  @ApiProperty({ description: 'Units priced for this practice (or the whole order)' }) quantity: number;
}

export class EstimateLine extends CostTotals {
  @ApiProperty({ example: 'p1' }) priceId: string;
  @ApiProperty({ example: '£1.26 per patient per year' }) display: string;
  @ApiProperty({ enum: PROVISIONING_TYPES }) provisioningType: string;
  @ApiProperty({ enum: PRICE_TYPES }) priceType: string;
  @ApiProperty({ enum: CALCULATION_TYPES }) calculationType: string;
  @ApiProperty({ enum: QUANTITY_BASES }) quantityBasis: string;
  @ApiProperty({ enum: BILLING_PERIODS }) billingPeriod: string;
  @ApiProperty({ example: 'per patient' }) unit: string;
  @ApiProperty({ enum: ['registered_patients', 'entered'], description: 'Where the quantity comes from' }) quantitySource: 'registered_patients' | 'entered';
  @ApiProperty({ description: 'Total units priced (summed over practices on a per-service-recipient line)' }) quantity: number;
  @ApiProperty({ type: [EstimateRecipientCost], description: 'One cost per practice (per service recipient), or one for the whole order (per solution)' })
  recipients: EstimateRecipientCost[];
}

export class CostEstimate {
  @ApiProperty({ example: '10000-001' }) itemId: string;
  @ApiProperty() itemName: string;
  @ApiProperty() termMonths: number;
  @ApiProperty({ type: [EstimateRecipient] }) recipients: EstimateRecipient[];
  @ApiProperty({ type: [EstimateLine] }) lines: EstimateLine[];
  @ApiProperty({ type: CostTotals, description: 'Sums of the lines' }) totals: CostTotals;
  @ApiProperty({ description: 'How the figures were rounded, in plain words' }) rounding: string;
}
