export { Database } from './database';
export type { IsolationLevel } from './database';
export type { DatabaseOptions, PersistenceLogger } from './database-options';
export type { EntityClass, MigrationClass, ServiceSchema } from './service-schema';
export { runMigrations, revertLastMigration } from './migrations';
export type { MigrationOutcome } from './migrations';
export { runMigrationCli } from './migration-cli';
export { PersistenceModule, PERSISTENCE_OPTIONS } from './persistence.module';
export type { PersistenceModuleAsyncOptions, PersistenceModuleOptions } from './persistence.module';
