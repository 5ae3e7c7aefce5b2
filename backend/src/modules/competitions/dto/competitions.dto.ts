import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { ListQuery } from '../../../core/http/paging';
import { IsFrameworkId, IsPracticeOdsCodes, IsPriceId, IsQuantity } from '../../ordering/dto/order-fields';
import { AWARD_TYPES, COMPETITION_STATUSES, CRITERIA_TYPES, ELEMENTS, PRIORITIES } from '../scoring';

const ITEM_ID = /^[0-9]{5}-[0-9]{3}$/;
export const TASK_KEYS = ['solutions', 'recipients', 'term', 'prices', 'criteria', 'requirements', 'scores', 'results'] as const;
export const TASK_STATUSES = ['completed', 'in_progress', 'not_started', 'cannot_start'] as const;

export class CompetitionIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a competition id (a UUID)' })
  id: string;
}

export class CompetitionItemParam extends CompetitionIdParam {
  @ApiProperty({ example: '10000-001' })
  @Matches(ITEM_ID, { message: 'itemId must be a solution id such as 10000-001' })
  itemId: string;
}

export class CompetitionListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: COMPETITION_STATUSES })
  @IsOptional()
  @IsIn(COMPETITION_STATUSES)
  status?: (typeof COMPETITION_STATUSES)[number];
}

export class NameBody {
  @ApiProperty({ example: 'Online consultation 2027', description: 'Unique in your organisation (ignoring case)' })
  @IsString({ message: 'Enter a name for the competition' })
  @Matches(/\S/, { message: 'Enter a name for the competition' })
  @MaxLength(200, { message: 'Name must be 200 characters or fewer' })
  name: string;
}

export class CreateCompetitionBody extends NameBody {
  @ApiProperty({ format: 'uuid', description: 'One of your shortlists with at least one solution' })
  @IsUUID('all', { message: 'Choose a shortlist' })
  shortlistId: string;
}

export class SolutionChoice {
  @ApiProperty({ example: '10000-001' })
  @IsString()
  @Matches(ITEM_ID, { message: 'itemId must be a solution id such as 10000-001' })
  itemId: string;

  @ApiProperty({ description: 'true: compared; false: left out (needs a reason)' })
  @IsBoolean({ message: 'Say whether the solution is included' })
  included: boolean;

