import { Module, OnModuleInit } from '@nestjs/common';
import { JobsService } from '../../core/jobs/jobs.service';
import { AlertsController } from './alerts.controller';
import { accreditationAlerts } from './alerts.hook';
import { AlertsService } from './alerts.service';

/** The daily job: deadline alerts at 180/90/30 days, and any accreditation alert not yet raised. */
export const ALERTS_JOB = 'contract-alerts';

@Module({
  controllers: [AlertsController],
  providers: [AlertsService],
  exports: [AlertsService],
})
export class AlertsModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly alerts: AlertsService,
  ) {}

  onModuleInit() {
    // After the 02:00 accreditation re-derivation, before the working day.
    this.jobs.register({ name: ALERTS_JOB, cron: '0 6 * * *', tz: 'Europe/London', handler: () => this.alerts.run() });
    // Prompt accreditation alerts, in the transaction that changes the status.
    accreditationAlerts.raise = (m, itemId) => this.alerts.raiseForItem(m, itemId);
  }
}
