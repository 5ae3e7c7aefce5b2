import { Module } from '@nestjs/common';
import { OcdsController } from './ocds.controller';
import { OcdsService } from './ocds.service';

/** Open contract data (OCDS 1.1.5): releases appended by ordering, served publicly. */
@Module({
  controllers: [OcdsController],
  providers: [OcdsService],
  exports: [OcdsService],
})
export class OcdsModule {}
