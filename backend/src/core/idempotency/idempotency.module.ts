import { Module, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { JobsService } from '../jobs/jobs.service';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyService } from './idempotency.service';

/** The daily job that forgets Idempotency-Key records older than 24 hours. */
export const IDEMPOTENCY_PURGE_JOB = 'idempotency-keys-purge';

/** Idempotency-Key support for routes marked @Idempotent() (a global interceptor). */
@Module({
  providers: [IdempotencyService, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
  exports: [IdempotencyService],
})
export class IdempotencyModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly keys: IdempotencyService,
  ) {}

  onModuleInit() {
    this.jobs.register({ name: IDEMPOTENCY_PURGE_JOB, cron: '30 3 * * *', tz: 'Europe/London', handler: () => this.keys.purgeExpired() });
  }
}
