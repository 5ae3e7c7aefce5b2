import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from './bootstrap';
import { migrate } from './core/database/migrate';
import { ConfigError, loadConfig } from './core/config/config';
import { JsonLogger } from './core/logging/logger';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const logger = new JsonLogger(config.logLevel);
  const app = await createApp(config, logger);
  if (config.migrateOnStart) {
    const ran = await migrate(app.get(DataSource));
    if (ran.length) logger.write('info', `Applied migrations: ${ran.join(', ')}`);
  }
  // Drain in-flight requests on SIGTERM before the database pool closes.
  const server = await app.listen(config.port, process.env.API_HOST || '127.0.0.1');
  server.keepAliveTimeout = 65_000;
  logger.write('info', `API listening on ${process.env.API_HOST || '127.0.0.1'}:${config.port}`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => logger.write('info', `${signal} received: finishing in-flight requests, then closing the database pool`));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
