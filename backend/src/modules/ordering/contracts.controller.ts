import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiConflictResponse, ApiCookieAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { ApiPage, Page } from '../../core/http/paging';
import { ContractsService } from './contracts.service';
import { ContractDetail, ContractIdParam, ContractListQuery, ContractSummary, TerminateBody } from './dto/contracts.dto';

const NOT_VISIBLE = 'No contract you can see has that id (problem+json)';

/** Contracts created by completed orders. */
@ApiTags('contracts')
@ApiCookieAuth()
@Roles('practice_manager', 'commissioner', 'vendor', 'operator')
@Controller('contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Get()
  @ApiOperation({ summary: 'Contracts you can see, soonest notice deadline first (sort by noticeDeadline, endDate, startDate, value; filter by status; q searches supplier, solution and buyer)' })
  @ApiPage(ContractSummary)
  list(@CurrentActor() actor: Actor, @Query() query: ContractListQuery): Promise<Page<ContractSummary>> {
    return this.contracts.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One contract with its service recipients and order revisions' })
  @ApiOkResponse({ type: ContractDetail })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  get(@CurrentActor() actor: Actor, @Param() p: ContractIdParam): Promise<ContractDetail> {
    return this.contracts.get(actor, p.id);
  }

  @Post(':id/terminate')
  @Roles('practice_manager', 'commissioner')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a contract early: a reason and a future date on or before its end date' })
  @ApiOkResponse({ type: ContractDetail })
  @ApiBadRequestResponse({ description: 'No reason, or the date is not in the future or after the end date (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'Not the buyer (problem+json)' })
  @ApiConflictResponse({ description: 'Already ended or ending (problem+json)' })
  terminate(@CurrentActor() actor: Actor, @Param() p: ContractIdParam, @Body() body: TerminateBody): Promise<ContractDetail> {
    return this.contracts.terminate(actor, p.id, body);
  }
}
