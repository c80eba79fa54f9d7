import type { DataSourceOptions } from 'typeorm';
import type { PersistenceLogger } from './database-options';
import { typeormLogger } from './typeorm-logger';

export type PostgresDataSourceOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

/**
 * Settings every DataSource we build shares. `synchronize` and `migrationsRun` are pinned off: only
 * our migration runner changes the schema. `installExtensions` is off because extensions are created
 * by migrations too (TypeORM would otherwise try to add uuid-ossp on its own).
 */
export function baseDataSourceOptions(
  url: string,
  applicationName: string | undefined,
  logger: PersistenceLogger,
): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    logger: typeormLogger(logger),
    ...(applicationName ? { applicationName } : {}),
  };
}
