import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, StreamableFile, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiConflictResponse, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation,
  ApiProduces, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { ApiPage, Page } from '../../core/http/paging';
import { Idempotent } from '../../core/idempotency/idempotency.decorator';
import { RecipientsCsvBody } from '../ordering/dto/csv.dto';
import { NoQuery } from '../search/dto/search-query.dto';
import { CompetitionProblemFilter } from './competition-problem.filter';
import { CompetitionsService } from './competitions.service';
import {
  AwardBody, CompetitionDetail, CompetitionIdParam, CompetitionItemParam, CompetitionListQuery, CompetitionOptions, CompetitionRecipientsBody,
  CompetitionSummary, CompetitionTermBody, CreateCompetitionBody, CriteriaBody, NameBody, PricesBody, RequirementsBody, ScoresBody, SolutionsBody,
} from './dto/competitions.dto';
import { renderResults } from './results-pdf';

const NOT_VISIBLE = 'No competition of your organisation has that id (problem+json)';
const READ_ONLY = 'The competition is completed and read-only: code competition-completed (problem+json)';
const FIELD_ERRORS = 'Field errors (problem+json)';

/**
 * Competitions: a buyer compares 2–8 solutions from a shortlist on price (and optionally
 * non-price elements), records why, and turns the winner into a draft order.
 */
@ApiTags('competitions')
@ApiCookieAuth()
@Controller('competitions')
@UseFilters(CompetitionProblemFilter)
export class CompetitionsController {
  constructor(private readonly competitions: CompetitionsService) {}

  @Get()
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Your organisation’s competitions. Sort by name, createdAt, updatedAt; q searches names' })
  @ApiPage(CompetitionSummary)
  list(@CurrentActor() actor: Actor, @Query() query: CompetitionListQuery): Promise<Page<CompetitionSummary>> {
    return this.competitions.list(actor, query);
  }

