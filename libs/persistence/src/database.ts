import { DataSource, type EntityManager } from 'typeorm';
import { baseDataSourceOptions } from './data-source-options';
import { consoleLogger, type DatabaseOptions } from './database-options';
import { EmbeddedPostgres } from './embedded-postgres';
import { applyMigrations } from './migrations';
import { assertValidServices, type ServiceSchema } from './service-schema';

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

const DEFAULT_POOL_SIZE = 10;
/**
 * Embedded mode has one connection: code that opens a second one from inside a transaction (e.g.
 * `dataSource.query` instead of the transaction's manager) would wait forever. Fail loudly instead.
 */
const EMBEDDED_ACQUIRE_TIMEOUT_MS = 60_000;

/**
 * The platform's handle on Postgres: migrated schemas for the given services and one runtime
 * DataSource holding all of their entities. With a URL it talks to a real server; without one it
 * starts PGlite in this process, where every transaction runs one at a time.
 */
export class Database {
  private closed = false;

  private constructor(
    readonly dataSource: DataSource,
    private readonly embeddedServer: EmbeddedPostgres | undefined,
  ) {}

  /** True when running on embedded PGlite (one connection, serialised transactions). */
  get embedded(): boolean {
    return this.embeddedServer !== undefined;
  }

  static async open(options: DatabaseOptions, services: readonly ServiceSchema[]): Promise<Database> {
    assertValidServices(services);
    const logger = options.logger ?? consoleLogger;
    const embedded = options.url ? undefined : await EmbeddedPostgres.start(options.embeddedDataDir, logger);
    const url = options.url ?? embedded?.url;
    if (url === undefined) throw new Error('unreachable: embedded server provides a URL');
    try {
      // Migrations finish, and their connection closes, before the runtime pool opens: in embedded
      // mode only one connection may exist at any moment.
      await applyMigrations(
        {
          url,
          applicationName: options.applicationName,
          logger,
          ...(embedded ? { idle: () => embedded.idle() } : {}),
        },
        services,
      );
      const dataSource = new DataSource({
        ...baseDataSourceOptions(url, options.applicationName, logger),
        entities: services.flatMap((service) => service.entities),
        poolSize: embedded ? 1 : (options.poolSize ?? DEFAULT_POOL_SIZE),
        // Keep the single embedded connection open rather than reconnecting after idle periods.
        ...(embedded
          ? { extra: { idleTimeoutMillis: 0, connectionTimeoutMillis: EMBEDDED_ACQUIRE_TIMEOUT_MS } }
          : {}),
      });
      await dataSource.initialize();
      return new Database(dataSource, embedded);
    } catch (error) {
      await embedded?.stop();
      throw error;
    }
  }

  /**
   * Runs `work` in one transaction: committed if it resolves, rolled back if it throws. Use only the
   * given manager inside: in embedded mode a second connection cannot be had while this one is busy.
   */
  transaction<T>(
    work: (manager: EntityManager) => Promise<T>,
    options: { isolationLevel?: IsolationLevel } = {},
  ): Promise<T> {
    return options.isolationLevel
      ? this.dataSource.transaction(options.isolationLevel, work)
      : this.dataSource.transaction(work);
  }

  /** Readiness check: a real round trip to the database. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** Closes the pool, then (embedded) the socket server and PGlite. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
    } finally {
      await this.embeddedServer?.stop();
    }
  }
}
