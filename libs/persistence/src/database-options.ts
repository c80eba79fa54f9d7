/** Minimal logger the persistence layer writes to; pino and console both satisfy it. */
export interface PersistenceLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface DatabaseOptions {
  /** Postgres connection URL. Absent: an embedded PGlite database is started in this process. */
  url?: string;
  /** Embedded mode only: directory holding the PGlite data. Absent: in memory, gone on close. */
  embeddedDataDir?: string;
  /** Postgres mode only: connections in the runtime pool (default 10). Embedded mode always uses 1. */
  poolSize?: number;
  /** Shown in pg_stat_activity, e.g. `careloop-referrals`. */
  applicationName?: string;
  logger?: PersistenceLogger;
}

export const consoleLogger: PersistenceLogger = {
  info: (message) => console.info(message),
  warn: (message) => console.warn(message),
};
