import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiConflictResponse, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse,
  ApiOperation, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { Idempotent } from '../../core/idempotency/idempotency.decorator';
import { ApiPage, Page } from '../../core/http/paging';
import { attachment } from './csv';
import { NoQuery } from './dto/search-query.dto';
import { CreateShortlistBody, ShortlistDetail, ShortlistIdParam, ShortlistListQuery, ShortlistSummary, UpdateShortlistBody } from './dto/shortlist.dto';
import { ShortlistsService } from './shortlists.service';

const NOT_YOURS = 'No shortlist of your organisation has that id (problem+json)';

/** Buyers' saved searches and chosen items, shared within their organisation. */
@ApiTags('shortlists')
@ApiCookieAuth()
@Roles('practice_manager', 'commissioner')
@Controller('shortlists')
export class ShortlistsController {
  constructor(private readonly shortlists: ShortlistsService) {}

  @Get()
  @ApiOperation({ summary: 'Your organisation’s shortlists (sort by name, createdAt, updatedAt; q searches names)' })
  @ApiPage(ShortlistSummary)
  list(@CurrentActor() actor: Actor, @Query() query: ShortlistListQuery): Promise<Page<ShortlistSummary>> {
    return this.shortlists.list(actor, query);
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Save a search (filters) and chosen items under a name; records the listing version of each item' })
  @ApiCreatedResponse({ type: ShortlistDetail })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong, or an item is not listed (problem+json with field errors)' })
  @ApiConflictResponse({ description: 'Your organisation already has a shortlist with that name (problem+json)' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateShortlistBody): Promise<ShortlistDetail> {
    return this.shortlists.create(actor, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One shortlist: its filters, chosen items (version saved, and whether a newer one is live) and the saved search’s current results' })
  @ApiOkResponse({ type: ShortlistDetail })
  @ApiNotFoundResponse({ description: NOT_YOURS })
  get(@CurrentActor() actor: Actor, @Param() params: ShortlistIdParam, @Query() _query: NoQuery): Promise<ShortlistDetail> {
    return this.shortlists.get(actor, params.id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Rename a shortlist, or replace its filters or chosen items' })
  @ApiOkResponse({ type: ShortlistDetail })
  @ApiBadRequestResponse({ description: 'A field is wrong, or an item is not listed (problem+json with field errors)' })
  @ApiNotFoundResponse({ description: NOT_YOURS })
  @ApiConflictResponse({ description: 'Your organisation already has a shortlist with that name (problem+json)' })
  update(@CurrentActor() actor: Actor, @Param() params: ShortlistIdParam, @Body() body: UpdateShortlistBody): Promise<ShortlistDetail> {
    return this.shortlists.update(actor, params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a shortlist' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: NOT_YOURS })
  async remove(@CurrentActor() actor: Actor, @Param() params: ShortlistIdParam): Promise<void> {
    await this.shortlists.remove(actor, params.id);
  }

  @Get(':id/results.csv')
  @ApiOperation({ summary: 'The saved search’s current results plus the chosen items, as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, one row per item', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: NOT_YOURS })
  async csv(@CurrentActor() actor: Actor, @Param() params: ShortlistIdParam, @Query() _query: NoQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { name, csv } = await this.shortlists.resultsCsv(actor, params.id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachment(`shortlist-${name}`));
    return csv;
  }
}
