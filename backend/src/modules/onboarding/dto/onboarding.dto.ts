import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { COMPANY_NUMBER_PATTERN, normaliseCompanyNumber } from '../companies-house';
import { FRAMEWORK_STATUSES, FrameworkStatus } from '../lifecycle';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EXAMPLE_SHA = '9f2c4d1e6b7a8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d';

// ---- registration -------------------------------------------------------------------------

export class RegisteredAddress {
  @ApiProperty({ example: '1 Station Road' }) @Transform(trim) @IsString() @IsNotEmpty({ message: 'Enter the first line of the address' }) @MaxLength(200) line1: string;
  @ApiPropertyOptional({ example: 'Unit 4' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(200) line2?: string;
  @ApiProperty({ example: 'Leeds' }) @Transform(trim) @IsString() @IsNotEmpty({ message: 'Enter the town or city' }) @MaxLength(100) town: string;
  @ApiProperty({ example: 'LS1 4AP' })
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$/, { message: 'Enter a real postcode, like LS1 4AP' })
  postcode: string;
}

export class RegisterSupplierRequest {
  @ApiProperty({ example: 'Northwind Health Software Ltd' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Enter the company name' })
  @MaxLength(300, { message: 'Company name must be 300 characters or fewer' })
  companyName: string;

  @ApiProperty({ example: 'SC123456', description: 'Companies House number: 8 digits, or a 2-character prefix (SC, NI, OC, …) and 6 digits. Case and spaces are ignored.' })
  @Transform(({ value }) => (typeof value === 'string' ? normaliseCompanyNumber(value) : value))
  @IsString({ message: 'Enter a Companies House number of 8 characters, like 01234567 or SC123456' })
  @Matches(COMPANY_NUMBER_PATTERN, { message: 'Enter a Companies House number in the correct format: 8 digits, or a 2-letter prefix such as SC, NI or OC and 6 digits' })
  companiesHouseNumber: string;

  @ApiProperty({ type: RegisteredAddress })
  @IsObject({ message: 'Enter the registered address' })
  @ValidateNested()
  @Type(() => RegisteredAddress)
  registeredAddress: RegisteredAddress;

  @ApiProperty({ example: 'Nia Walker', description: 'The contact, who becomes the first user' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Enter your full name' })
  @MaxLength(200)
  contactName: string;

  @ApiProperty({ example: 'nia.walker@northwind.example' })
  @Transform(trim)
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.com' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ format: 'password', minLength: 12, example: 'correct horse battery staple' })
  @IsString()
  @MinLength(12, { message: 'Password must be at least 12 characters' })
  @MaxLength(200, { message: 'Password must be 200 characters or fewer' })
  password: string;
}

export class RegistrationAccepted {
  @ApiProperty({ example: 'Check your email: we have sent a link to confirm your address. It works for 24 hours.' }) message: string;
}

export class VerifyRegistrationRequest {
  @ApiProperty({ example: 'q3L0d0mBv7kq2Xh9nG7f3w1Yw0n2sKc3rT5uV8xZa1E' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'The confirmation link is not valid' })
  token: string;
}

export class RegistrationVerified {
  @ApiProperty({ example: '10123', description: 'The new supplier organisation' }) organisationCode: string;
  @ApiProperty({ example: 'Northwind Health Software Ltd' }) organisationName: string;
  @ApiProperty({ example: 'nia.walker@northwind.example', description: 'Sign in with this email and the password chosen at registration' }) email: string;
}

export class OnboardedSupplierView {
  @ApiProperty({ example: '10123' }) code: string;
  @ApiProperty({ example: 'Northwind Health Software Ltd' }) name: string;
  @ApiProperty({ example: 'SC123456', nullable: true, type: String }) companiesHouseNumber: string | null;
  @ApiProperty({ enum: ['active', 'inactive'] }) status: string;
  @ApiProperty({ example: 1 }) users: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it registered itself (null for imported suppliers)' }) registeredAt: string | null;
  @ApiProperty({ type: [String], example: ['10124'], description: 'Other suppliers with the same Companies House number' }) possibleDuplicates: string[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Merged into this supplier' }) mergedInto: string | null;
}

export class SuspendSupplierRequest {
  @ApiProperty({ example: 'Duplicate registration under investigation' }) @Transform(trim) @IsString() @IsNotEmpty({ message: 'Give a reason' }) @MaxLength(1000) reason: string;
}

export class MergeSupplierRequest {
  @ApiProperty({ example: '10123', description: 'The supplier to keep; users, items, applications and frameworks move to it' })
  @IsString()
  @Matches(/^[0-9]{5}$/, { message: 'Enter the 5-digit code of the supplier to merge into' })
  intoCode: string;

  @ApiProperty({ example: 'Registered twice by different staff' }) @Transform(trim) @IsString() @IsNotEmpty({ message: 'Give a reason' }) @MaxLength(1000) reason: string;
}

export class MergeResult {
  @ApiProperty({ example: '10124' }) from: string;
  @ApiProperty({ example: '10123' }) into: string;
  @ApiProperty({ example: 1 }) usersMoved: number;
  @ApiProperty({ example: 2 }) itemsMoved: number;
}

// ---- framework rounds ---------------------------------------------------------------------

export class RoundDatesDto {
  @ApiPropertyOptional({ format: 'date', example: '2027-01-04', nullable: true, type: String, description: 'Suppliers can register interest from this day (coming)' })
  @IsOptional()
  @Matches(DAY, { message: 'Enter a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'Enter a real date' })
  interestFrom?: string | null;

  @ApiProperty({ format: 'date', example: '2027-02-01' }) @Matches(DAY, { message: 'Enter a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'Enter a real date' }) opensOn: string;
  @ApiProperty({ format: 'date', example: '2027-03-01' }) @Matches(DAY, { message: 'Enter a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'Enter a real date' }) closesOn: string;
  @ApiProperty({ format: 'date', example: '2027-03-29' }) @Matches(DAY, { message: 'Enter a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'Enter a real date' }) resultsOn: string;
  @ApiProperty({ format: 'date', example: '2027-04-12' }) @Matches(DAY, { message: 'Enter a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'Enter a real date' }) liveOn: string;
  @ApiProperty({ format: 'date', example: '2031-04-12' }) @Matches(DAY, { message: 'Enter a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'Enter a real date' }) expiresOn: string;
}

const DECLARATION_EXAMPLE = {
  schema: {
    type: 'object',
    properties: { dataHosting: { type: 'string', enum: ['UK only', 'UK and EEA'] }, clinicalSafetyOfficer: { type: 'string', minLength: 1 } },
    required: ['dataHosting', 'clinicalSafetyOfficer'],
  },
  form: {
    sections: [
      {
        id: 'safety-and-hosting',
        title: 'Clinical safety and hosting',
        questions: [
          { id: 'dataHosting', label: 'Where is patient data hosted?', marking: { kind: 'pass-fail', passWhen: { in: ['UK only'] }, failReason: 'Patient data must be hosted in the UK' } },
          { id: 'clinicalSafetyOfficer', label: 'Clinical safety officer (DCB0129)', marking: { kind: 'discretionary' } },
        ],
      },
    ],
  },
};

export class CreateFrameworkRoundRequest {
  @ApiProperty({ example: 'PCF2028', description: 'Framework id: 2–16 capital letters and digits' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9]{1,15}$/, { message: 'Enter an id of 2 to 16 capital letters and digits, like PCF2028' })
  id: string;

  @ApiProperty({ example: 'Primary Care Digital Services Framework 2028' }) @Transform(trim) @IsString() @IsNotEmpty({ message: 'Enter the name' }) @MaxLength(300) name: string;
  @ApiProperty({ example: 'Primary Care 2028' }) @Transform(trim) @IsString() @IsNotEmpty({ message: 'Enter a short name' }) @MaxLength(100) shortName: string;
  @ApiProperty({ example: 'GP IT Marketplace' }) @Transform(trim) @IsString() @IsNotEmpty({ message: 'Enter the owner' }) @MaxLength(200) owner: string;
  @ApiPropertyOptional({ example: 'Clinical and business systems for general practice.' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(3000) description?: string;

  @ApiProperty({ example: ['GPIT funding', 'Local funding'], type: [String] })
  @IsArray()
  @ArrayMinSize(1, { message: 'Choose at least one funding type' })
  @IsIn(['GPIT funding', 'Local funding', 'PCARP funding'], { each: true, message: 'Funding types are GPIT funding, Local funding or PCARP funding' })
  fundingTypes: string[];

  @ApiProperty({ example: 36, minimum: 1, maximum: 120 }) @IsInt({ message: 'Enter the maximum term in whole months' }) @Min(1) @Max(120) maximumTermMonths: number;

  @ApiProperty({ example: [1, 43], type: [Number], description: 'Capabilities the framework covers' })
  @IsArray()
  @ArrayMinSize(1, { message: 'Choose at least one capability' })
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  capabilityIds: number[];

  @ApiProperty({ type: RoundDatesDto }) @IsObject() @ValidateNested() @Type(() => RoundDatesDto) dates: RoundDatesDto;

  @ApiProperty({ type: 'object', additionalProperties: true, example: DECLARATION_EXAMPLE, description: 'The declaration: a JSON Schema (draft 2020-12) with one property per question, and a form of sections whose questions say how each is marked (pass-fail with passWhen, discretionary, info)' })
  @IsObject({ message: 'Enter the declaration' })
  declaration: Record<string, unknown>;

  @ApiProperty({ example: 'FRAMEWORK AGREEMENT\n1. Parties …', description: 'The framework agreement suppliers sign; its SHA-256 is what they sign' })
  @IsString()
  @IsNotEmpty({ message: 'Enter the framework agreement' })
  @MaxLength(200000)
  agreementText: string;
}

export class CapabilityBrief {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ example: 'C1' }) ref: string;
  @ApiProperty({ example: 'Appointments Management - Citizen' }) name: string;
}

export class RoundDatesView {
  @ApiProperty({ format: 'date', nullable: true, type: String, example: '2027-01-04' }) interestFrom: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, example: '2027-02-01' }) opensOn: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, example: '2027-03-01' }) closesOn: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, example: '2027-03-29' }) resultsOn: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, example: '2027-04-12' }) liveOn: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, example: '2031-04-12' }) expiresOn: string | null;
}

export class FrameworkRoundView {
  @ApiProperty({ example: 'PCF2027' }) id: string;
  @ApiProperty({ example: 'Primary Care Digital Services Framework 2027' }) name: string;
  @ApiProperty({ example: 'Primary Care 2027' }) shortName: string;
  @ApiProperty({ example: 'GP IT Marketplace' }) owner: string;
  @ApiProperty({ nullable: true, type: String, example: 'Clinical and business systems for general practice.' }) description: string | null;
  @ApiProperty({ enum: FRAMEWORK_STATUSES, example: 'open' }) status: FrameworkStatus;
  @ApiProperty({ enum: ['reference', 'operator'], description: 'reference: imported from the Buying Catalogue; operator: a round run here' }) source: string;
  @ApiProperty({ type: [String], example: ['GPIT funding', 'Local funding'] }) fundingTypes: string[];
  @ApiProperty({ example: 36 }) maximumTermMonths: number;
  @ApiProperty({ type: [CapabilityBrief] }) capabilities: CapabilityBrief[];
  @ApiProperty({ type: RoundDatesView }) dates: RoundDatesView;
  @ApiProperty({ nullable: true, type: String, example: EXAMPLE_SHA, description: 'SHA-256 (hex) of the framework agreement' }) agreementSha256: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) statusChangedAt: string | null;
}

export class FrameworkRoundDetail extends FrameworkRoundView {
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: DECLARATION_EXAMPLE, description: 'The declaration schema and form' }) declaration: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String, example: 'FRAMEWORK AGREEMENT\n1. Parties …' }) agreementText: string | null;
}

export class TransitionRequest {
  @ApiProperty({ enum: FRAMEWORK_STATUSES, example: 'standstill', description: 'A later status; the round passes through every step in between' })
  @IsIn(FRAMEWORK_STATUSES as unknown as string[], { message: 'Choose a status: coming, open, pending, standstill, live or expired' })
  to: FrameworkStatus;

  @ApiProperty({ example: 'Evaluation finished early' }) @Transform(trim) @IsString() @IsNotEmpty({ message: 'Give a reason' }) @MaxLength(1000) reason: string;
}

export class InterestView {
  @ApiProperty({ example: 'PCF2027' }) frameworkId: string;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
}

// ---- applications -------------------------------------------------------------------------

export class SectionStatusView {
  @ApiProperty({ example: 'information-security' }) id: string;
  @ApiProperty({ example: 'Information security' }) title: string;
  @ApiProperty({ enum: ['not-started', 'complete', 'incomplete'], example: 'complete' }) status: string;
}

export class ProposedSolutionView {
  @ApiProperty({ example: '10123-001' }) itemId: string;
  @ApiProperty({ example: 'Northwind Appointments' }) name: string;
  @ApiProperty({ example: 'draft', description: 'The item’s publication status' }) publicationStatus: string;
  @ApiProperty({ type: [Number], example: [1], description: 'Capabilities of the framework it claims (open draft, else live listing)' }) frameworkCapabilityIds: number[];
  @ApiProperty({ description: 'Its listing names this framework' }) namesFramework: boolean;
}

export class MarkView {
  @ApiProperty({ example: 'dataHosting' }) questionId: string;
  @ApiProperty({ example: 'Where is patient data hosted?' }) label: string;
  @ApiProperty({ enum: ['pass-fail', 'discretionary', 'info'] }) kind: string;
  @ApiProperty({ enum: ['pass', 'fail', 'pending', 'info'], example: 'fail' }) outcome: string;
  @ApiProperty({ nullable: true, type: String, example: 'Patient data must be hosted in the UK' }) reason: string | null;
  @ApiProperty({ description: 'A fail here fails the application; when false a fail is a condition of success' }) excludes: boolean;
  @ApiProperty({ description: 'Reviewed by the operator (not the automatic marking)' }) reviewed: boolean;
}

export class AgreementSignatureView {
  @ApiProperty({ example: EXAMPLE_SHA, description: 'SHA-256 of the exact agreement text signed' }) documentSha256: string;
  @ApiProperty({ example: 'Nia Walker' }) signerName: string;
  @ApiProperty({ example: 'Managing Director' }) signerRole: string;
  @ApiProperty({ format: 'date-time' }) signedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) countersignedAt: string | null;
}

export class ApplicationSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PCF2027' }) frameworkId: string;
  @ApiProperty({ example: 'Primary Care Digital Services Framework 2027' }) frameworkName: string;
  @ApiProperty({ enum: FRAMEWORK_STATUSES }) frameworkStatus: FrameworkStatus;
  @ApiProperty({ example: '10123' }) supplierCode: string;
  @ApiProperty({ example: 'Northwind Health Software Ltd' }) supplierName: string;
  @ApiProperty({ enum: ['draft', 'submitted'] }) status: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ enum: ['pass', 'fail', 'pending'], nullable: true, type: String, description: 'Shown to the supplier once the round is in standstill' }) result: string | null;
}