  @ApiPropertyOptional({ example: 'Does not offer GP Connect', description: 'Why it was left out (required when included is false)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'Reason must be 2,000 characters or fewer' })
  exclusionReason?: string;
}

export class SolutionsBody {
  @ApiProperty({ type: [SolutionChoice], description: 'Every solution of the competition, once' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SolutionChoice)
  solutions: SolutionChoice[];
}

export class CompetitionRecipientsBody {
  @ApiProperty({ type: [String], example: ['A81001'], description: 'ODS codes of the practices that would use the solution' })
  @IsPracticeOdsCodes()
  odsCodes: string[];
}

export class CompetitionTermBody {
  @ApiProperty({ example: 'TIF001' })
  @IsFrameworkId()
  frameworkId: string;

  @ApiProperty({ example: 36, minimum: 1, maximum: 120, description: 'Contract length, within the framework’s maximum' })
  @Type(() => Number)
  @IsInt({ message: 'Enter the contract length in whole months' })
  @Min(1, { message: 'Contract length must be at least 1 month' })
  @Max(120, { message: 'Contract length must be 120 months or less' })
  termMonths: number;
}

export class PriceChoice {
  @ApiProperty({ example: '10000-001' })
  @IsString()
  @Matches(ITEM_ID, { message: 'itemId must be a solution id such as 10000-001' })
  itemId: string;

  @ApiProperty({ example: 'p1', description: 'One of the prices of the frozen listing version' })
  @IsPriceId()
  priceId: string;

  @ApiPropertyOptional({ minimum: 0, description: 'Required for prices that take an entered quantity (not per patient)' })
  @IsOptional()
  @IsQuantity()
  quantity?: number;
}

export class PricesBody {
  @ApiProperty({ type: [PriceChoice], description: 'The price compared for each included solution' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PriceChoice)
  prices: PriceChoice[];
}

export class ElementWeights {
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Percent of the non-price weight; 0 = not used' })
  @Type(() => Number)
  @IsInt({ message: 'Enter a whole percentage' })
  @Min(0)
  @Max(100)
  features: number;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @Type(() => Number)
  @IsInt({ message: 'Enter a whole percentage' })
  @Min(0)
  @Max(100)
  implementation: number;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @Type(() => Number)
  @IsInt({ message: 'Enter a whole percentage' })
  @Min(0)
  @Max(100)
  interoperability: number;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @Type(() => Number)
  @IsInt({ message: 'Enter a whole percentage' })
  @Min(0)
  @Max(100)
  serviceLevels: number;
}

export class CriteriaBody {
  @ApiProperty({ enum: CRITERIA_TYPES })
  @IsIn(CRITERIA_TYPES, { message: 'Choose price only, or price and non-price' })
  type: (typeof CRITERIA_TYPES)[number];

  @ApiProperty({ example: 60, description: 'Price only: 100. Price and non-price: 30–90 in steps of 5' })
  @Type(() => Number)
  @IsInt({ message: 'Enter the price weighting as a whole percentage' })
  @Min(0)
  @Max(100)
  priceWeight: number;

  @ApiProperty({ type: ElementWeights, description: 'Sub-weightings of the non-price elements, steps of 5 summing to 100 (all 0 for price only)' })
  @IsObject()
  @ValidateNested()
  @Type(() => ElementWeights)
  weights: ElementWeights;
}

export class FeatureRequirement {
  @ApiProperty({ example: 'Patients can book video consultations' })
  @IsString()
  @Matches(/\S/, { message: 'Enter the requirement' })
  @MaxLength(500, { message: 'Requirement must be 500 characters or fewer' })
  text: string;

  @ApiProperty({ enum: PRIORITIES })
  @IsIn(PRIORITIES, { message: 'Choose MUST or SHOULD' })
  priority: (typeof PRIORITIES)[number];
}

export class RequirementsBody {
  @ApiProperty({ type: [FeatureRequirement] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FeatureRequirement)
  features: FeatureRequirement[];

  @ApiProperty({ type: [String], example: ['IM1: Bulk', 'GP Connect: Access Record HTML'], description: 'Integration types wanted, as "<integration>: <type>"' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  integrationTypes: string[];
}

export class ElementScore {
  @ApiProperty({ enum: ELEMENTS })
  @IsIn(ELEMENTS, { message: 'element must be features, implementation, interoperability or serviceLevels' })
  element: (typeof ELEMENTS)[number];

  @ApiProperty({ minimum: 1, maximum: 5 })
  @Type(() => Number)
  @IsInt({ message: 'Choose a score from 1 to 5' })
  @Min(1, { message: 'Choose a score from 1 to 5' })
  @Max(5, { message: 'Choose a score from 1 to 5' })
  score: number;

  @ApiProperty({ example: 'Meets every MUST requirement and 3 of 4 SHOULDs' })
  @IsString({ message: 'Enter a justification for the score' })
  @Matches(/\S/, { message: 'Enter a justification for the score' })
  @MaxLength(2000, { message: 'Justification must be 2,000 characters or fewer' })
  justification: string;
}

export class ScoresBody {
  @ApiProperty({ type: [ElementScore], description: 'One score per element in use' })
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => ElementScore)
  scores: ElementScore[];
}

export class AwardBody {
  @ApiPropertyOptional({ example: '10000-001', description: 'Required when the result is a tie: one of the tied winners' })
  @IsOptional()
  @IsString()
  @Matches(ITEM_ID, { message: 'Choose one of the tied winners' })
  itemId?: string;
}

// ---- responses

export class CompetitionSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COMPETITION_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true, enum: AWARD_TYPES }) awardType: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The shortlist it started from (null once deleted)' }) shortlistName: string | null;
  @ApiProperty({ description: 'Solutions included in the comparison' }) includedCount: number;
  @ApiProperty({ description: 'Solutions from the shortlist' }) solutionCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'C000123-01', description: 'The draft order made on award' }) orderRef: string | null;
}

export class ShortlistOption {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Solutions (not services) on the shortlist' }) solutionCount: number;
}

export class FrameworkOption {
  @ApiProperty({ example: 'TIF001' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() maxTermMonths: number;
}

export class CompetitionOptions {
  @ApiProperty({ type: [ShortlistOption] }) shortlists: ShortlistOption[];
  @ApiProperty({ type: [FrameworkOption], description: 'Live frameworks' }) frameworks: FrameworkOption[];
  @ApiProperty({ type: [String], example: ['GP Connect: Access Record HTML', 'IM1: Bulk'], description: 'Integration types to choose from for interoperability requirements' })
  integrationTypes: string[];
}

export class NamedRef {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class PriceOption {
  @ApiProperty({ example: 'p1' }) id: string;
  @ApiProperty({ example: '£1.26 per patient per year' }) display: string;
  @ApiProperty({ description: 'The buyer enters a quantity for it (not per patient)' }) takesQuantity: boolean;
}

export class CompetitionSolution {
  @ApiProperty({ example: '10000-001' }) itemId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '10000' }) supplierCode: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ format: 'uuid', description: 'The listing version frozen into the competition' }) listingVersionId: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null: not decided yet' }) included: boolean | null;
  @ApiProperty({ type: String, nullable: true }) exclusionReason: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['accredited', 'conditional', 'lapsed', 'failed'], description: 'Accreditation now' })
  accreditationStatus: string | null;
  @ApiProperty({ type: [String], example: ['IM1: Bulk'], description: 'Integration types of the frozen version' }) integrationTypes: string[];
  @ApiProperty({ type: [PriceOption] }) prices: PriceOption[];
  @ApiProperty({ type: String, nullable: true }) priceId: string | null;
  @ApiProperty({ type: Number, nullable: true }) quantity: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Whole-term cost for the recipients and term (null until all are chosen)' })
  wholeTermPence: number | null;
}

