/** Schema names are interpolated into SQL, so only plain lower-case identifiers are allowed. */
export function assertSchemaName(schema: string): void {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
}
