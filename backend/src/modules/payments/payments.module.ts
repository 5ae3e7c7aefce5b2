import { Module, OnModuleInit } from '@nestjs/common';
import { JobsService } from '../../core/jobs/jobs.service';
import { OrderingModule } from '../ordering/ordering.module';
import { ContractPaymentsController, OrderPaymentsController, PayoutsController, WebhooksController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { WebhooksService } from './webhooks.service';

/** The daily job that prunes stored Stripe webhook events past their retention (STRIPE_EVENTS_RETENTION_DAYS). */
export const STRIPE_EVENTS_PRUNE_JOB = 'stripe-events-prune';

/** Payments with Stripe: supplier onboarding (Connect), checkout for locally funded orders, webhooks (docs/decisions/018). */
@Module({
  imports: [OrderingModule],
  controllers: [PayoutsController, OrderPaymentsController, ContractPaymentsController, WebhooksController],
  providers: [PaymentsService, WebhooksService],
  exports: [PaymentsService],
})
export class PaymentsModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly webhooks: WebhooksService,
  ) {}

  onModuleInit() {
    this.jobs.register({ name: STRIPE_EVENTS_PRUNE_JOB, cron: '45 3 * * *', tz: 'Europe/London', handler: () => this.webhooks.pruneEvents() });
  }
}
