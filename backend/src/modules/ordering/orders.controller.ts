import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiConflictResponse, ApiCookieAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse,
  ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { ApiPage, Page } from '../../core/http/paging';
import { Idempotent } from '../../core/idempotency/idempotency.decorator';
import { NoQuery } from '../search/dto/search-query.dto';
import { CompletionService } from './completion.service';
import { RecipientsCsvBody } from './dto/csv.dto';
import {
  AddItemBody, ApprovalQueueQuery, CreateOrderBody, DescriptionBody, FundingBody, OrderDetail, OrderingPartyBody, OrderItemParam, OrderListQuery,
  OrderRefParam, OrderSummary, QuantitiesBody, ReasonBody, RecipientsBody, SupplierBody, TermBody,
} from './dto/orders.dto';
import { OrderCatalogue, OrderCatalogueService, SupplierOptions } from './order-catalogue.service';
import { OrdersService } from './orders.service';
import { renderOrderSummary } from './summary-pdf';

const NOT_VISIBLE = 'No order you can see has that number (problem+json)';
const NOT_EDITABLE = 'The order is waiting for approval or completed, or the step needs an earlier one first (problem+json)';

/**
 * Orders (call-offs): practices and commissioners draft them one step at a time, complete them,
 * and commissioners approve centrally funded ones. Vendors see the orders they received.
 */