export class ApplicationView extends ApplicationSummary {
  @ApiProperty({ type: 'object', additionalProperties: true, example: { dataHosting: 'UK only' }, description: 'Saved answers by question id' }) answers: Record<string, unknown>;
  @ApiProperty({ type: [SectionStatusView] }) sections: SectionStatusView[];
  @ApiProperty({ type: [ProposedSolutionView] }) solutions: ProposedSolutionView[];
  @ApiProperty({ type: [String], example: ['Answer the section “Insurance”'], description: 'What stops it being submitted (empty when ready)' }) missing: string[];
  @ApiProperty({ description: 'Answers can still be changed (round open and not yet submitted)' }) editable: boolean;
  @ApiProperty({ type: [MarkView], description: 'Marks (the supplier sees them with the result, from standstill)' }) marks: MarkView[];
  @ApiProperty({ type: [String], example: ['Where is patient data hosted?: Patient data must be hosted in the UK'] }) resultReasons: string[];
  @ApiProperty({ type: AgreementSignatureView, nullable: true }) agreement: AgreementSignatureView | null;
  @ApiProperty({ description: 'The supplier is on the framework (agreement countersigned)' }) onFramework: boolean;
}

export class ApplicationListQuery {
  @ApiPropertyOptional({ example: 'PCF2027' }) @IsOptional() @IsString() @Matches(/^[A-Za-z0-9]{2,16}$/, { message: 'frameworkId must be a framework id such as PCF2027' }) frameworkId?: string;
}

