import { Module } from '@nestjs/common';
import { OrderingModule } from '../ordering/ordering.module';
import { CompetitionsController } from './competitions.controller';
import { CompetitionsService } from './competitions.service';

/** Competitions: compare shortlisted solutions on weighted price and non-price scores, then award into a draft order. */
@Module({
  imports: [OrderingModule],
  controllers: [CompetitionsController],
  providers: [CompetitionsService],
})
export class CompetitionsModule {}
