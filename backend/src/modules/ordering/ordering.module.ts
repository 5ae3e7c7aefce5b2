import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { OcdsModule } from '../ocds/ocds.module';
import { CompletionService } from './completion.service';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';
import { OrderCatalogueService } from './order-catalogue.service';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

/** Orders (call-offs), their approval and completion, and the contracts they create. */
@Module({
  imports: [MailModule, OcdsModule],
  controllers: [OrdersController, ContractsController],
  providers: [OrdersService, CompletionService, ContractsService, OrderCatalogueService],
  exports: [OrdersService, ContractsService],
})
export class OrderingModule {}