export class SaveSectionRequest {
  @ApiProperty({ type: 'object', additionalProperties: true, example: { dataHosting: 'UK only', accessibilityStatementUrl: 'https://northwind.example/accessibility' }, description: 'Answers to this section’s questions, by question id' })
  @IsObject({ message: 'Send the answers as an object' })
  answers: Record<string, unknown>;
}

export class ProposedSolutionsRequest {
  @ApiProperty({ type: [String], example: ['10123-001'], description: 'Your catalogue items (drafts are fine) proposed for the framework' })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[0-9]{5}-([0-9]{3}|S-[0-9]{3}|[0-9]{3}A[0-9]{3})$/, { each: true, message: 'itemIds must be catalogue item ids such as 10123-001' })
  itemIds: string[];
}

export class MarkRequest {
  @ApiProperty({ enum: ['pass', 'fail'], example: 'pass' }) @IsIn(['pass', 'fail'], { message: 'Choose pass or fail' }) outcome: 'pass' | 'fail';
  @ApiProperty({ example: 'Registered nurse, NMC 12A3456E, trained in DCB0129' }) @Transform(trim) @IsString() @IsNotEmpty({ message: 'Give a reason' }) @MaxLength(1000) reason: string;
}

export class SignAgreementRequest {
  @ApiProperty({ example: 'Nia Walker' }) @Transform(trim) @IsString() @IsNotEmpty({ message: 'Enter the signer’s full name' }) @MaxLength(200) signerName: string;
  @ApiProperty({ example: 'Managing Director' }) @Transform(trim) @IsString() @IsNotEmpty({ message: 'Enter the signer’s role' }) @MaxLength(200) signerRole: string;
  @ApiProperty({ example: EXAMPLE_SHA, description: 'The SHA-256 of the agreement as shown to the signer; refused (409) if the agreement has changed' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'documentSha256 must be the 64-character SHA-256 of the agreement' })
  documentSha256: string;
}

