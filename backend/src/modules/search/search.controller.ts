import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../core/auth/auth.decorators';
import { attachment, toCsv } from './csv';
import { Comparison, ListingPage } from './dto/listing-page.dto';
import { CompareQuery, ItemIdParam, NoQuery, SearchQuery, SuggestQuery } from './dto/search-query.dto';
import { SearchResults, Suggestion } from './dto/search.dto';
import { ListingPageService } from './listing-page.service';
import { SearchService } from './search.service';

/** Browsing the catalogue: open to anyone; only listed items (published or in remediation) are ever shown. */
@ApiTags('catalogue search')
@Public()
@Controller('catalogue')
export class SearchController {
  constructor(
    private readonly searchService: SearchService,
    private readonly pages: ListingPageService,
  ) {}

  @Get('search')
  @ApiOperation({ summary: 'Search listed solutions and services: full text, filters with live counts (facets), sorting and paging' })
  @ApiOkResponse({ type: SearchResults })
  @ApiBadRequestResponse({ description: 'A parameter is unknown, has the wrong format or names a value that does not exist (problem+json with field errors)' })
  // The answer as JSON text (what Express would make of the SearchResults), so a cached one is not
  // serialised again on every hit. The charset is added as res.json() adds it.
  @Header('Content-Type', 'application/json')
  search(@Query() query: SearchQuery): Promise<string> {
    return this.searchService.searchJson(query);
  }

  @Get('suggest')
  @ApiOperation({ summary: 'Type-ahead: up to 8 listed items whose name (or a word of it) starts with the text' })
  @ApiOkResponse({ type: Suggestion, isArray: true })
  suggest(@Query() query: SuggestQuery): Promise<Suggestion[]> {
    return this.searchService.suggest(query.q, query.type);
  }

  @Get('compare')
  @ApiOperation({ summary: 'Compare 2 to 4 listed items side by side; each row says whether they differ' })
  @ApiOkResponse({ type: Comparison })
  @ApiBadRequestResponse({ description: 'Fewer than 2 or more than 4 items, or an item that is not listed (problem+json)' })
  compare(@Query() query: CompareQuery): Promise<Comparison> {
    return this.pages.compare(query.items);
  }

  @Get('compare.csv')
  @ApiOperation({ summary: 'The same comparison as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV: section, row, one column per item, and whether they differ', schema: { type: 'string' } })
  @ApiBadRequestResponse({ description: 'Fewer than 2 or more than 4 items, or an item that is not listed (problem+json)' })
  async compareCsv(@Query() query: CompareQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    const c = await this.pages.compare(query.items);
    const rows: unknown[][] = [['Section', 'Row', ...c.items.map((i) => `${i.name} (${i.supplierName})`), 'Differs']];
    for (const s of c.sections) for (const r of s.rows) rows.push([s.title, r.label, ...r.cells.map((x) => x.text), r.differs ? 'Yes' : 'No']);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachment(`compare-${c.items.map((i) => i.id).join('-')}`));
    return toCsv(rows);
  }

  @Get('items/:id')
  @ApiOperation({ summary: 'The public page of one listed solution or service: every section of its live listing, conformance and prices' })
  @ApiOkResponse({ type: ListingPage })
  @ApiBadRequestResponse({ description: 'The id is not a catalogue item id (problem+json)' })
  @ApiNotFoundResponse({ description: 'No listed item has that id (drafts and unpublished items are not shown) (problem+json)' })
  item(@Param() params: ItemIdParam, @Query() _query: NoQuery): Promise<ListingPage> {
    return this.pages.get(params.id);
  }
}