  @Get('options')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'To start a competition: your shortlists (with how many solutions each holds) and the live frameworks' })
  @ApiOkResponse({ type: CompetitionOptions })
  options(@CurrentActor() actor: Actor, @Query() _query: NoQuery): Promise<CompetitionOptions> {
    return this.competitions.options(actor);
  }

  @Post()
  @Roles('practice_manager', 'commissioner')
  @Idempotent()
  @ApiOperation({ summary: 'Start a competition from one of your shortlists; the listing versions it saved are frozen into the competition' })
  @ApiCreatedResponse({ type: CompetitionDetail })
  @ApiBadRequestResponse({ description: 'Name missing or taken, or the shortlist is not yours or has no solutions (problem+json)' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateCompetitionBody): Promise<CompetitionDetail> {
    return this.competitions.create(actor, body);
  }

  @Get(':id')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'One competition: solutions, recipients, term, prices, criteria, scores, its tasks and the preview or frozen results' })
  @ApiOkResponse({ type: CompetitionDetail })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  get(@CurrentActor() actor: Actor, @Param() p: CompetitionIdParam): Promise<CompetitionDetail> {
    return this.competitions.detail(actor, p.id);
  }

  @Get(':id/results.pdf')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'The results of a completed competition as a PDF: every score, weighting and justification, costs and the winner' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'A PDF document', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: 'Not completed yet (problem+json)' })
  async resultsPdf(@CurrentActor() actor: Actor, @Param() p: CompetitionIdParam, @Query() _query: NoQuery): Promise<StreamableFile> {
    const detail = await this.competitions.detailForPdf(actor, p.id);
    const pdf = await renderResults(detail);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="competition-results.pdf"`, length: pdf.length });
  }

  @Put(':id/name')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Rename the competition' })
  @ApiOkResponse({ type: CompetitionDetail })
  @ApiBadRequestResponse({ description: FIELD_ERRORS })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: READ_ONLY })
  rename(@CurrentActor() actor: Actor, @Param() p: CompetitionIdParam, @Body() body: NameBody): Promise<CompetitionDetail> {
    return this.competitions.rename(actor, p.id, body);
  }

  @Put(':id/solutions')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: include or leave out each solution (a reason for each left out; at most 8 included)' })
  @ApiOkResponse({ type: CompetitionDetail })
  @ApiBadRequestResponse({ description: 'Field errors, e.g. solutions.10000-001.exclusionReason (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: READ_ONLY })
  solutions(@CurrentActor() actor: Actor, @Param() p: CompetitionIdParam, @Body() body: SolutionsBody): Promise<CompetitionDetail> {
    return this.competitions.setSolutions(actor, p.id, body);
  }

  @Put(':id/recipients')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: service recipients, as ODS codes of practices you may buy for (replaces the list; all or nothing)' })
  @ApiOkResponse({ type: CompetitionDetail })
  @ApiBadRequestResponse({ description: 'A code is wrong, repeated or not yours: field errors naming it, nothing changed (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: READ_ONLY })
  recipients(@CurrentActor() actor: Actor, @Param() p: CompetitionIdParam, @Body() body: CompetitionRecipientsBody): Promise<CompetitionDetail> {
    return this.competitions.setRecipients(actor, p.id, body.odsCodes);
  }

  @Post(':id/recipients/csv')
  @Roles('practice_manager', 'commissioner')
  @HttpCode(200)
  @ApiOperation({ summary: 'Step: service recipients from a CSV file of ODS codes (same format as orders’; any bad row → errors per line, nothing changed)' })
  @ApiOkResponse({ type: CompetitionDetail })
  @ApiBadRequestResponse({ description: 'Row-level errors, e.g. "line 3: X12345 is not an active practice you can order for" (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: READ_ONLY })
  recipientsCsv(@CurrentActor() actor: Actor, @Param() p: CompetitionIdParam, @Body() body: RecipientsCsvBody): Promise<CompetitionDetail> {
    return this.competitions.setRecipientsFromCsv(actor, p.id, body.csv);
  }

  @Put(':id/term')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: the framework (live) and the contract length (at most its maximum term)' })
  @ApiOkResponse({ type: CompetitionDetail })
  @ApiBadRequestResponse({ description: FIELD_ERRORS })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: READ_ONLY })
  term(@CurrentActor() actor: Actor, @Param() p: CompetitionIdParam, @Body() body: CompetitionTermBody): Promise<CompetitionDetail> {
    return this.competitions.setTerm(actor, p.id, body);
  }

  @Put(':id/prices')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: the price compared for each solution, from its frozen listing version, with a quantity where the price takes one' })
  @ApiOkResponse({ type: CompetitionDetail })
  @ApiBadRequestResponse({ description: 'Field errors, e.g. prices.10000-001.priceId (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: READ_ONLY })
  prices(@CurrentActor() actor: Actor, @Param() p: CompetitionIdParam, @Body() body: PricesBody): Promise<CompetitionDetail> {
    return this.competitions.setPrices(actor, p.id, body);
  }

  @Put(':id/criteria')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: award criteria: price only (100), or price 30–90% plus non-price elements with sub-weightings summing to 100, steps of 5' })
  @ApiOkResponse({ type: CompetitionDetail })
  @ApiBadRequestResponse({ description: FIELD_ERRORS })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: READ_ONLY })
  criteria(@CurrentActor() actor: Actor, @Param() p: CompetitionIdParam, @Body() body: CriteriaBody): Promise<CompetitionDetail> {
    return this.competitions.setCriteria(actor, p.id, body);
  }

  @Put(':id/requirements')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: feature requirements (MUST/SHOULD) and the integration types wanted (interoperability)' })
  @ApiOkResponse({ type: CompetitionDetail })
  @ApiBadRequestResponse({ description: FIELD_ERRORS })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: READ_ONLY })
  requirements(@CurrentActor() actor: Actor, @Param() p: CompetitionIdParam, @Body() body: RequirementsBody): Promise<CompetitionDetail> {
    return this.competitions.setRequirements(actor, p.id, body);
  }

  @Put(':id/scores/:itemId')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: score an included solution 1–5 on each non-price element in use, with a justification each' })
  @ApiOkResponse({ type: CompetitionDetail })
  @ApiBadRequestResponse({ description: 'Field errors, e.g. scores.features.justification (problem+json)' })
  @ApiNotFoundResponse({ description: 'No such competition, or the solution is not included in it (problem+json)' })
  @ApiConflictResponse({ description: READ_ONLY })
  scores(@CurrentActor() actor: Actor, @Param() p: CompetitionItemParam, @Body() body: ScoresBody): Promise<CompetitionDetail> {
    return this.competitions.setScores(actor, p.id, p.itemId, body);
  }

  @Post(':id/complete')
  @Roles('practice_manager', 'commissioner')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete: compute and freeze the results; the competition becomes read-only' })
  @ApiOkResponse({ type: CompetitionDetail })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: READ_ONLY })
  @ApiUnprocessableEntityResponse({ description: 'Not ready: `blockers` lists what is missing (problem+json)' })
  complete(@CurrentActor() actor: Actor, @Param() p: CompetitionIdParam): Promise<CompetitionDetail> {
    return this.competitions.complete(actor, p.id);
  }

  @Post(':id/direct-award')
  @Roles('practice_manager', 'commissioner')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exactly one solution included: complete as a direct award and create its draft order, in one transaction' })
  @ApiOkResponse({ type: CompetitionDetail })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: READ_ONLY })
  @ApiUnprocessableEntityResponse({ description: 'Not exactly one solution included, or recipients, term or price missing: `blockers` (problem+json)' })
  directAward(@CurrentActor() actor: Actor, @Param() p: CompetitionIdParam): Promise<CompetitionDetail> {
    return this.competitions.directAward(actor, p.id);
  }

  @Post(':id/award')
  @Roles('practice_manager', 'commissioner')
  @HttpCode(200)
  @ApiOperation({ summary: 'Award a completed competition: a draft order with the winner’s supplier, item and price, the recipients and the term, in one transaction' })
  @ApiOkResponse({ type: CompetitionDetail })
  @ApiBadRequestResponse({ description: 'A tie and no itemId, or itemId is not a winner (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: 'Not completed (competition-not-completed) or already awarded (already-awarded) (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'The winner cannot be ordered now (problem+json)' })
  award(@CurrentActor() actor: Actor, @Param() p: CompetitionIdParam, @Body() body: AwardBody): Promise<CompetitionDetail> {
    return this.competitions.award(actor, p.id, body);
  }

  @Delete(':id')
  @Roles('practice_manager', 'commissioner')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a competition that is still a draft' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: READ_ONLY })
  async remove(@CurrentActor() actor: Actor, @Param() p: CompetitionIdParam): Promise<void> {
    await this.competitions.remove(actor, p.id);
  }
}
