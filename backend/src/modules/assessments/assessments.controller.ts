import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Public, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { notFound } from '../../core/errors/domain-error';
import { ApiPage, Page } from '../../core/http/paging';
import { AssessmentsService, Subject } from './assessments.service';
import {
  Conformance,
  ItemAssessment,
  RecordCapabilityResult,
  RecordEpicResult,
  RecordStandardResult,
  RederiveResult,
  VendorAssessmentQuery,
  VendorAssessmentSummary,
} from './dto/assessment.dto';

const ITEM = { name: 'itemId', example: '10000-001' };

@ApiTags('assessments')
@ApiCookieAuth()
@Controller('assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post('rederive')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Re-derive every assessed item’s accreditation now (the daily job does this at 02:00 UK time)' })
  @ApiOkResponse({ type: RederiveResult })
  rederive(@CurrentActor() actor: Actor): Promise<RederiveResult> {
    return this.assessments.rederiveAll(undefined, actor);
  }

  @Get(':itemId')
  @Roles('operator', 'vendor')
  @ApiOperation({ summary: 'An item’s conformance results, required standards, accreditation and upcoming dates (vendors: their own items)' })
  @ApiParam(ITEM)
  @ApiOkResponse({ type: ItemAssessment })
  get(@CurrentActor() actor: Actor, @Param('itemId') itemId: string): Promise<ItemAssessment> {
    return this.assessments.get(actor, itemId);
  }

  @Put(':itemId/capabilities/:capabilityId')
  @Roles('operator')
  @ApiOperation({ summary: 'Record a capability result (Passed – Full / Passed – Partial / Failed); re-derives accreditation' })
  @ApiParam(ITEM)
  @ApiParam({ name: 'capabilityId', example: '1' })
  @ApiOkResponse({ type: ItemAssessment })
  recordCapability(
    @CurrentActor() actor: Actor,
    @Param('itemId') itemId: string,
    @Param('capabilityId') capabilityId: string,
    @Body() body: RecordCapabilityResult,
  ): Promise<ItemAssessment> {
    return this.assessments.record(actor, itemId, 'capabilities', capabilityId, body);
  }

  @Put(':itemId/epics/:epicId')
  @Roles('operator')
  @ApiOperation({ summary: 'Record an epic result (Passed / Not evidenced / Failed); re-derives accreditation' })
  @ApiParam(ITEM)
  @ApiParam({ name: 'epicId', example: 'E00001' })
  @ApiOkResponse({ type: ItemAssessment })
  recordEpic(
    @CurrentActor() actor: Actor,
    @Param('itemId') itemId: string,
    @Param('epicId') epicId: string,
    @Body() body: RecordEpicResult,
  ): Promise<ItemAssessment> {
    return this.assessments.record(actor, itemId, 'epics', epicId, body);
  }

  @Put(':itemId/standards/:standardId')
  @Roles('operator')
  @ApiOperation({ summary: 'Record a standard result (Met / Not met / Work-off plan with due date); re-derives accreditation' })
  @ApiParam(ITEM)
  @ApiParam({ name: 'standardId', example: 'S24' })
  @ApiOkResponse({ type: ItemAssessment })
  recordStandard(
    @CurrentActor() actor: Actor,
    @Param('itemId') itemId: string,
    @Param('standardId') standardId: string,
    @Body() body: RecordStandardResult,
  ): Promise<ItemAssessment> {
    return this.assessments.record(actor, itemId, 'standards', standardId, body);
  }

  @Delete(':itemId/:subject/:subjectId')
  @HttpCode(204)
  @Roles('operator')
  @ApiOperation({ summary: 'Remove a result recorded in error; re-derives accreditation' })
  @ApiParam(ITEM)
  @ApiParam({ name: 'subject', enum: ['capabilities', 'epics', 'standards'] })
  @ApiParam({ name: 'subjectId', description: 'Capability id, epic id or standard id' })
  @ApiNoContentResponse()
  async remove(
    @CurrentActor() actor: Actor,
    @Param('itemId') itemId: string,
    @Param('subject') subject: string,
    @Param('subjectId') subjectId: string,
  ): Promise<void> {
    if (!['capabilities', 'epics', 'standards'].includes(subject)) throw notFound('Result', subjectId);
    await this.assessments.remove(actor, itemId, subject as Subject, subjectId);
  }
}

@ApiTags('assessments')
@ApiCookieAuth()
@Controller('vendor/assessments')
export class VendorAssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Get()
  @Roles('vendor')
  @ApiOperation({ summary: 'Your organisation’s items with accreditation status, reason and the earliest due and expiry dates' })
  @ApiPage(VendorAssessmentSummary)
  list(@CurrentActor() actor: Actor, @Query() query: VendorAssessmentQuery): Promise<Page<VendorAssessmentSummary>> {
    return this.assessments.listForVendor(actor, query);
  }
}

@ApiTags('catalogue')
@Controller('catalogue/items')
export class ConformanceController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Get(':itemId/conformance')
  @Public()
  @ApiOperation({ summary: 'Public conformance summary of a listed item: accreditation, capabilities and epics passed, standards, work-off plans' })
  @ApiParam(ITEM)
  @ApiOkResponse({ type: Conformance })
  conformance(@Param('itemId') itemId: string): Promise<Conformance> {
    return this.assessments.conformance(itemId);
  }
}
