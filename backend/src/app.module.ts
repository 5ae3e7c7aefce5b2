import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './core/audit/audit.module';
import { AuthModule } from './core/auth/auth.module';
import { AppConfig } from './core/config/config';
import { ConfigModule } from './core/config/config.module';
import { DatabaseModule } from './core/database/database.module';
import { IdempotencyModule } from './core/idempotency/idempotency.module';
import { JobsModule } from './core/jobs/jobs.module';
import { LivenessModule } from './core/liveness/liveness.module';
import { HealthModule } from './modules/health/health.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { featureModules } from './modules';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, LivenessModule, AuthModule, AuditModule, JobsModule, IdempotencyModule, HealthModule, MetricsModule, ...featureModules],
    };
  }
}
