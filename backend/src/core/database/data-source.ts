import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { Foundation1795000000000 } from './migrations/1795000000000-foundation';
import { Catalogue1795000000001 } from './migrations/1795000000001-catalogue';
import { CatalogueSearchVersion1795000000030 } from './migrations/1795000000030-catalogue-search-version';
import { IdempotencyKeys1795000000040 } from './migrations/1795000000040-idempotency-keys';
import { Ordering1795000000050 } from './migrations/1795000000050-ordering';
import { Ocds1795000000060 } from './migrations/1795000000060-ocds';
import { Oversight1795000000061 } from './migrations/1795000000061-oversight';
import { Alerts1795000000062 } from './migrations/1795000000062-alerts';
import { Switching1795000000063 } from './migrations/1795000000063-switching';
import { Dashboards1795000000064 } from './migrations/1795000000064-dashboards';
import { Payments1795000000070 } from './migrations/1795000000070-payments';
import { PaymentsReconcile1795000000071 } from './migrations/1795000000071-payments-reconcile';
import { Competitions1795000000080 } from './migrations/1795000000080-competitions';
import { RegisterBySolution1795000000090 } from './migrations/1795000000090-register-by-solution';
import { Onboarding1795000000100 } from './migrations/1795000000100-onboarding';
import { IdempotencyOwner1795000000110 } from './migrations/1795000000110-idempotency-owner';
import { AdditionalServicesIndex1795000000111 } from './migrations/1795000000111-additional-services-index';

// A DATE is a calendar day, not an instant: keep PostgreSQL's YYYY-MM-DD instead of a midnight
// Date in the server's time zone.
types.setTypeParser(types.builtins.DATE, (value) => value);

/** Migrations run in order; never edit one that has been committed, add a new one. */
export const migrations = [
  Foundation1795000000000,
  Catalogue1795000000001,
  CatalogueSearchVersion1795000000030,
  IdempotencyKeys1795000000040,
  Ordering1795000000050,
  Ocds1795000000060,
  Oversight1795000000061,
  Alerts1795000000062,
  Switching1795000000063,
  Dashboards1795000000064,
  Payments1795000000070,
  PaymentsReconcile1795000000071,
  Competitions1795000000080,
  RegisterBySolution1795000000090,
  Onboarding1795000000100,
  IdempotencyOwner1795000000110,
  AdditionalServicesIndex1795000000111,
];

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
