import type { EntitySchema, MigrationInterface } from 'typeorm';

/** A migration class; its name must end in a 13-digit timestamp (TypeORM orders migrations by it). */
export type MigrationClass = new () => MigrationInterface;

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity target type is `Function`.
export type EntityClass = Function | EntitySchema;

/**
 * What a service brings to a Database: its own Postgres schema (which it alone owns), the entities
 * mapped into it (each declares `schema` explicitly) and the migrations that build it. Migrations are
 * recorded in `<schema>.migrations`, so services version their tables independently.
 */
export interface ServiceSchema {
  schema: string;
  entities: EntityClass[];
  migrations: MigrationClass[];
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** Refuses schema names that would need quoting or collide, before anything touches the database. */
export function assertValidServices(services: readonly ServiceSchema[]): void {
  const seen = new Set<string>();
  for (const service of services) {
    if (!SCHEMA_NAME.test(service.schema)) {
      throw new Error(
        `Invalid schema name "${service.schema}": use lowercase letters, digits and underscores`,
      );
    }
    if (service.schema === 'public' || service.schema.startsWith('pg_')) {
      throw new Error(`Schema "${service.schema}" is reserved; give the service its own schema`);
    }
    if (seen.has(service.schema))
      throw new Error(`Schema "${service.schema}" is declared by more than one service`);
    seen.add(service.schema);
  }
}
