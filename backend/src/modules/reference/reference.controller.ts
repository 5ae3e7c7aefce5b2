import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../core/auth/auth.decorators';
import { ApiPage, Page } from '../../core/http/paging';
import {
  ApplicationType, CapabilityCategory, CapabilityDetail, CapabilityListItem, EpicListItem, FrameworkDetail, FrameworkListItem,
  HostingType, IntegrationType, StandardDetail, StandardListItem,
} from './dto/reference.dto';
import {
  CapabilityListQuery, CapabilityRefParam, EpicListQuery, FrameworkIdParam, FrameworkListQuery, NoQuery, StandardIdParam,
  StandardListQuery,
} from './dto/reference-query.dto';
import { ReferenceService } from './reference.service';

const BAD_QUERY = 'A query parameter is unknown or has the wrong format (problem+json)';

/** The catalogue's reference data: open to anyone, read-only. */
@ApiTags('reference')
@Public()
@Controller()
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('capabilities')
  @ApiOperation({ summary: 'Capabilities, with their category and counts of active MUST and MAY epics' })
  @ApiPage(CapabilityListItem)
  @ApiBadRequestResponse({ description: BAD_QUERY })
  listCapabilities(@Query() query: CapabilityListQuery): Promise<Page<CapabilityListItem>> {
    return this.reference.listCapabilities(query);
  }

  @Get('capabilities/:ref')
  @ApiOperation({ summary: 'One capability: its active epics by compliancy, the standards that apply and its frameworks' })
  @ApiOkResponse({ type: CapabilityDetail })
  @ApiBadRequestResponse({ description: 'The ref is not a capability reference such as C1 (problem+json)' })
  @ApiNotFoundResponse({ description: 'No capability has that ref (problem+json)' })
  getCapability(@Param() params: CapabilityRefParam, @Query() _query: NoQuery): Promise<CapabilityDetail> {
    return this.reference.getCapability(params.ref);
  }

  @Get('capability-categories')
  @ApiOperation({ summary: 'Capability categories, with how many capabilities each has' })
  @ApiOkResponse({ type: CapabilityCategory, isArray: true })
  listCapabilityCategories(@Query() _query: NoQuery): Promise<CapabilityCategory[]> {
    return this.reference.listCapabilityCategories();
  }

  @Get('epics')
  @ApiOperation({ summary: 'Epics (testable requirements), with the capabilities they belong to and at which level' })
  @ApiPage(EpicListItem)
  @ApiBadRequestResponse({ description: BAD_QUERY })
  listEpics(@Query() query: EpicListQuery): Promise<Page<EpicListItem>> {
    return this.reference.listEpics(query);
  }

  @Get('standards')
  @ApiOperation({ summary: 'Standards; deleted ones only with includeDeleted=true' })
  @ApiPage(StandardListItem)
  @ApiBadRequestResponse({ description: BAD_QUERY })
  listStandards(@Query() query: StandardListQuery): Promise<Page<StandardListItem>> {
    return this.reference.listStandards(query);
  }

  @Get('standards/:id')
  @ApiOperation({ summary: 'One standard (deleted ones too) with the capabilities it applies to' })
  @ApiOkResponse({ type: StandardDetail })
  @ApiBadRequestResponse({ description: 'The id is not a standard id such as S24 (problem+json)' })
  @ApiNotFoundResponse({ description: 'No standard has that id (problem+json)' })
  getStandard(@Param() params: StandardIdParam, @Query() _query: NoQuery): Promise<StandardDetail> {
    return this.reference.getStandard(params.id);
  }

  @Get('frameworks')
  @ApiOperation({ summary: 'Procurement frameworks' })
  @ApiPage(FrameworkListItem)
  @ApiBadRequestResponse({ description: BAD_QUERY })
  listFrameworks(@Query() query: FrameworkListQuery): Promise<Page<FrameworkListItem>> {
    return this.reference.listFrameworks(query);
  }

  @Get('frameworks/:id')
  @ApiOperation({ summary: 'One framework with the capabilities that can be bought under it' })
  @ApiOkResponse({ type: FrameworkDetail })
  @ApiBadRequestResponse({ description: 'The id is not a framework id such as TIF001 (problem+json)' })
  @ApiNotFoundResponse({ description: 'No framework has that id (problem+json)' })
  getFramework(@Param() params: FrameworkIdParam, @Query() _query: NoQuery): Promise<FrameworkDetail> {
    return this.reference.getFramework(params.id);
  }

  @Get('integration-types')
  @ApiOperation({ summary: 'IM1, GP Connect and NHS App integration types a solution can declare' })
  @ApiOkResponse({ type: IntegrationType, isArray: true })
  listIntegrationTypes(@Query() _query: NoQuery): Promise<IntegrationType[]> {
    return this.reference.listIntegrationTypes();
  }

  @Get('application-types')
  @ApiOperation({ summary: 'Application types (browser-based, mobile or tablet, desktop) and the details a listing gives for each' })
  @ApiOkResponse({ type: ApplicationType, isArray: true })
  listApplicationTypes(@Query() _query: NoQuery): Promise<ApplicationType[]> {
    return this.reference.listApplicationTypes();
  }

  @Get('hosting-types')
  @ApiOperation({ summary: 'Hosting types (public cloud, private cloud, hybrid, on premise) and the details a listing gives for each' })
  @ApiOkResponse({ type: HostingType, isArray: true })
  listHostingTypes(@Query() _query: NoQuery): Promise<HostingType[]> {
    return this.reference.listHostingTypes();
  }
}
