import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { APP_CONFIG, AppConfig } from '../config/config';

export interface JobDefinition<T extends object = object> {
  /** Queue name, e.g. 'accreditation-rederive'. */
  name: string;
  handler: (data: T) => Promise<unknown>;
  /** Cron schedule (five fields), e.g. '0 2 * * *'; omit for on-demand jobs. */
  cron?: string;
  /** Time zone of the schedule; default Europe/London. */
  tz?: string;
  /** Minutes before a running job is treated as failed and retried. */
  expireInMinutes?: number;
}

/**
 * The job queue: pg-boss on the application's PostgreSQL database (schema `pgboss`, created on
 * first start), so every replica can work jobs and each job runs once. Scheduled jobs are
 * created once per cron slot however many replicas run. Modules register their jobs in
 * onModuleInit; the queue starts when the application has booted (config.jobsEnabled) and stops
 * on shutdown. Queues use the `singleton` policy: one job of a kind runs at a time.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly definitions = new Map<string, JobDefinition<any>>();
  private boss: PgBoss | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  register<T extends object>(definition: JobDefinition<T>) {
    if (this.boss) throw new Error(`Job ${definition.name} registered after the queue started`);
    this.definitions.set(definition.name, definition);
  }

  get running() {
    return this.boss !== null;
  }

  async onApplicationBootstrap() {
    if (this.config.jobsEnabled && this.config.databaseConnect) await this.start();
  }

  async onApplicationShutdown() {
    await this.stop();
  }

  /** Starts the queue, its workers and schedules (tests call this when they need a queue). */
  async start(options: { pollingIntervalSeconds?: number } = {}) {
    if (this.boss) return;
    const boss = new PgBoss({ connectionString: this.config.databaseUrl, application_name: 'gpit-marketplace-jobs', max: 4 });
    boss.on('error', (e) => this.logger.error(`Job queue error: ${e.message}`));
    await boss.start();
    try {
      for (const d of this.definitions.values()) {
        await boss.createQueue(d.name, { name: d.name, policy: 'singleton', retryLimit: 2, retryDelay: 60, expireInSeconds: (d.expireInMinutes ?? 30) * 60 });
        await boss.work<object>(d.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 }, async (jobs) => {
          for (const job of jobs) {
            this.logger.log(`Running job ${d.name} ${job.id}`);
            await d.handler(job.data ?? {});
          }
        });
        if (d.cron) await boss.schedule(d.name, d.cron, {}, { tz: d.tz ?? 'Europe/London' });
      }
    } catch (e) {
      await boss.stop({ graceful: false, wait: true, timeout: 1000 });
      throw e;
    }
    this.boss = boss;
    this.logger.log(`Job queue started: ${[...this.definitions.keys()].join(', ') || 'no jobs'}`);
  }

  async stop() {
    const boss = this.boss;
    this.boss = null;
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /** Queues a job now; returns its id. */
  async send(name: string, data: object = {}): Promise<string | null> {
    if (!this.boss) throw new Error('The job queue is not running (JOBS_ENABLED)');
    return this.boss.send(name, data);
  }

  /** A job's state: created, retry, active, completed, cancelled or failed. */
  async state(name: string, id: string): Promise<string | null> {
    if (!this.boss) throw new Error('The job queue is not running (JOBS_ENABLED)');
    const job = await this.boss.getJobById(name, id);
    return job?.state ?? null;
  }
}
