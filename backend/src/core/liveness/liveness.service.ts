import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig } from '../config/config';

/** Advisory-lock namespaces (the first key of pg_advisory_lock(int, int)): "gp" + a kind. */
export const INSTANCE_LOCK_NS = 0x67700001;
export const JOB_LOCK_NS = 0x67700002;

/**
 * SQL true when the advisory lock (ns, key) is held by some session of this database: the owner
 * is alive. PostgreSQL drops a session's locks the moment its client goes away, a SIGKILLed
 * process included, so this needs no heartbeat and no timeout.
 */
export const lockHeldSql = (ns: number, keyExpr: string) =>
  `EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
             AND l.classid = ${ns}::bigint::oid AND l.objid = (${keyExpr})::int::oid
             AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))`;

/**
 * This API process's liveness, visible to every replica: one connection of its own holds the
 * advisory lock (INSTANCE_LOCK_NS, instanceKey) for the process's life, reconnecting after an
 * outage. Work a process claims (an Idempotency-Key) is stamped with instanceKey, so another
 * process can tell work abandoned by a crash from work still running.
 */
@Injectable()
export class LivenessService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Liveness');
  readonly instanceKey = randomInt(1, 2 ** 31 - 1);
  private client: Client | null = null;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit() {
    if (this.config.databaseConnect) await this.connect();
  }

  async onApplicationShutdown() {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'gpit-marketplace-liveness', connectionTimeoutMillis: 3000 });
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => undefined);
      this.schedule();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query('SELECT pg_advisory_lock($1, $2)', [INSTANCE_LOCK_NS, this.instanceKey]);
      this.client = client;
    } catch (e) {
      client.end().catch(() => undefined);
      this.logger.warn(`Liveness lock not held (retrying): ${(e as Error).message}`);
      this.schedule();
    }
  }

  private schedule() {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, 1000);
    this.retry.unref();
  }
}
