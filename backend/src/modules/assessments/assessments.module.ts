import { Module, OnModuleInit } from '@nestjs/common';
import { JobsService } from '../../core/jobs/jobs.service';
import { AssessmentsController, ConformanceController, VendorAssessmentsController } from './assessments.controller';
import { AssessmentsService } from './assessments.service';

/** The daily job: expiries and overdue work-off plans turn solutions Lapsed without anyone acting. */
export const REDERIVE_JOB = 'accreditation-rederive';

@Module({
  controllers: [AssessmentsController, VendorAssessmentsController, ConformanceController],
  providers: [AssessmentsService],
  exports: [AssessmentsService],
})
export class AssessmentsModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly assessments: AssessmentsService,
  ) {}

  onModuleInit() {
    this.jobs.register({ name: REDERIVE_JOB, cron: '0 2 * * *', tz: 'Europe/London', handler: () => this.assessments.rederiveAll() });
  }
}
