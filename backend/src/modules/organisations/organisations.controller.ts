import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentActor, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { ApiPage, Page } from '../../core/http/paging';
import { OrganisationDetail, OrganisationListQuery, OrganisationSummary } from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiCookieAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Roles('commissioner', 'operator')
  @ApiOperation({ summary: 'Organisations directory: search by name, ODS code or postcode (commissioners see their area)' })
  @ApiPage(OrganisationSummary)
  list(@CurrentActor() actor: Actor, @Query() query: OrganisationListQuery): Promise<Page<OrganisationSummary>> {
    return this.organisations.list(actor, query);
  }

  @Get(':code')
  @AnyRole()
  @ApiOperation({ summary: 'One organisation with its ODS hierarchy, if it is in your scope' })
  @ApiOkResponse({ type: OrganisationDetail })
  get(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<OrganisationDetail> {
    return this.organisations.get(actor, code.toUpperCase());
  }
}
