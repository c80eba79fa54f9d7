import { DataSource, MigrationExecutor, type QueryRunner } from 'typeorm';
import { baseDataSourceOptions } from './data-source-options';
import { consoleLogger, type DatabaseOptions, type PersistenceLogger } from './database-options';
import { EmbeddedPostgres } from './embedded-postgres';
import { assertValidServices, type ServiceSchema } from './service-schema';

export interface MigrationOutcome {
  schema: string;
  /** Names of the migrations that ran now, in order; empty when the schema was already up to date. */
  executed: string[];
}

interface Target {
  url: string;
  applicationName: string | undefined;
  logger: PersistenceLogger;
  /** Embedded only: waits until the single allowed connection is free again. */
  idle?: () => Promise<void>;
}

/**
 * Runs every pending migration of each service, one service after another. Each service gets its own
 * short-lived DataSource whose default schema is the service's, so TypeORM keeps the history in
 * `<schema>.migrations`. Each migration runs in its own transaction (a migration may opt out with
 * `transaction = false`, e.g. for CREATE INDEX CONCURRENTLY).
 */
export async function applyMigrations(
  target: Target,
  services: readonly ServiceSchema[],
): Promise<MigrationOutcome[]> {
  const outcomes: MigrationOutcome[] = [];
  for (const service of services) {
    const executed = await withServiceRunner(target, service, async (dataSource, runner) => {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${service.schema}"`);
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      return (await executor.executePendingMigrations()).map((migration) => migration.name);
    });
    target.logger.info(
      executed.length === 0
        ? `Migrations: schema "${service.schema}" is up to date`
        : `Migrations: schema "${service.schema}" ran ${executed.join(', ')}`,
    );
    outcomes.push({ schema: service.schema, executed });
  }
  return outcomes;
}

/** Reverts the most recently applied migration of one service (its `down`), returning its name. */
export async function revertLast(target: Target, service: ServiceSchema): Promise<string | undefined> {
  const reverted = await withServiceRunner(target, service, async (dataSource, runner) => {
    if (!(await runner.hasTable(`${service.schema}.migrations`))) return undefined;
    const rows: { name: string }[] = await runner.query(
      `SELECT name FROM "${service.schema}"."migrations" ORDER BY id DESC LIMIT 1`,
    );
    const last = rows[0]?.name;
    if (last === undefined) return undefined;
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    await executor.undoLastMigration();
    return last;
  });
  target.logger.info(
    reverted
      ? `Migrations: schema "${service.schema}" reverted ${reverted}`
      : `Migrations: schema "${service.schema}" has nothing to revert`,
  );
  return reverted;
}

/** Script entry: applies pending migrations, starting (and stopping) embedded PGlite when there is no URL. */
export async function runMigrations(
  options: DatabaseOptions,
  services: readonly ServiceSchema[],
): Promise<MigrationOutcome[]> {
  assertValidServices(services);
  return withTarget(options, (target) => applyMigrations(target, services));
}

/** Script entry: reverts the last migration of one service. */
export async function revertLastMigration(
  options: DatabaseOptions,
  service: ServiceSchema,
): Promise<string | undefined> {
  assertValidServices([service]);
  return withTarget(options, (target) => revertLast(target, service));
}

async function withTarget<T>(options: DatabaseOptions, work: (target: Target) => Promise<T>): Promise<T> {
  const logger = options.logger ?? consoleLogger;
  if (options.url) return work({ url: options.url, applicationName: options.applicationName, logger });
  if (!options.embeddedDataDir) {
    logger.warn(
      'Migrations: no database URL and no embedded data directory; migrating a throwaway in-memory database',
    );
  }
  const embedded = await EmbeddedPostgres.start(options.embeddedDataDir, logger);
  try {
    return await work({
      url: embedded.url,
      applicationName: options.applicationName,
      logger,
      idle: () => embedded.idle(),
    });
  } finally {
    await embedded.stop();
  }
}

/**
 * Opens a one-connection DataSource for the service and holds a session advisory lock named after
 * its schema, so two processes starting together never run the same migrations twice.
 */
async function withServiceRunner<T>(
  target: Target,
  service: ServiceSchema,
  work: (dataSource: DataSource, runner: QueryRunner) => Promise<T>,
): Promise<T> {
  await target.idle?.();
  const dataSource = new DataSource({
    ...baseDataSourceOptions(target.url, target.applicationName, target.logger),
    schema: service.schema,
    entities: service.entities,
    migrations: service.migrations,
    migrationsTableName: 'migrations',
    poolSize: 1,
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  const lockKey = `careloop:migrations:${service.schema}`;
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    try {
      return await work(dataSource, runner);
    } finally {
      // Closing the session below releases the lock anyway, so a failed unlock must not hide the real error.
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
    await target.idle?.();
  }
}
