import { Module } from '@nestjs/common';
import { EstimateController } from './estimate.controller';
import { EstimateService } from './estimate.service';

/** Price calculation (calculate.ts, pure) and cost estimates for buyers. */
@Module({ controllers: [EstimateController], providers: [EstimateService], exports: [EstimateService] })
export class PricingModule {}
