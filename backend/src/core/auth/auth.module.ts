import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { RateLimitService } from './rate-limit.service';
import { SessionStore } from './session.store';

@Global()
@Module({
  providers: [SessionStore, RateLimitService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [SessionStore, RateLimitService],
})
export class AuthModule {}
