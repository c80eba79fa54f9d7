import type { EntitySchema, MigrationInterface } from 'typeorm';
import { assertSchemaName } from './schema-name';

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

/** Refuses schema names that would need quoting or collide, before anything touches the database. */
export function assertValidServices(services: readonly ServiceSchema[]): void {
  const seen = new Set<string>();
  for (const service of services) {
    assertSchemaName(service.schema);
    if (seen.has(service.schema))
      throw new Error(`Schema "${service.schema}" is declared by more than one service`);
    seen.add(service.schema);
  }
}
