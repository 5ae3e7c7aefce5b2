import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Public } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { OcdsBulkQuery, OcidParam } from './dto/ocds.dto';
import type { JsonObject } from './ocds.rules';
import { OcdsService } from './ocds.service';

const PACKAGE = { type: 'object', additionalProperties: true } as const;

/** Open contract data (OCDS 1.1.5): public, no sign-in needed (decision 016). */
@ApiTags('open contract data')
@Public()
@Controller('ocds')
export class OcdsController {
  constructor(private readonly ocds: OcdsService) {}

  @Get('releases')
  @ApiOperation({ summary: 'OCDS release package of the releases for contracts in one ICB’s area, by release date; paged, next page in links.next' })
  @ApiOkResponse({ description: 'OCDS 1.1.5 release package', schema: PACKAGE })
  @ApiBadRequestResponse({ description: 'No icb, or bad dates or paging (problem+json)' })
  @ApiForbiddenResponse({ description: 'A signed-in commissioner asked for another ICB (problem+json)' })
  @ApiNotFoundResponse({ description: 'No ICB has that code (problem+json)' })
  bulk(@CurrentActor() actor: Actor | undefined, @Query() query: OcdsBulkQuery): Promise<JsonObject> {
    return this.ocds.bulk(actor, query);
  }

  @Get('releases/:ocid')
  @ApiOperation({ summary: 'OCDS release package: every release of one contracting process (a call-off contract)' })
  @ApiOkResponse({ description: 'OCDS 1.1.5 release package', schema: PACKAGE })
  @ApiNotFoundResponse({ description: 'No contracting process has that ocid (problem+json)' })
  releases(@Param() p: OcidParam): Promise<JsonObject> {
    return this.ocds.releasePackage(p.ocid);
  }

  @Get('records/:ocid')
  @ApiOperation({ summary: 'OCDS record package: the releases of one contracting process and its compiled release' })
  @ApiOkResponse({ description: 'OCDS 1.1.5 record package', schema: PACKAGE })
  @ApiNotFoundResponse({ description: 'No contracting process has that ocid (problem+json)' })
  record(@Param() p: OcidParam): Promise<JsonObject> {
    return this.ocds.recordPackage(p.ocid);
  }
}
