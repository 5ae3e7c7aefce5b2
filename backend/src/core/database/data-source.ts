import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { Foundation1795000000000 } from './migrations/1795000000000-foundation';
import { Catalogue1795000000001 } from './migrations/1795000000001-catalogue';
import { CatalogueSearchVersion1795000000030 } from './migrations/1795000000030-catalogue-search-version';
import { IdempotencyKeys1795000000040 } from './migrations/1795000000040-idempotency-keys';
import { Ordering1795000000050 } from './migrations/1795000000050-ordering';

// A DATE is a calendar day, not an instant: keep PostgreSQL's YYYY-MM-DD instead of a midnight
// Date in the server's time zone.
types.setTypeParser(types.builtins.DATE, (value) => value);

/** Migrations run in order; never edit one that has been committed, add a new one. */
export const migrations = [Foundation1795000000000, Catalogue1795000000001, CatalogueSearchVersion1795000000030, IdempotencyKeys1795000000040, Ordering1795000000050];

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTransactionMode: 'each',
    entities: [__dirname + '/../../**/*.entity.{js,ts}'],
    extra: {
      max: 20,
      connectionTimeoutMillis: 5000,
      // Bounded statements: a stuck query becomes an error, not a hung request.
      statement_timeout: 30000,
      application_name: 'gpit-marketplace',
    },
  };
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}
