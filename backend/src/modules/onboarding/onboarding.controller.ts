import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, Public, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { Idempotent } from '../../core/idempotency/idempotency.decorator';
import { clientMeta } from '../identity/auth.controller';
import { attachment } from '../search/csv';
import { ApplicationsService } from './applications.service';
import {
  AnswerClarificationRequest, ApplicationListQuery, ApplicationSummary, ApplicationView, AskClarificationRequest, ClarificationView, CreateFrameworkRoundRequest,
  FrameworkRoundDetail, FrameworkRoundView, InterestView, MarkRequest, MergeResult, MergeSupplierRequest, OnboardedSupplierView, ProposedSolutionsRequest,
  RegisterSupplierRequest, RegistrationAccepted, RegistrationVerified, SaveSectionRequest, SignAgreementRequest, SuspendSupplierRequest, TransitionRequest,
  VerifyRegistrationRequest,
} from './dto/onboarding.dto';
import { RegistrationsService } from './registrations.service';
import { RoundsService } from './rounds.service';

@ApiTags('onboarding')
@Controller('onboarding/registrations')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Public()
  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Register a company as a supplier: emails a link to confirm the address (same answer whether or not the email has an account; rate-limited per network)' })
  @ApiAcceptedResponse({ type: RegistrationAccepted })
  register(@Body() body: RegisterSupplierRequest, @Req() req: Request): Promise<RegistrationAccepted> {
    return this.registrations.register(body, clientMeta(req));
  }

  @Public()
  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the email with the emailed token: creates the supplier organisation and its first user (an administrator); then sign in' })
  @ApiOkResponse({ type: RegistrationVerified })
  verify(@Body() body: VerifyRegistrationRequest, @Req() req: Request): Promise<RegistrationVerified> {
    return this.registrations.verify(body.token, clientMeta(req));
  }
}

@ApiTags('onboarding')
@ApiCookieAuth()
@Controller('onboarding/suppliers')
export class OnboardedSuppliersController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Get()
  @Roles('operator')
  @ApiOperation({ summary: 'Suppliers, newest registrations first, with possible duplicates (same Companies House number)' })
  @ApiOkResponse({ type: [OnboardedSupplierView] })
  list(): Promise<OnboardedSupplierView[]> {
    return this.registrations.suppliers();
  }

  @Post(':code/suspend')
  @Roles('operator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend a supplier: hidden, its users (of no other organisation) disabled and signed out; audited' })
  @ApiOkResponse({ type: OnboardedSupplierView })
  suspend(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: SuspendSupplierRequest, @Req() req: Request): Promise<OnboardedSupplierView> {
    return this.registrations.suspend(actor, code, body.reason, clientMeta(req));
  }

  @Post(':code/merge')
  @Roles('operator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge a duplicate supplier into another: users, catalogue items, applications and framework places move; the duplicate is suspended; audited with before and after' })
  @ApiOkResponse({ type: MergeResult })
  merge(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: MergeSupplierRequest, @Req() req: Request): Promise<MergeResult> {
    return this.registrations.merge(actor, code, body.intoCode, body.reason, clientMeta(req));
  }
}

