import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiConflictResponse, ApiCookieAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { ApiPage, Page } from '../../core/http/paging';
import { Idempotent } from '../../core/idempotency/idempotency.decorator';
import { NoQuery } from '../search/dto/search-query.dto';
import {
  CreatePlanBody, PlanDetail, PlanIdParam, PlanListQuery, PlanSummary, ScheduleTerminationBody, StartOrderBody, StepsBody, SwitchOptions,
} from './dto/switching.dto';
import { SwitchingService } from './switching.service';

const NOT_VISIBLE = 'No switch plan you can see has that id (problem+json)';
const NOT_YOURS = 'Not the practice’s own plan: commissioners and operators only read plans (problem+json)';

/** Switch plans: a practice's move from its current system to an accredited candidate. */
@ApiTags('switching')
@ApiCookieAuth()
@Controller('switch-plans')
export class SwitchingController {
  constructor(private readonly switching: SwitchingService) {}

  @Get()
  @Roles('practice_manager', 'commissioner', 'operator')
  @ApiOperation({ summary: 'Switch plans you can see: your practice’s, those of practices in your area (commissioners), or all (operators). Sort by createdAt, earliestSwitchDate' })
  @ApiPage(PlanSummary)
  list(@CurrentActor() actor: Actor, @Query() query: PlanListQuery): Promise<Page<PlanSummary>> {
    return this.switching.list(actor, query);
  }

  @Get('options')
  @Roles('practice_manager')
  @ApiOperation({ summary: 'For a new plan: your practice’s current system (its contract, else ODS data), the earliest switch date and the accredited candidates by coverage' })
  @ApiOkResponse({ type: SwitchOptions })
  options(@CurrentActor() actor: Actor, @Query() _query: NoQuery): Promise<SwitchOptions> {
    return this.switching.options(actor);
  }

  @Post()
  @Roles('practice_manager')
  @Idempotent()
  @ApiOperation({ summary: 'Make a switch plan from your current system to a candidate, with a proposed timeline' })
  @ApiCreatedResponse({ type: PlanDetail })
  @ApiBadRequestResponse({ description: 'The target is not one of the candidates (problem+json)' })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePlanBody): Promise<PlanDetail> {
    return this.switching.create(actor, body.targetItemId);
  }

  @Get(':id')
  @Roles('practice_manager', 'commissioner', 'operator')
  @ApiOperation({ summary: 'One plan: current vs target side by side, the earliest switch date and the timeline' })
  @ApiOkResponse({ type: PlanDetail })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  get(@CurrentActor() actor: Actor, @Param() p: PlanIdParam): Promise<PlanDetail> {
    return this.switching.detail(actor, p.id);
  }

  @Put(':id/steps')
  @Roles('practice_manager')
  @ApiOperation({ summary: 'Change the dates and progress of steps; go-live before the earliest switch date needs acknowledgeOverlap' })
  @ApiOkResponse({ type: PlanDetail })
  @ApiBadRequestResponse({ description: 'Not real dates, steps out of order, or go-live too early (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiForbiddenResponse({ description: NOT_YOURS })
  steps(@CurrentActor() actor: Actor, @Param() p: PlanIdParam, @Body() body: StepsBody): Promise<PlanDetail> {
    return this.switching.updateSteps(actor, p.id, body);
  }

  @Post(':id/order')
  @Roles('practice_manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the order for the target: a new order with a description and the target’s supplier, linked to the plan' })
  @ApiOkResponse({ type: PlanDetail })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiForbiddenResponse({ description: NOT_YOURS })
  @ApiConflictResponse({ description: 'Already started, or the target cannot be ordered now (problem+json)' })
  startOrder(@CurrentActor() actor: Actor, @Param() p: PlanIdParam, @Body() body: StartOrderBody): Promise<PlanDetail> {
    return this.switching.startOrder(actor, p.id, body);
  }

  @Post(':id/terminate-current')
  @Roles('practice_manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Schedule the current contract’s termination: a reason and a date at least the notice period away, on or before its end date' })
  @ApiOkResponse({ type: PlanDetail })
  @ApiBadRequestResponse({ description: 'No reason, or the date is too soon or after the end date (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'Not your plan, or your practice is not the contract’s buyer (problem+json)' })
  @ApiConflictResponse({ description: 'No contract, already ending, or it ends anyway before the notice would (problem+json)' })
  terminate(@CurrentActor() actor: Actor, @Param() p: PlanIdParam, @Body() body: ScheduleTerminationBody): Promise<PlanDetail> {
    return this.switching.scheduleTermination(actor, p.id, body);
  }
}
