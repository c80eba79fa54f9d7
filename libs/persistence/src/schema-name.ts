// Schema names are interpolated into SQL (identifiers cannot be bound parameters), so every library
// that does so checks them with this one rule: a plain lower-case identifier that needs no quoting
// escapes, fits Postgres's 63-byte limit and is not a schema Postgres itself owns.
const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** Throws unless `schema` is safe to write into SQL as a service's own schema. */
export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `Invalid schema name "${schema}": use a lower-case identifier (a letter, then letters, digits or underscores)`,
    );
  }
  if (schema === 'public' || schema.startsWith('pg_')) {
    throw new Error(`Schema "${schema}" is reserved; give the service its own schema`);
  }
}

/** `"schema"`, after {@link assertSchemaName}. */
export function quoteSchema(schema: string): string {
  assertSchemaName(schema);
  return `"${schema}"`;
}

/** `in_reach` → `InReach`. */
export function pascalCase(schema: string): string {
  return schema.replace(/(^|_)([a-z0-9])/g, (_match, _sep: string, ch: string) => ch.toUpperCase());
}

/**
 * Name of a migration a library builds for each service schema, e.g. `AuditLogReferrals1764400000000`.
 * Unique per schema because several services may migrate from one process, and ending in the 13-digit
 * timestamp TypeORM orders migrations by. Names are recorded in `<schema>.migrations`: never change
 * what this returns for an existing schema.
 */
export function schemaMigrationName(prefix: string, schema: string, timestamp: number): string {
  assertSchemaName(schema);
  if (!/^\d{13}$/.test(String(timestamp)))
    throw new Error(`Migration timestamp must have 13 digits: ${timestamp}`);
  return `${prefix}${pascalCase(schema)}${timestamp}`;
}
