import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCookieAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { ItemIdParam } from '../search/dto/search-query.dto';
import { CostEstimate, EstimateQuery } from './dto/estimate.dto';
import { EstimateService } from './estimate.service';

@ApiTags('pricing')
@ApiCookieAuth()
@Controller('catalogue')
export class EstimateController {
  constructor(private readonly estimates: EstimateService) {}

  @Get('items/:id/estimate')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({
    summary: 'Cost estimate for a listed item: one-off, monthly, annual and whole-term totals, per price and per practice',
    description:
      'Per-patient prices use each practice’s registered patients; other prices use the quantities given (default 1). Amounts are integer pence; see docs/decisions/014-price-calculation.md for the calculation and rounding rules.',
  })
  @ApiOkResponse({ type: CostEstimate })
  @ApiBadRequestResponse({ description: 'A parameter is unknown or invalid, a quantity names no price of the item or a per-patient price, or a commissioner chose no practice (problem+json with field errors)' })
  @ApiUnauthorizedResponse({ description: 'Not signed in (problem+json)' })
  @ApiForbiddenResponse({ description: 'Not a practice manager or commissioner (problem+json)' })
  @ApiNotFoundResponse({ description: 'No listed item has that id, or a practice is not in your scope (problem+json)' })
  estimate(@CurrentActor() actor: Actor, @Param() params: ItemIdParam, @Query() query: EstimateQuery): Promise<CostEstimate> {
    return this.estimates.estimate(actor, params.id, query);
  }
}
