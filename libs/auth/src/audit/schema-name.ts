const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Quotes a service's schema name for SQL, refusing anything but a plain lower-case identifier. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`Schema name must be a lower-case identifier, got "${schema}"`);
  return `"${schema}"`;
}
