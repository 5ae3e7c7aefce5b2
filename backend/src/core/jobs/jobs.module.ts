import { Global, Module } from '@nestjs/common';
import { JobsService } from './jobs.service';

/** The PostgreSQL-backed job queue; global so any module can register jobs. */
@Global()
@Module({ providers: [JobsService], exports: [JobsService] })
export class JobsModule {}
