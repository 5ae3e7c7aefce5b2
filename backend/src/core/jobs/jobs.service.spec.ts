import { loadConfig } from '../config/config';
import { JobsService } from './jobs.service';

const env = { DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused' };

describe('job queue configuration', () => {
  it('runs by default, except in tests and when JOBS_ENABLED says otherwise', () => {
    expect(loadConfig({ ...env, NODE_ENV: 'production' }).jobsEnabled).toBe(true);
    expect(loadConfig({ ...env, NODE_ENV: 'development' }).jobsEnabled).toBe(true);
    expect(loadConfig({ ...env, NODE_ENV: 'test' }).jobsEnabled).toBe(false);
    expect(loadConfig({ ...env, NODE_ENV: 'test', JOBS_ENABLED: 'true' }).jobsEnabled).toBe(true);
    expect(loadConfig({ ...env, NODE_ENV: 'production', JOBS_ENABLED: 'false' }).jobsEnabled).toBe(false);
    expect(() => loadConfig({ ...env, JOBS_ENABLED: 'sometimes' })).toThrow('JOBS_ENABLED must be true or false, got "sometimes"');
  });

  it('does not start without a database or when disabled, and refuses to send then', async () => {
    for (const config of [
      loadConfig({ ...env, NODE_ENV: 'production', DATABASE_CONNECT: 'false' }),
      loadConfig({ ...env, NODE_ENV: 'production', JOBS_ENABLED: 'false' }),
    ]) {
      const jobs = new JobsService(config);
      jobs.register({ name: 'noop', handler: async () => undefined });
      await jobs.onApplicationBootstrap();
      expect(jobs.running).toBe(false);
      await expect(jobs.send('noop')).rejects.toThrow('The job queue is not running');
      await jobs.onApplicationShutdown();
    }
  });
});
