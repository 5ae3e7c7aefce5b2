import { Module } from '@nestjs/common';
import { OrderingModule } from '../ordering/ordering.module';
import { ContractPaymentsController, OrderPaymentsController, PayoutsController, WebhooksController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { WebhooksService } from './webhooks.service';

/** Payments with Stripe: supplier onboarding (Connect), checkout for locally funded orders, webhooks (docs/decisions/018). */
@Module({
  imports: [OrderingModule],
  controllers: [PayoutsController, OrderPaymentsController, ContractPaymentsController, WebhooksController],
  providers: [PaymentsService, WebhooksService],
  exports: [PaymentsService],
})
export class PaymentsModule {}
