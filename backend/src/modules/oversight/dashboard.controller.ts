import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCookieAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { Dashboard, DashboardQuery } from './dashboard.dto';
import { DashboardService } from './dashboard.service';

/** The commissioner dashboard: spend, notice deadlines, market share (with HHI) and exposure for an area. */
@ApiTags('dashboard')
@ApiCookieAuth()
@Roles('commissioner', 'operator')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboards: DashboardService) {}

  @Get()
  @ApiOperation({
    summary: 'Dashboard figures for an ICB or sub-ICB area: annual spend by supplier and capability, notice deadlines over 24 months, clinical-system market share with HHI and trend, exposure to conditional, lapsed or failed solutions',
  })
  @ApiOkResponse({ type: Dashboard })
  @ApiBadRequestResponse({ description: 'An operator did not choose an area, or the code is malformed (problem+json)' })
  @ApiForbiddenResponse({ description: 'A commissioner asked for an area outside their own (problem+json)' })
  @ApiNotFoundResponse({ description: 'No ICB or sub-ICB location has that code (problem+json)' })
  get(@CurrentActor() actor: Actor, @Query() query: DashboardQuery): Promise<Dashboard> {
    return this.dashboards.dashboard(actor, query.area);
  }
}
