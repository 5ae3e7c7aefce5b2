import { Module } from '@nestjs/common';
import { ModerationController, SuppliersController, VendorController } from './catalogue.controller';
import { CatalogueService } from './catalogue.service';
import { ModerationService } from './moderation.service';
import { SuppliersService } from './suppliers.service';

@Module({
  controllers: [SuppliersController, VendorController, ModerationController],
  providers: [CatalogueService, SuppliersService, ModerationService],
  exports: [CatalogueService],
})
export class CatalogueModule {}
