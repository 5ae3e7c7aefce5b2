import { Inject, Logger, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { JobsService } from '../../core/jobs/jobs.service';
import { ApplicationsService } from './applications.service';
import { ApplicationsController, ClarificationsController, FrameworkRoundsController, OnboardedSuppliersController, RegistrationsController } from './onboarding.controller';
import { RegistrationsService } from './registrations.service';
import { RoundsService } from './rounds.service';

/** Daily (and at start-up): framework rounds move to the status their dates give. */
export const FRAMEWORK_LIFECYCLE_JOB = 'framework-lifecycle';

@Module({
  controllers: [RegistrationsController, OnboardedSuppliersController, FrameworkRoundsController, ClarificationsController, ApplicationsController],
  providers: [RegistrationsService, RoundsService, ApplicationsService],
})
export class OnboardingModule implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Onboarding');

  constructor(
    private readonly jobs: JobsService,
    private readonly rounds: RoundsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    this.jobs.register({ name: FRAMEWORK_LIFECYCLE_JOB, cron: '5 0 * * *', tz: 'Europe/London', handler: () => this.rounds.advanceByDate() });
  }

  onApplicationBootstrap() {
    // A round whose date passed while nothing was running moves at start-up, not the next night.
    if (!this.config.jobsEnabled || !this.config.databaseConnect) return;
    void this.rounds.advanceByDate().catch((e) => this.logger.warn(`Framework lifecycle at start-up failed: ${e instanceof Error ? e.message : e}`));
  }
}
