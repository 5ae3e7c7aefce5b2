import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { buildOpenApiDocument } from '../../bootstrap';
import { JobsService } from '../../core/jobs/jobs.service';
import { createTestApp, TestApp } from '../../../test/test-app';
import { isLoopback } from './metrics.access';

/** Samples of the Prometheus text format: name, labels, value. */
function samples(text: string) {
  const out: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

/** The value of the one sample named `name` whose labels include `labels`; 0 when absent. */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  const found = samples(text).filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value ?? 0;
}

/** Prometheus text format 0.0.4 (Express orders the parameters its own way). */
function expectPrometheusText(contentType: string) {
  expect(contentType.split(/;\s*/).sort()).toEqual(['charset=utf-8', 'text/plain', 'version=0.0.4']);
}

describe('metrics (GET /api/metrics)', () => {
  describe('without METRICS_TOKEN: loopback clients only', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    const scrape = async () => (await t.http().get('/api/metrics').expect(200)).text;

    it('serves the Prometheus text format to a client on this machine', async () => {
      const res = await t.http().get('/api/metrics').expect(200);
      expectPrometheusText(res.headers['content-type']);
      expect(res.headers['cache-control']).toBe('no-store');
      for (const name of [
        'http_requests_total',
        'http_request_duration_seconds',
        'db_pool_connections',
        'db_pool_idle_connections',
        'db_pool_waiting_clients',
        'db_pool_max_connections',
        'job_queue_jobs',
        'process_resident_memory_bytes',
        'nodejs_heap_size_used_bytes',
        'nodejs_eventloop_lag_seconds',
      ]) {
        expect(res.text).toContain(`# TYPE ${name} `);
      }
      expect(value(res.text, 'db_pool_max_connections')).toBe(20);
      expect(value(res.text, 'db_pool_connections')).toBeGreaterThanOrEqual(1);
      expect(value(res.text, 'db_pool_waiting_clients')).toBe(0);
      expect(value(res.text, 'process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024);
    });

    it('counts a request under its route template and status class, and times it', async () => {
      const route = '/api/ocds/releases/:ocid';
      const labels = { method: 'GET', route };
      const before = await scrape();
      await t.http().get('/api/ocds/releases/ocds-gpitm-C999991').expect(404);
      await t.http().get('/api/ocds/releases/ocds-gpitm-C999992').expect(404);
      await t.http().get('/api/health').expect(200);
      const after = await scrape();

      expect(value(after, 'http_requests_total', { ...labels, status_class: '4xx' }) - value(before, 'http_requests_total', { ...labels, status_class: '4xx' })).toBe(2);
      expect(value(after, 'http_request_duration_seconds_count', labels) - value(before, 'http_request_duration_seconds_count', labels)).toBe(2);
      expect(value(after, 'http_request_duration_seconds_sum', labels)).toBeGreaterThan(value(before, 'http_request_duration_seconds_sum', labels));
      // Cumulative buckets: the 2 s bucket holds both, +Inf holds everything.
      expect(value(after, 'http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(value(after, 'http_request_duration_seconds_count', labels));
      expect(value(after, 'http_requests_total', { method: 'GET', route: '/api/health', status_class: '2xx' })).toBeGreaterThanOrEqual(1);
      // The raw URL never becomes a label.
      expect(after).not.toContain('C999991');
    });

    it('counts requests that match no route under one label', async () => {
      const labels = { method: 'GET', route: 'unmatched', status_class: '4xx' };
      const before = value(await scrape(), 'http_requests_total', labels);
      await t.http().get('/api/no-such-thing/1').expect(404);
      await t.http().get('/api/no-such-thing/2').expect(404);
      await t.http().post('/api/auth/sign-in').set('content-type', 'application/json').send('{"email":').expect(400);
      const after = await scrape();
      expect(value(after, 'http_requests_total', labels) - before).toBe(2);
      expect(value(after, 'http_requests_total', { method: 'POST', route: 'unmatched', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
      expect(after).not.toContain('no-such-thing');
    });

    it('reports the job queue’s depth by job name: queued, running, failed', async () => {
      // The queue's tables exist once a queue has started; then stopped, so no worker takes the jobs below.
      const jobs = t.app.get(JobsService);
      await jobs.start();
      await jobs.stop();
      const name = 'contract-alerts';
      const [{ exists }] = await t.db.query(`SELECT EXISTS (SELECT 1 FROM pgboss.queue WHERE name = $1) AS exists`, [name]);
      expect(exists).toBe(true);
      await t.db.query(
        `INSERT INTO pgboss.job (name, state) VALUES ($1, 'created'), ($1, 'created'), ($1, 'retry'), ($1, 'active'), ($1, 'failed'), ($1, 'completed')`,
        [name],
      );
      const text = await scrape();
      expect(value(text, 'job_queue_jobs', { job: name, state: 'queued' })).toBe(3);
      expect(value(text, 'job_queue_jobs', { job: name, state: 'running' })).toBe(1);
      expect(value(text, 'job_queue_jobs', { job: name, state: 'failed' })).toBe(1);
    });

    it('answers within about a second when every pool connection is busy, showing the queue', async () => {
      // 21 slow queries on a pool of 20: one waits, and so would the scrape's job-queue query.
      const sleepers = Array.from({ length: 21 }, () => t.db.query('SELECT pg_sleep(3)'));
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      const text = await scrape();
      expect(Date.now() - started).toBeLessThan(2500);
      expect(value(text, 'db_pool_connections')).toBe(20);
      expect(value(text, 'db_pool_idle_connections')).toBe(0);
      expect(value(text, 'db_pool_waiting_clients')).toBeGreaterThanOrEqual(1);
      await Promise.all(sleepers);
    });

    it('refuses a request the portal forwards from another machine (X-Forwarded-For from a trusted proxy)', async () => {
      const res = await t.http().get('/api/metrics').set('X-Forwarded-For', '203.0.113.7').expect(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 403, code: 'forbidden' });
    });

    it('recognises loopback addresses, IPv4, IPv6 and IPv4-mapped', () => {
      for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a)).toBe(true);
      for (const a of [undefined, '', '192.0.2.2', '::ffff:192.0.2.2', 'fd00::2', '10.127.0.1', '::2']) expect(isLoopback(a)).toBe(false);
    });

    it('is not in the OpenAPI document (an operational endpoint, not the portal’s API)', () => {
      expect(Object.keys(buildOpenApiDocument(t.app).paths)).not.toContain('/api/metrics');
    });

    // A real socket from another address needs a non-loopback interface; this machine's own is one.
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && !a.internal && a.family === 'IPv4');
    (external ? it : it.skip)('refuses a client connecting from a non-loopback address', async () => {
      const server = http.createServer(t.app.getHttpAdapter().getInstance());
      await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const status = await new Promise<number>((resolve, reject) =>
          http.get({ host: external!.address, localAddress: external!.address, port, path: '/api/metrics' }, (res) => (res.resume(), resolve(res.statusCode!))).on('error', reject),
        );
        expect(status).toBe(403);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe('with METRICS_TOKEN: the bearer token only', () => {
    const token = 'scrape-token-0123456789abcdef';
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ METRICS_TOKEN: token });
    });
    afterAll(() => t.close());

    it('refuses a request without the token, even from loopback, with problem+json and a Bearer challenge', async () => {
      const res = await t.http().get('/api/metrics').expect(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(res.body).toMatchObject({ status: 401, code: 'unauthenticated' });
    });

    it('refuses a wrong token', async () => {
      await t.http().get('/api/metrics').set('Authorization', `Bearer ${token}x`).expect(401);
      await t.http().get('/api/metrics').set('Authorization', `Basic ${token}`).expect(401);
    });

    it('serves the metrics with the token, from any address', async () => {
      const res = await t.http().get('/api/metrics').set('Authorization', `Bearer ${token}`).set('X-Forwarded-For', '203.0.113.7').expect(200);
      expectPrometheusText(res.headers['content-type']);
      expect(res.text).toContain('# TYPE http_requests_total counter');
    });
  });
});
