import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, type Metric, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** Label of requests that matched no route (404s, body-parser errors, static docs): one value, so cardinality stays bounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Latency buckets in seconds, 1 ms to 2 s; 200 ms is the soak test's p99 target. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2];

const JOB_STATES = ['queued', 'running', 'failed'] as const;
type JobDepth = { name: string } & Record<(typeof JOB_STATES)[number], number>;

/** The pg Pool's counters (node-postgres), read at scrape time. */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

// Process metrics (RSS, heap, event-loop lag, GC) belong to the process, not to one Nest app:
// registered once, so several apps in one process (the tests) share one GC observer and one
// event-loop monitor.
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** One method and route's tallies; bucket counts are per bucket, made cumulative when scraped. */
interface RouteTally {
  labels: { method: string; route: string };
  byClass: number[];
  buckets: number[];
  sum: number;
  count: number;
}

const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'];

/**
 * Prometheus metrics for GET /api/metrics: requests and latency by route template, the database
 * pool, the job queue and the process. Per request: one map look-up and a few additions into plain
 * arrays (prom-client's own histogram validates and hashes the labels on every observation, ~2 µs);
 * everything else is read when scraped.
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger('Metrics');
  private readonly registry = new Registry();
  private readonly tallies = new Map<string, RouteTally>();
  /** Whether pg-boss's schema exists yet (it is created when a job queue first starts). */
  private jobSchema = false;
  private lastJobDepth: JobDepth[] = [];

  constructor(private readonly db: DataSource) {
    const tallies = () => [...this.tallies.values()];
    this.registry.registerMetric({
      name: 'http_requests_total',
      get: async () => ({
        name: 'http_requests_total',
        help: 'HTTP requests answered, by method, route template and status class',
        type: 'counter',
        aggregator: 'sum',
        values: tallies().flatMap((t) =>
          STATUS_CLASSES.flatMap((status_class, i) => (t.byClass[i] ? [{ labels: { ...t.labels, status_class }, value: t.byClass[i] }] : [])),
        ),
      }),
    } as unknown as Metric);
    this.registry.registerMetric({
      name: 'http_request_duration_seconds',
      get: async () => ({
        name: 'http_request_duration_seconds',
        help: 'Time from the request arriving to the response finishing, by method and route template',
        type: 'histogram',
        aggregator: 'sum',
        values: tallies().flatMap((t) => {
          let cumulative = 0;
          return [
            ...LATENCY_BUCKETS.map((le, i) => ({
              metricName: 'http_request_duration_seconds_bucket',
              labels: { le, ...t.labels },
              value: (cumulative += t.buckets[i]),
            })),
            { metricName: 'http_request_duration_seconds_bucket', labels: { le: '+Inf', ...t.labels }, value: t.count },
            { metricName: 'http_request_duration_seconds_sum', labels: t.labels, value: t.sum },
            { metricName: 'http_request_duration_seconds_count', labels: t.labels, value: t.count },
          ];
        }),
      }),
    } as unknown as Metric);
    const pool = () => (db.isInitialized ? ((db.driver as unknown as { master?: PgPool }).master ?? null) : null);
    const poolGauge = (name: string, help: string, read: (p: PgPool) => number | undefined) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const p = pool();
          const v = p ? read(p) : undefined;
          if (v !== undefined) this.set(v);
        },
      });
    poolGauge('db_pool_connections', 'Open connections in the API’s PostgreSQL pool', (p) => p.totalCount);
    poolGauge('db_pool_idle_connections', 'Idle connections in the pool', (p) => p.idleCount);
    poolGauge('db_pool_waiting_clients', 'Queries waiting for a free connection', (p) => p.waitingCount);
    poolGauge('db_pool_max_connections', 'Most connections the pool opens', (p) => p.options?.max);
    const jobs = this.jobDepth.bind(this);
    new Gauge({
      name: 'job_queue_jobs',
      help: 'Jobs in the queue (pg-boss, shared by every replica) by job name and state: queued (incl. awaiting retry), running, failed (until archived)',
      labelNames: ['job', 'state'],
      registers: [this.registry],
      async collect() {
        const rows = await jobs();
        this.reset();
        for (const r of rows) for (const state of JOB_STATES) this.set({ job: r.name, state }, r[state]);
      },
    });
  }

  /** Called once per response by the request middleware (bootstrap.ts). */
  observe(method: string, route: string | undefined, status: number, seconds: number) {
    const key = route === undefined ? method : `${method} ${route}`;
    let t = this.tallies.get(key);
    if (!t) {
      t = { labels: { method, route: route ?? UNMATCHED_ROUTE }, byClass: [0, 0, 0, 0, 0], buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.tallies.set(key, t);
    }
    t.byClass[Math.min(4, Math.max(0, Math.floor(status / 100) - 1))]++;
    const b = LATENCY_BUCKETS.findIndex((le) => seconds <= le);
    if (b >= 0) t.buckets[b]++;
    t.sum += seconds;
    t.count++;
  }

  contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition: this app's metrics, then the process's. */
  async scrape(): Promise<string> {
    const [app, proc] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return app.endsWith('\n') ? app + proc : `${app}\n${proc}`;
  }

  /**
   * The job queue's depth, read through the API's pool. When the pool is exhausted the query would
   * queue behind the requests: after a second the scrape goes on with the last figures read.
   */
  private async jobDepth(): Promise<JobDepth[]> {
    if (!this.db.isInitialized) return [];
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<JobDepth[]>((resolve) => (timer = setTimeout(() => resolve(this.lastJobDepth), 1000)));
    try {
      return await Promise.race([this.readJobDepth().then((rows) => (this.lastJobDepth = rows)), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async readJobDepth(): Promise<JobDepth[]> {
    try {
      if (!this.jobSchema) {
        const [{ exists }] = await this.db.query(`SELECT to_regclass('pgboss.queue') IS NOT NULL AS exists`);
        if (!exists) return [];
        this.jobSchema = true;
      }
      return await this.db.query(
        `SELECT q.name,
                count(j.id) FILTER (WHERE j.state IN ('created', 'retry'))::int AS queued,
                count(j.id) FILTER (WHERE j.state = 'active')::int AS running,
                count(j.id) FILTER (WHERE j.state = 'failed')::int AS failed
           FROM pgboss.queue q LEFT JOIN pgboss.job j ON j.name = q.name AND j.state IN ('created', 'retry', 'active', 'failed')
          GROUP BY q.name ORDER BY q.name`,
      );
    } catch (e) {
      // Metrics matter most when the database is in trouble: serve the rest.
      this.logger.warn(`Job queue depth not read: ${(e as Error).message}`);
      return [];
    }
  }
}
