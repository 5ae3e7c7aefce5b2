import { Module } from '@nestjs/common';
import { OrderingModule } from '../ordering/ordering.module';
import { SwitchingController } from './switching.controller';
import { SwitchingService } from './switching.service';

/** Switch plans: current system, accredited candidates, earliest switch date, timeline, order and termination. */
@Module({
  imports: [OrderingModule],
  controllers: [SwitchingController],
  providers: [SwitchingService],
})
export class SwitchingModule {}
