import { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { AppConfig, loadConfig } from '../src/core/config/config';
import { createDataSource } from '../src/core/database/data-source';
import { JsonLogger } from '../src/core/logging/logger';

export const DEMO_PASSWORD = 'Demo-password-2026';
export const DEMO = {
  practiceManager: 'practice.manager@demo.gpit.test',
  commissioner: 'commissioner@demo.gpit.test',
  vendor: 'vendor@demo.gpit.test',
  operator: 'operator@demo.gpit.test',
  approver: 'approver@demo.gpit.test',
} as const;

function dbUrl(name: string) {
  const u = new URL(process.env.TEST_PG_ADMIN_URL!);
  u.pathname = '/' + name;
  return u.toString();
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh database cloned from the migrated, seeded template; dropped again by close(). */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${process.env.TEST_TEMPLATE_DB}"`));
  return {
    name,
    url: dbUrl(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** A TypeORM data source on a fresh clone of the template, for tests below the HTTP layer. */
export async function createTestDataSource(): Promise<{ db: DataSource; close: () => Promise<void> }> {
  const database = await createTestDatabase();
  const db = createDataSource(database.url);
  await db.initialize();
  return {
    db,
    close: async () => {
      await db.destroy();
      await database.drop();
    },
  };
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  /** A supertest agent holding the session cookie, plus the CSRF token its writes need. */
  signIn: (email: string, password?: string) => Promise<{ agent: ReturnType<typeof request.agent>; csrf: string }>;
  close: () => Promise<void>;
}

/** `logger`: where the app logs (default: errors only, to stdout); tests that read the logs pass their own. */
export async function createTestApp(env: Record<string, string> = {}, logger: JsonLogger = new JsonLogger('error')): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', MIGRATE_ON_START: 'false', ...env, DATABASE_URL: database.url });
  const app = await createApp(config, logger);
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    config,
    db: app.get(DataSource),
    http: () => request(server),
    signIn: async (email, password = DEMO_PASSWORD) => {
      const agent = request.agent(server);
      const res = await agent.post('/api/auth/sign-in').send({ email, password });
      if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { agent, csrf: res.body.csrfToken };
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
