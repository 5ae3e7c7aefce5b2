import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Public, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { Idempotent } from '../../core/idempotency/idempotency.decorator';
import { ApiPage, ListQuery, Page } from '../../core/http/paging';
import { CatalogueService } from './catalogue.service';
import { CompletenessView, CreateItemRequest, VendorItemDetail, VendorItemListQuery, VendorItemSummary } from './dto/items.dto';
import { ListingContentDto } from './dto/listing.dto';
import { DecisionView, ModerationQueueEntry, ModerationVersionView, PublicationChangeRequest, PublicationChangeView, RejectRequest } from './dto/moderation.dto';
import { SupplierProfile, UpdateSupplierRequest } from './dto/supplier.dto';
import { ListingContentPipe } from './listing.pipe';
import { ModerationService } from './moderation.service';
import { SuppliersService } from './suppliers.service';

@ApiTags('suppliers')
@Controller('suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: SuppliersService) {}

  @Public()
  @Get(':code')
  @ApiOperation({ summary: 'A supplier’s public profile (active suppliers only)' })
  @ApiOkResponse({ type: SupplierProfile })
  get(@Param('code') code: string): Promise<SupplierProfile> {
    return this.suppliers.publicProfile(code);
  }
}

@ApiTags('vendor')
@ApiCookieAuth()
@Controller('vendor')
export class VendorController {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly catalogue: CatalogueService,
  ) {}

  @Get('supplier')
  @Roles('vendor')
  @ApiOperation({ summary: 'Your supplier profile' })
  @ApiOkResponse({ type: SupplierProfile })
  supplier(@CurrentActor() actor: Actor): Promise<SupplierProfile> {
    return this.suppliers.ownProfile(actor);
  }

  @Put('supplier')
  @Roles('vendor')
  @ApiOperation({ summary: 'Replace your supplier profile (applies at once; audited)' })
  @ApiOkResponse({ type: SupplierProfile })
  updateSupplier(@CurrentActor() actor: Actor, @Body() body: UpdateSupplierRequest): Promise<SupplierProfile> {
    return this.suppliers.update(actor, body);
  }

  @Get('items')
  @Roles('vendor')
  @ApiOperation({ summary: 'Your catalogue items with publication and draft status' })
  @ApiPage(VendorItemSummary)
  items(@CurrentActor() actor: Actor, @Query() query: VendorItemListQuery): Promise<Page<VendorItemSummary>> {
    return this.catalogue.list(actor, query);
  }

  @Post('items')
  @Roles('vendor')
  @Idempotent()
  @ApiOperation({ summary: 'Create a catalogue item; version 1 starts as a draft' })
  @ApiCreatedResponse({ type: VendorItemDetail })
  create(@CurrentActor() actor: Actor, @Body() body: CreateItemRequest): Promise<VendorItemDetail> {
    return this.catalogue.create(actor, body);
  }

  @Get('items/:id')
  @Roles('vendor')
  @ApiOperation({ summary: 'One of your items: live content, open draft, versions and decisions with reasons' })
  @ApiOkResponse({ type: VendorItemDetail })
  item(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<VendorItemDetail> {
    return this.catalogue.get(actor, id);
  }

  @Put('items/:id/draft')
  @Roles('vendor')
  @ApiOperation({ summary: 'Save the listing as the open draft (a new version if the item is live and has none)' })
  @ApiBody({ type: ListingContentDto })
  @ApiOkResponse({ type: VendorItemDetail })
  saveDraft(@CurrentActor() actor: Actor, @Param('id') id: string, @Body(ListingContentPipe) body: object): Promise<VendorItemDetail> {
    return this.catalogue.saveDraft(actor, id, body as ListingContentDto);
  }

  @Post('items/:id/draft/withdraw')
  @Roles('vendor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a submitted version back to draft' })
  @ApiOkResponse({ type: VendorItemDetail })
  withdraw(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<VendorItemDetail> {
    return this.catalogue.withdraw(actor, id);
  }

  @Get('items/:id/completeness')
  @Roles('vendor')
  @ApiOperation({ summary: 'What is missing before the open draft can be submitted, per section' })
  @ApiOkResponse({ type: CompletenessView })
  completeness(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CompletenessView> {
    return this.catalogue.completeness(actor, id);
  }

  @Post('items/:id/draft/submit')
  @Roles('vendor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the open draft for publication (400 listing-incomplete with field errors if not complete)' })
  @ApiOkResponse({ type: VendorItemDetail })
  submit(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<VendorItemDetail> {
    return this.catalogue.submit(actor, id);
  }
}

@ApiTags('moderation')
@ApiCookieAuth()
@Controller('moderation')
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Get('queue')
  @Roles('operator')
  @ApiOperation({ summary: 'Submitted listing versions awaiting a decision, oldest first' })
  @ApiPage(ModerationQueueEntry)
  queue(@Query() query: ListQuery): Promise<Page<ModerationQueueEntry>> {
    return this.moderation.queue(query);
  }

  @Get('versions/:versionId')
  @Roles('operator')
  @ApiOperation({ summary: 'A listing version with the live content and a field-by-field diff' })
  @ApiOkResponse({ type: ModerationVersionView })
  version(@Param('versionId') versionId: string): Promise<ModerationVersionView> {
    return this.moderation.version(versionId);
  }

  @Post('versions/:versionId/approve')
  @Roles('operator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a submitted version: it goes live and the previous one is superseded' })
  @ApiOkResponse({ type: DecisionView })
  approve(@CurrentActor() actor: Actor, @Param('versionId') versionId: string): Promise<DecisionView> {
    return this.moderation.approve(actor, versionId);
  }

  @Post('versions/:versionId/reject')
  @Roles('operator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a submitted version with a reason the vendor sees' })
  @ApiOkResponse({ type: DecisionView })
  reject(@CurrentActor() actor: Actor, @Param('versionId') versionId: string, @Body() body: RejectRequest): Promise<DecisionView> {
    return this.moderation.reject(actor, versionId, body.reason);
  }

  @Post('items/:id/publication')
  @Roles('operator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend, put in remediation, unpublish or reinstate a published item (409 invalid-transition otherwise)' })
  @ApiOkResponse({ type: PublicationChangeView })
  publication(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: PublicationChangeRequest): Promise<PublicationChangeView> {
    return this.moderation.changePublication(actor, id, body.status, body.reason);
  }
}