@ApiTags('orders')
@ApiCookieAuth()
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly completion: CompletionService,
    private readonly catalogue: OrderCatalogueService,
  ) {}

  @Get()
  @Roles('practice_manager', 'commissioner', 'vendor', 'operator')
  @ApiOperation({ summary: 'Orders you can see: your organisation’s (buyers), those of practices you commission, or those you received (vendors). Sort by createdAt, completedAt, number' })
  @ApiPage(OrderSummary)
  list(@CurrentActor() actor: Actor, @Query() query: OrderListQuery): Promise<Page<OrderSummary>> {
    return this.orders.list(actor, query);
  }

  @Post()
  @Roles('practice_manager', 'commissioner')
  @Idempotent()
  @ApiOperation({ summary: 'Start an order for your organisation; a practice is its own service recipient' })
  @ApiCreatedResponse({ type: OrderDetail })
  @ApiBadRequestResponse({ description: 'The description is missing or too long (problem+json)' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateOrderBody): Promise<OrderDetail> {
    return this.orders.create(actor, body);
  }

  @Get('approvals')
  @Roles('commissioner')
  @ApiOperation({ summary: 'Centrally funded orders waiting for your approval, oldest first' })
  @ApiPage(OrderSummary)
  approvals(@CurrentActor() actor: Actor, @Query() query: ApprovalQueueQuery): Promise<Page<OrderSummary>> {
    return this.orders.approvalQueue(actor, query);
  }

  @Get('supplier-options')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Suppliers to choose from in the supplier step: those with a solution that can be ordered now' })
  @ApiOkResponse({ type: SupplierOptions })
  supplierOptions(@Query() _query: NoQuery): Promise<SupplierOptions> {
    return this.catalogue.suppliers();
  }

  @Get(':ref')
  @Roles('practice_manager', 'commissioner', 'vendor', 'operator')
  @ApiOperation({ summary: 'One order revision: its steps (task list), items with costs, totals, approval and contract' })
  @ApiOkResponse({ type: OrderDetail })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  get(@CurrentActor() actor: Actor, @Param() p: OrderRefParam): Promise<OrderDetail> {
    return this.orders.detail(actor, p.ref);
  }

  @Get(':ref/summary.pdf')
  @Roles('practice_manager', 'commissioner', 'vendor', 'operator')
  @ApiOperation({ summary: 'The order summary as a PDF: parties, terms, service recipients, items with costs, totals and the contract' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'A PDF document', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  async summaryPdf(@CurrentActor() actor: Actor, @Param() p: OrderRefParam, @Query() _query: NoQuery): Promise<StreamableFile> {
    const pdf = await renderOrderSummary(await this.orders.detail(actor, p.ref));
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="order-${p.ref}.pdf"`, length: pdf.length });
  }

  @Get(':ref/catalogue')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'What can be added to the order: the supplier’s listed items on the order’s framework, with prices and whether each can be ordered' })
  @ApiOkResponse({ type: OrderCatalogue })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  orderable(@CurrentActor() actor: Actor, @Param() p: OrderRefParam): Promise<OrderCatalogue> {
    return this.catalogue.forOrder(actor, p.ref);
  }

  @Put(':ref/description')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: describe the order' })
  @ApiOkResponse({ type: OrderDetail })
  @ApiBadRequestResponse({ description: 'Field errors (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: NOT_EDITABLE })
  description(@CurrentActor() actor: Actor, @Param() p: OrderRefParam, @Body() body: DescriptionBody): Promise<OrderDetail> {
    return this.orders.setDescription(actor, p.ref, body);
  }

  @Put(':ref/ordering-party')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: the ordering party’s contact' })
  @ApiOkResponse({ type: OrderDetail })
  @ApiBadRequestResponse({ description: 'Field errors (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: NOT_EDITABLE })
  orderingParty(@CurrentActor() actor: Actor, @Param() p: OrderRefParam, @Body() body: OrderingPartyBody): Promise<OrderDetail> {
    return this.orders.setOrderingParty(actor, p.ref, body);
  }

  @Put(':ref/supplier')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: the supplier and its contact' })
  @ApiOkResponse({ type: OrderDetail })
  @ApiBadRequestResponse({ description: 'Field errors (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: NOT_EDITABLE })
  supplier(@CurrentActor() actor: Actor, @Param() p: OrderRefParam, @Body() body: SupplierBody): Promise<OrderDetail> {
    return this.orders.setSupplier(actor, p.ref, body);
  }

  @Put(':ref/term')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: framework, commencement date (at most 3 months ago), initial period and maximum term (within the framework maximum)' })
  @ApiOkResponse({ type: OrderDetail })
  @ApiBadRequestResponse({ description: 'Field errors (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: NOT_EDITABLE })
  term(@CurrentActor() actor: Actor, @Param() p: OrderRefParam, @Body() body: TermBody): Promise<OrderDetail> {
    return this.orders.setTerm(actor, p.ref, body);
  }

  @Put(':ref/recipients')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: service recipients, as ODS codes of practices you may order for (replaces the list; all or nothing)' })
  @ApiOkResponse({ type: OrderDetail })
  @ApiBadRequestResponse({ description: 'A code is wrong, repeated or not yours to order for: field errors per position, nothing changed (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: NOT_EDITABLE })
  recipients(@CurrentActor() actor: Actor, @Param() p: OrderRefParam, @Body() body: RecipientsBody): Promise<OrderDetail> {
    return this.orders.setRecipients(actor, p.ref, body);
  }

  @Put(':ref/recipients/csv')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: service recipients from a CSV file of ODS codes (replaces the list; any bad row → errors per line, nothing changed)' })
  @ApiOkResponse({ type: OrderDetail })
  @ApiBadRequestResponse({ description: 'Row-level errors, e.g. "line 3: X12345 is not an active practice you can order for" (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: NOT_EDITABLE })
  recipientsCsv(@CurrentActor() actor: Actor, @Param() p: OrderRefParam, @Body() body: RecipientsCsvBody): Promise<OrderDetail> {
    return this.orders.setRecipientsFromCsv(actor, p.ref, body.csv);
  }

  @Post(':ref/items')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: add a solution or service with one of its prices (or change the price of one already added)' })
  @ApiOkResponse({ type: OrderDetail })
  @ApiBadRequestResponse({ description: 'Not listed, not this supplier’s, not on the framework, not accredited, or no such price (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: NOT_EDITABLE })
  @HttpCode(200)
  addItem(@CurrentActor() actor: Actor, @Param() p: OrderRefParam, @Body() body: AddItemBody): Promise<OrderDetail> {
    return this.orders.addItem(actor, p.ref, body);
  }

  @Delete(':ref/items/:itemId')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Remove an item from the order' })
  @ApiOkResponse({ type: OrderDetail })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: NOT_EDITABLE })
  removeItem(@CurrentActor() actor: Actor, @Param() p: OrderItemParam): Promise<OrderDetail> {
    return this.orders.removeItem(actor, p.ref, p.itemId);
  }

  @Put(':ref/items/:itemId/quantities')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: quantities for an item: one for the order, or one per service recipient (per-patient prices need none)' })
  @ApiOkResponse({ type: OrderDetail })
  @ApiBadRequestResponse({ description: 'Field errors (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: NOT_EDITABLE })
  quantities(@CurrentActor() actor: Actor, @Param() p: OrderItemParam, @Body() body: QuantitiesBody): Promise<OrderDetail> {
    return this.orders.setQuantities(actor, p.ref, p.itemId, body);
  }

  @Put(':ref/items/:itemId/funding')
  @Roles('practice_manager', 'commissioner')
  @ApiOperation({ summary: 'Step: funding source of an item (central funding needs the ICB’s approval)' })
  @ApiOkResponse({ type: OrderDetail })
  @ApiBadRequestResponse({ description: 'Field errors, e.g. the framework offers no central funding (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: NOT_EDITABLE })
  funding(@CurrentActor() actor: Actor, @Param() p: OrderItemParam, @Body() body: FundingBody): Promise<OrderDetail> {
    return this.orders.setFunding(actor, p.ref, p.itemId, body);
  }

  @Post(':ref/complete')
  @Roles('practice_manager', 'commissioner')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Complete the order: prices are snapshotted, the order becomes Completed and a contract is created, in one transaction. Centrally funded orders go to the ICB for approval first. Repeating it changes nothing.',
  })
  @ApiOkResponse({ type: OrderDetail })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'Not the ordering party (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'Steps are missing or an item can no longer be ordered; each reason listed (problem+json)' })
  complete(@CurrentActor() actor: Actor, @Param() p: OrderRefParam): Promise<OrderDetail> {
    return this.completion.complete(actor, p.ref);
  }

  @Post(':ref/approve')
  @Roles('commissioner')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a centrally funded order; it completes at once (same checks as completion)' })
  @ApiOkResponse({ type: OrderDetail })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'Not a commissioner of the practice’s ICB, or the person who asked for approval (problem+json)' })
  @ApiConflictResponse({ description: 'Not waiting for approval (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'An item can no longer be ordered (problem+json)' })
  approve(@CurrentActor() actor: Actor, @Param() p: OrderRefParam): Promise<OrderDetail> {
    return this.completion.approve(actor, p.ref);
  }

  @Post(':ref/return')
  @Roles('commissioner')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return an order waiting for approval to the buyer, with a reason' })
  @ApiOkResponse({ type: OrderDetail })
  @ApiBadRequestResponse({ description: 'No reason given (problem+json)' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'Not a commissioner who may approve it (problem+json)' })
  @ApiConflictResponse({ description: 'Not waiting for approval (problem+json)' })
  returnOrder(@CurrentActor() actor: Actor, @Param() p: OrderRefParam, @Body() body: ReasonBody): Promise<OrderDetail> {
    return this.completion.returnOrder(actor, p.ref, body);
  }

  @Post(':ref/amendments')
  @Roles('practice_manager', 'commissioner')
  @Idempotent()
  @ApiOperation({
    summary:
      'Amend a completed order: a new revision (C000123-02) to edit and complete like an order; it may add recipients, items, quantities and funding, never remove recipients or change agreed prices',
  })
  @ApiCreatedResponse({ type: OrderDetail })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'Not the ordering party (problem+json)' })
  @ApiConflictResponse({ description: 'Not the latest completed revision, terminated, or an amendment is already open (problem+json)' })
  amend(@CurrentActor() actor: Actor, @Param() p: OrderRefParam): Promise<OrderDetail> {
    return this.orders.amend(actor, p.ref);
  }

  @Delete(':ref')
  @Roles('practice_manager', 'commissioner')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an order that is still being drafted' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: 'Only drafts can be deleted (problem+json)' })
  async remove(@CurrentActor() actor: Actor, @Param() p: OrderRefParam): Promise<void> {
    await this.orders.remove(actor, p.ref);
  }
}
