import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { RegisterController } from './register.controller';
import { RegisterService } from './register.service';

/** Commissioner oversight: the contract register (register.*) and dashboards (dashboard*). */
@Module({
  controllers: [RegisterController, DashboardController],
  providers: [RegisterService, DashboardService],
  exports: [RegisterService],
})
export class OversightModule {}