// ---- clarifications -----------------------------------------------------------------------

export class AskClarificationRequest {
  @ApiProperty({ example: 'Does Cyber Essentials Plus need to cover our hosting provider too?' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Enter your question' })
  @MaxLength(3000, { message: 'Question must be 3000 characters or fewer' })
  question: string;
}

export class AnswerClarificationRequest {
  @ApiProperty({ example: 'Does Cyber Essentials Plus need to cover a supplier’s hosting provider?', description: 'The question as published to every applicant, anonymised' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Enter the question as it will be published' })
  @MaxLength(3000)
  publishedQuestion: string;

  @ApiProperty({ example: 'No: the certificate must cover the organisation providing the service; hosting is covered by the DSPT.' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Enter the answer' })
  @MaxLength(5000)
  answer: string;
}

export class ClarificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PCF2027' }) frameworkId: string;
  @ApiProperty({ example: 'Does Cyber Essentials Plus need to cover a supplier’s hosting provider?', description: 'The published (anonymised) question once answered; your own question before' }) question: string;
  @ApiProperty({ nullable: true, type: String, description: 'The original wording (the asker and the operator only)' }) askedQuestion: string | null;
  @ApiProperty({ nullable: true, type: String, example: '10123', description: 'Who asked (operator only)' }) askedBy: string | null;
  @ApiProperty({ description: 'Asked by your organisation' }) mine: boolean;
  @ApiProperty({ format: 'date-time' }) askedAt: string;
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt: string | null;
}
