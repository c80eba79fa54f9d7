import type { EntityManager } from 'typeorm';
import { quoteSchema } from './schema-name';

// Column and table names are interpolated into SQL (values are bound), so each is checked.
const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

/** A versioned row of a service's projection (its own table), e.g. its copy of a client snapshot. */
export interface VersionedRow {
  schema: string;
  table: string;
  /** The unique column the row is found by; it is never overwritten. */
  key: string;
  /** Column → value; includes `key` and `version`. */
  values: Readonly<Record<string, unknown>>;
  /** Columns written when the row is made and left as they are after (data the snapshot lacks). */
  insertOnly?: readonly string[];
  /** Columns that keep the later of the stored and the new value (a timestamp other events also move). */
  keepLatest?: readonly string[];
}

/**
 * Inserts the row, or overwrites the stored one only if `values.version` is higher: snapshots of one
 * row can arrive out of order (a redelivery, a replay after a dead letter), and an older one arriving
 * late changes nothing. One statement decides by version, so two consumers racing on the same row
 * cannot interleave.
 */
export async function upsertIfNewerVersion(manager: EntityManager, row: VersionedRow): Promise<void> {
  const columns = Object.keys(row.values);
  const insertOnly = row.insertOnly ?? [];
  const keepLatest = row.keepLatest ?? [];
  for (const name of [row.table, ...columns])
    if (!IDENTIFIER.test(name)) throw new Error(`Invalid table or column name: ${name}`);
  for (const required of [row.key, 'version'])
    if (!columns.includes(required)) throw new Error(`A versioned row needs a value for "${required}"`);
  for (const name of [...insertOnly, ...keepLatest])
    if (!columns.includes(name)) throw new Error(`"${name}" is not one of the row's columns`);

  const overwrite = columns
    .filter((c) => c !== row.key && !insertOnly.includes(c))
    .map((c) =>
      keepLatest.includes(c)
        ? `"${c}" = GREATEST(current."${c}", EXCLUDED."${c}")`
        : `"${c}" = EXCLUDED."${c}"`,
    );
  await manager.query(
    `INSERT INTO ${quoteSchema(row.schema)}."${row.table}" AS current (${columns.map((c) => `"${c}"`).join(', ')})
     VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT ("${row.key}") DO UPDATE SET ${overwrite.join(', ')}
     WHERE current."version" < EXCLUDED."version"`,
    Object.values(row.values),
  );
}