export class CompetitionRecipient {
  @ApiProperty() odsCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: Number, nullable: true }) registeredPatients: number | null;
}

export class CriteriaView {
  @ApiProperty({ type: String, nullable: true, enum: CRITERIA_TYPES, description: 'null until chosen' }) type: string | null;
  @ApiProperty({ type: Number, nullable: true }) priceWeight: number | null;
  @ApiProperty({ type: ElementWeights }) weights: ElementWeights;
}

export class RequirementsView {
  @ApiProperty({ type: [FeatureRequirement] }) features: FeatureRequirement[];
  @ApiProperty({ type: [String] }) integrationTypes: string[];
}

export class ScoreView {
  @ApiProperty() itemId: string;
  @ApiProperty({ enum: ELEMENTS }) element: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) score: number;
  @ApiProperty() justification: string;
}

export class CompetitionTask {
  @ApiProperty({ enum: TASK_KEYS }) key: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: TASK_STATUSES }) status: string;
}

export class ElementNumbers {
  @ApiPropertyOptional() features?: number;
  @ApiPropertyOptional() implementation?: number;
  @ApiPropertyOptional() interoperability?: number;
  @ApiPropertyOptional() serviceLevels?: number;
}

export class RankingRow {
  @ApiProperty() itemId: string;
  @ApiProperty() name: string;
  @ApiProperty() supplierName: string;
  @ApiProperty() wholeTermPence: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) priceScore: number;
  @ApiProperty({ type: ElementNumbers, description: 'Score 1–5 per element in use' }) elementScores: ElementNumbers;
  @ApiProperty({ description: 'priceScore × priceWeight × 100 (divide by 10,000 to show)' }) pricePoints: number;
  @ApiProperty({ type: ElementNumbers, description: 'score × sub-weight × (100 − priceWeight) per element, same units' }) elementPoints: ElementNumbers;
  @ApiProperty({ description: 'Weighted total, an integer up to 50,000; shown as totalPoints / 10,000 to 4 decimal places' }) totalPoints: number;
  @ApiProperty({ description: '1 is best; equal totals share a rank' }) rank: number;
}

export class CompetitionResult {
  @ApiProperty({ type: [RankingRow] }) ranking: RankingRow[];
  @ApiProperty({ type: [String], description: 'Item ids with the highest total (several when tied)' }) winners: string[];
  @ApiProperty() tie: boolean;
}

export class CompetitionDetail {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COMPETITION_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true, enum: AWARD_TYPES }) awardType: string | null;
  @ApiProperty({ type: NamedRef, nullable: true }) shortlist: NamedRef | null;
  @ApiProperty({ type: FrameworkOption, nullable: true }) framework: FrameworkOption | null;
  @ApiProperty({ type: Number, nullable: true }) termMonths: number | null;
  @ApiProperty({ type: [CompetitionSolution] }) solutions: CompetitionSolution[];
  @ApiProperty({ type: [CompetitionRecipient] }) recipients: CompetitionRecipient[];
  @ApiProperty({ type: CriteriaView }) criteria: CriteriaView;
  @ApiProperty({ type: RequirementsView }) requirements: RequirementsView;
  @ApiProperty({ type: [ScoreView] }) scores: ScoreView[];
  @ApiProperty({ type: [String], enum: ELEMENTS, description: 'Non-price elements in use (sub-weight above 0)' }) elements: string[];
  @ApiProperty({ type: [CompetitionTask] }) tasks: CompetitionTask[];
  @ApiProperty({ type: [String], description: 'What still stops the competition from being completed' }) blockers: string[];
  @ApiProperty() canComplete: boolean;
  @ApiProperty({ description: 'Exactly one solution is included: it can be awarded directly' }) canDirectAward: boolean;
  @ApiProperty({ type: CompetitionResult, nullable: true, description: 'While draft and complete enough: the result if completed now' }) preview: CompetitionResult | null;
  @ApiProperty({ type: CompetitionResult, nullable: true, description: 'Once completed: the frozen result' }) results: CompetitionResult | null;
  @ApiProperty({ type: String, nullable: true, example: 'C000123-01' }) orderRef: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true }) createdByName: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) completedByName: string | null;
}
