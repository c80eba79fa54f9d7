import type { Logger } from 'typeorm';
import type { PersistenceLogger } from './database-options';

/**
 * Routes TypeORM's own messages into our logger. Queries are not logged (they may carry client data);
 * migration failures and driver warnings are. Our runner logs which migrations ran itself.
 */
export function typeormLogger(logger: PersistenceLogger): Logger {
  return {
    logQuery: () => undefined,
    logQueryError: () => undefined,
    logQuerySlow: (time) => logger.warn(`Slow query: ${time} ms`),
    logSchemaBuild: () => undefined,
    logMigration: (message) => logger.warn(message),
    log: (level, message: unknown) => {
      if (level === 'warn') logger.warn(String(message));
    },
  };
}
