import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JOB_LOCK_NS, lockHeldSql } from '../liveness/liveness.service';

/** How often the queue looks for jobs whose process died mid-run. */
const ORPHAN_CHECK_SECONDS = 10;

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
 *
 * A running job holds an advisory lock on its id; an active job whose lock nobody holds was
 * abandoned by a process that died (SIGKILL, OOM, lost host) and is put back in the queue at once,
 * rather than after its expiry (expireInMinutes). Handlers must therefore be safe to run again:
 * they commit their work in one transaction, or skip what a previous run already did.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly definitions = new Map<string, JobDefinition<any>>();
  private boss: PgBoss | null = null;
  private orphanTimer?: NodeJS.Timeout;
  private readonly workers = new Map<string, string>();

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
        const workerId = await boss.work<object>(d.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 }, async (jobs) => {
          for (const job of jobs) {
            this.logger.log(`Running job ${d.name} ${job.id}`);
            await this.whileLocked(job.id, () => d.handler(job.data ?? {}));
          }
        });
        this.workers.set(d.name, workerId);
        if (d.cron) await boss.schedule(d.name, d.cron, {}, { tz: d.tz ?? 'Europe/London' });
      }
    } catch (e) {
      await boss.stop({ graceful: false, wait: true, timeout: 1000 });
      throw e;
    }
    this.boss = boss;
    this.logger.log(`Job queue started: ${[...this.definitions.keys()].join(', ') || 'no jobs'}`);
    await this.requeueOrphans().catch((e: Error) => this.logger.warn(`Looking for abandoned jobs failed: ${e.message}`));
    this.orphanTimer = setInterval(() => void this.requeueOrphans().catch((e: Error) => this.logger.warn(`Looking for abandoned jobs failed: ${e.message}`)), ORPHAN_CHECK_SECONDS * 1000);
    this.orphanTimer.unref();
  }

  /** Runs a job's handler holding the advisory lock that says "this job is running" (own connection). */
  private async whileLocked(jobId: string, fn: () => Promise<unknown>) {
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'gpit-marketplace-job-lock', connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined); // the run itself reports a lost database
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [JOB_LOCK_NS, jobId]);
      await fn();
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Active jobs of ours whose lock is not held (their process died): back to the queue, to run now. Returns their ids. */
  async requeueOrphans(): Promise<string[]> {
    const boss = this.boss;
    if (!boss) return [];
    // Started over 2 seconds ago: a job just fetched takes its lock within milliseconds.
    const { rows } = await boss.getDb().executeSql(
      `SELECT name, id FROM pgboss.job
        WHERE state = 'active' AND name = ANY($1) AND started_on < now() - interval '2 seconds'
          AND NOT ${lockHeldSql(JOB_LOCK_NS, 'hashtext(id::text)')}`,
      [[...this.definitions.keys()]],
    );
    for (const { name, id } of rows as { name: string; id: string }[]) {
      this.logger.warn(`Job ${name} ${id} was abandoned by a process that stopped; running it again`);
      await boss.cancel(name, id);
      await boss.resume(name, id);
      const workerId = this.workers.get(name);
      if (workerId) boss.notifyWorker(workerId); // fetch now, not at the next poll
    }
    return rows.map((r: { id: string }) => r.id);
  }

  async stop() {
    if (this.orphanTimer) clearInterval(this.orphanTimer);
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