@ApiTags('onboarding')
@Controller('onboarding/frameworks')
export class FrameworkRoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly applications: ApplicationsService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Frameworks with their lifecycle status and dates: open rounds first' })
  @ApiOkResponse({ type: [FrameworkRoundView] })
  list(): Promise<FrameworkRoundView[]> {
    return this.rounds.list();
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'A framework round: dates, capabilities, the declaration (schema and form) and the agreement with its SHA-256' })
  @ApiOkResponse({ type: FrameworkRoundDetail })
  get(@Param('id') id: string): Promise<FrameworkRoundDetail> {
    return this.rounds.get(id);
  }

  @Post()
  @Roles('operator')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Create a framework round; its status follows its dates (a daily job) unless forced' })
  @ApiCreatedResponse({ type: FrameworkRoundDetail })
  create(@CurrentActor() actor: Actor, @Body() body: CreateFrameworkRoundRequest): Promise<FrameworkRoundDetail> {
    return this.rounds.create(actor, body);
  }

  @Post(':id/transition')
  @Roles('operator')
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Force a round to a later status now, with a reason (each step in between runs: marking at pending, results at standstill); audited. 409 marking-unfinished if discretionary answers are unreviewed at standstill' })
  @ApiOkResponse({ type: FrameworkRoundDetail })
  transition(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: TransitionRequest): Promise<FrameworkRoundDetail> {
    return this.rounds.force(actor, id, body.to, body.reason);
  }

  @Post(':id/interest')
  @Roles('vendor')
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Register interest in a coming or open round (emailed when it opens)' })
  @ApiOkResponse({ type: InterestView })
  interest(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<InterestView> {
    return this.rounds.registerInterest(actor, id);
  }

  @Post(':id/applications')
  @Roles('vendor')
  @Idempotent()
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Start your application to an open round (returns the existing one if already started)' })
  @ApiCreatedResponse({ type: ApplicationView })
  apply(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ApplicationView> {
    return this.applications.start(actor, id);
  }

  @Get(':id/clarifications')
  @Roles('vendor', 'operator')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Clarification questions: published answers, and your own questions (the operator sees all, with who asked)' })
  @ApiOkResponse({ type: [ClarificationView] })
  clarifications(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ClarificationView[]> {
    return this.rounds.clarifications(actor, id);
  }

  @Post(':id/clarifications')
  @Roles('vendor')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Ask a clarification question while the round is open (private until the operator publishes an anonymised answer)' })
  @ApiCreatedResponse({ type: ClarificationView })
  ask(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AskClarificationRequest): Promise<ClarificationView> {
    return this.rounds.ask(actor, id, body.question);
  }

  @Get(':id/applications.csv')
  @Roles('operator')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Applications to the round as CSV (status, sections saved, proposed solutions)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, one row per application', schema: { type: 'string' } })
  async applicationsCsv(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const csv = await this.rounds.applicationsCsv(id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachment(`${id}-applications`));
    return csv;
  }

  @Get(':id/results.csv')
  @Roles('operator')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Results of the round as CSV (result, reasons, signature and countersignature)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, one row per application', schema: { type: 'string' } })
  async resultsCsv(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const csv = await this.rounds.resultsCsv(id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachment(`${id}-results`));
    return csv;
  }
}

@ApiTags('onboarding')
@ApiCookieAuth()
@Controller('onboarding/clarifications')
export class ClarificationsController {
  constructor(private readonly rounds: RoundsService) {}

  @Post(':id/answer')
  @Roles('operator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer a clarification question and publish it, anonymised, to every applicant (emailed)' })
  @ApiOkResponse({ type: ClarificationView })
  answer(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AnswerClarificationRequest): Promise<ClarificationView> {
    return this.rounds.answer(actor, id, body);
  }
}

@ApiTags('onboarding')
@ApiCookieAuth()
@Controller('onboarding/applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get()
  @Roles('vendor', 'operator')
  @ApiOperation({ summary: 'Framework applications: a supplier’s own; the operator’s all (optionally of one round)' })
  @ApiOkResponse({ type: [ApplicationSummary] })
  list(@CurrentActor() actor: Actor, @Query() query: ApplicationListQuery): Promise<ApplicationSummary[]> {
    return this.applications.list(actor, query.frameworkId);
  }

  @Get(':id')
  @Roles('vendor', 'operator')
  @ApiOperation({ summary: 'An application: answers, section status, proposed solutions, what is missing, and (from standstill) marks and result with reasons' })
  @ApiOkResponse({ type: ApplicationView })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ApplicationView> {
    return this.applications.get(actor, id);
  }

  @Put(':id/sections/:sectionId')
  @Roles('vendor')
  @ApiOperation({ summary: 'Save one section of the declaration as a draft; field errors (by question id) cover this section only and leave every other section as it was. 409 once the round has closed or the application is submitted' })
  @ApiOkResponse({ type: ApplicationView })
  saveSection(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('sectionId') sectionId: string, @Body() body: SaveSectionRequest): Promise<ApplicationView> {
    return this.applications.saveSection(actor, id, sectionId, body.answers);
  }

  @Post(':id/copy-previous')
  @Roles('vendor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Copy answers from your most recent other framework application into unanswered questions (answers that still fit)' })
  @ApiOkResponse({ type: ApplicationView })
  copyPrevious(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ApplicationView> {
    return this.applications.copyPrevious(actor, id);
  }

  @Put(':id/solutions')
  @Roles('vendor')
  @ApiOperation({ summary: 'Set the proposed solutions: your catalogue solutions (drafts are fine) for the capabilities the framework covers' })
  @ApiOkResponse({ type: ApplicationView })
  solutions(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ProposedSolutionsRequest): Promise<ApplicationView> {
    return this.applications.setSolutions(actor, id, body.itemIds);
  }

  @Post(':id/submit')
  @Roles('vendor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the application complete and submit it; 422 application-incomplete lists what is missing' })
  @ApiOkResponse({ type: ApplicationView })
  submit(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ApplicationView> {
    return this.applications.submit(actor, id);
  }

  @Put(':id/marks/:questionId')
  @Roles('operator')
  @ApiOperation({ summary: 'Review a discretionary answer (pass or fail with a reason) while the round is pending; audited' })
  @ApiOkResponse({ type: ApplicationView })
  review(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('questionId') questionId: string, @Body() body: MarkRequest): Promise<ApplicationView> {
    return this.applications.review(actor, id, questionId, body);
  }

  @Post(':id/agreement')
  @Roles('vendor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign the framework agreement (successful applications, from standstill) with the SHA-256 of the document you were shown; 409 agreement-changed if it is not the current one' })
  @ApiOkResponse({ type: ApplicationView })
  sign(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: SignAgreementRequest): Promise<ApplicationView> {
    return this.applications.sign(actor, id, body);
  }

  @Post(':id/agreement/countersign')
  @Roles('operator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Countersign a signed agreement: the supplier is then on the framework (its solutions can be assessed and published on it)' })
  @ApiOkResponse({ type: ApplicationView })
  countersign(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ApplicationView> {
    return this.applications.countersign(actor, id);
  }
}
