import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCookieAuth, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse,
  ApiOperation, ApiServiceUnavailableResponse, ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { AnyRole, CurrentActor, Public, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { Idempotent } from '../../core/idempotency/idempotency.decorator';
import { ContractsService } from '../ordering/contracts.service';
import { ContractIdParam } from '../ordering/dto/contracts.dto';
import { OrderRefParam } from '../ordering/dto/orders.dto';
import { CheckoutBody, CheckoutLink, DashboardLink, OnboardingLink, OrderPayments, PayoutAccountView, WebhookReceipt } from './dto/payments.dto';
import { PaymentsService } from './payments.service';
import { WebhooksService } from './webhooks.service';

const OFF = 'Payments are not switched on; pay by invoice (problem+json, code payments-off)';

/** A supplier's Stripe account, to be paid for locally funded orders. */
@ApiTags('payments')
@ApiCookieAuth()
@Roles('vendor')
@Controller('vendor/payouts')
export class PayoutsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get()
  @ApiOperation({ summary: 'Your organisation’s payout status: invoice (payments off), not_started, pending, enabled or restricted' })
  @ApiOkResponse({ type: PayoutAccountView })
  get(@CurrentActor() actor: Actor): Promise<PayoutAccountView> {
    return this.payments.payoutAccount(actor);
  }

  @Post('onboarding')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set up payouts: creates your Stripe Express account if there is none, and returns a link to Stripe’s onboarding' })
  @ApiOkResponse({ type: OnboardingLink })
  @ApiConflictResponse({ description: OFF })
  onboarding(@CurrentActor() actor: Actor): Promise<OnboardingLink> {
    return this.payments.startOnboarding(actor);
  }

  @Post('dashboard')
  @HttpCode(200)
  @ApiOperation({ summary: 'View payouts in Stripe: a single-use link to the Stripe Express dashboard of your enabled account' })
  @ApiOkResponse({ type: DashboardLink })
  @ApiConflictResponse({ description: `${OFF}; or payouts are not set up or not enabled yet (payouts-not-set-up, payouts-not-enabled)` })
  dashboard(@CurrentActor() actor: Actor): Promise<DashboardLink> {
    return this.payments.dashboardLink(actor);
  }
}

/** Paying for the locally funded items of a completed order. */
@ApiTags('payments')
@ApiCookieAuth()
@Controller('orders/:ref/payments')
export class OrderPaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'How the order is paid: its parts (one-off, monthly, annual), their status and history' })
  @ApiOkResponse({ type: OrderPayments })
  @ApiNotFoundResponse({ description: 'No order you can see has that reference (problem+json)' })
  get(@CurrentActor() actor: Actor, @Param() p: OrderRefParam): Promise<OrderPayments> {
    return this.payments.orderPayments(actor, p.ref);
  }

  @Post('checkout')
  @Roles('practice_manager', 'commissioner')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Pay by card or Direct Debit: a Stripe Checkout page for one part of a completed order (one-off amounts as a payment, monthly or annual amounts as a subscription for the contract term), paid to the supplier with the platform fee',
  })
  @ApiOkResponse({ type: CheckoutLink })
  @ApiNotFoundResponse({ description: 'No order you can see has that reference (problem+json)' })
  @ApiForbiddenResponse({ description: 'Not the ordering party (problem+json)' })
  @ApiConflictResponse({ description: `${OFF}; or the order is not completed, has nothing locally funded, is already paid, or the supplier cannot take payments yet` })
  checkout(@CurrentActor() actor: Actor, @Param() p: OrderRefParam, @Body() body: CheckoutBody): Promise<CheckoutLink> {
    return this.payments.checkout(actor, p.ref, body);
  }
}

/** A contract's payments: those of the order revision it follows. */
@ApiTags('payments')
@ApiCookieAuth()
@AnyRole()
@Controller('contracts/:id/payments')
export class ContractPaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly contracts: ContractsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'How the contract is paid: the payment status and history of the order revision it follows' })
  @ApiOkResponse({ type: OrderPayments })
  @ApiNotFoundResponse({ description: 'No contract you can see has that id (problem+json)' })
  async get(@CurrentActor() actor: Actor, @Param() p: ContractIdParam): Promise<OrderPayments> {
    const contract = await this.contracts.get(actor, p.id);
    return this.payments.orderPayments(actor, contract.orderRef);
  }
}

/** Stripe's calls to us. */
@ApiTags('payments')
@Controller('payments')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('webhook')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Stripe webhook endpoint: the Stripe-Signature header must match the raw body; each event applies once' })
  @ApiHeader({ name: 'Stripe-Signature', required: true })
  @ApiBody({ description: 'A Stripe event', schema: { type: 'object' } })
  @ApiOkResponse({ type: WebhookReceipt })
  @ApiBadRequestResponse({ description: 'Bad or missing signature (problem+json); nothing changes' })
  @ApiServiceUnavailableResponse({ description: 'No STRIPE_WEBHOOK_SECRET configured (problem+json)' })
  receive(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature?: string): Promise<WebhookReceipt> {
    return this.webhooks.receive(req.rawBody, signature);
  }
}
